/* p2p_cancel_status.c — cancelling an unmatched Irecv (Cancel, Wait,
 * Test_cancelled), the status setters (Status_set_elements(_x),
 * Status_set_cancelled) read back through Get_count/Get_elements(_x), and
 * generalized requests (Grequest_start/complete with query, free and cancel
 * functions).  Any number of ranks. */
/* ranks: 4 2 3 */
#include "p2p_log.h"

static int freed, cancelled;

static int query_fn(void *extra, MPI_Status *st) {
  int *v = extra;
  st->MPI_SOURCE = *v;
  st->MPI_TAG = *v + 1;
  MPI_Status_set_elements(st, MPI_SHORT, 3);
  MPI_Status_set_cancelled(st, 0);
  return MPI_SUCCESS;
}
static int free_fn(void *extra) {
  freed += *(int *)extra;
  return MPI_SUCCESS;
}
static int cancel_fn(void *extra, int complete) {
  (void)extra;
  cancelled = 1 + complete;
  return MPI_SUCCESS;
}

int main(int argc, char **argv) {
  log_init(&argc, &argv);
  int r = log_rank;
  MPI_Status st;

  /* An Irecv nobody matches: cancel it, complete it, see it cancelled. */
  int v = -5, flag = -1;
  MPI_Request q;
  MPI_Irecv(&v, 1, MPI_INT, MPI_ANY_SOURCE, 4321, MPI_COMM_WORLD, &q);
  int rc = MPI_Cancel(&q);
  CHECK(rc == MPI_SUCCESS && q != MPI_REQUEST_NULL, "Cancel keeps the request until completion");
  rc = MPI_Wait(&q, &st);
  MPI_Test_cancelled(&st, &flag);
  CHECK(rc == MPI_SUCCESS && flag == 1 && q == MPI_REQUEST_NULL && v == -5,
        "cancelled Irecv: Wait ok, Test_cancelled %d, buffer untouched", flag);
  /* A completed receive is not cancelled. */
  int w = r;
  MPI_Sendrecv(&w, 1, MPI_INT, r, 1, &v, 1, MPI_INT, r, 1, MPI_COMM_WORLD, &st);
  MPI_Test_cancelled(&st, &flag);
  CHECK(flag == 0 && v == r, "a received message is not cancelled");
  /* Cancel of a request that already completed: Test then shows not cancelled. */
  MPI_Irecv(&v, 1, MPI_INT, r, 2, MPI_COMM_WORLD, &q);
  MPI_Send(&w, 1, MPI_INT, r, 2, MPI_COMM_WORLD);
  int done = 0;
  while (!done) MPI_Request_get_status(q, &done, MPI_STATUS_IGNORE);
  MPI_Cancel(&q);
  MPI_Wait(&q, &st);
  MPI_Test_cancelled(&st, &flag);
  CHECK(flag == 0 && st.MPI_SOURCE == r, "cancel after the match: not cancelled");

  /* Status setters keep the public fields. */
  MPI_Status s;
  memset(&s, 0, sizeof s);
  s.MPI_SOURCE = 7;
  s.MPI_TAG = 8;
  MPI_Status_set_elements(&s, MPI_INT, 3);
  int c = -1, e = -1, b = -1;
  MPI_Count ex = -1;
  MPI_Get_count(&s, MPI_INT, &c);
  MPI_Get_elements(&s, MPI_INT, &e);
  MPI_Get_elements_x(&s, MPI_INT, &ex);
  MPI_Get_count(&s, MPI_BYTE, &b);
  CHECK(c == 3 && e == 3 && ex == 3 && b == 12 && s.MPI_SOURCE == 7 && s.MPI_TAG == 8,
        "Status_set_elements(MPI_INT, 3): count %d elements %d/%lld bytes %d, fields kept", c, e,
        (long long)ex, b);
  MPI_Status_set_elements_x(&s, MPI_DOUBLE, (MPI_Count)5);
  MPI_Get_count(&s, MPI_DOUBLE, &c);
  MPI_Get_elements_x(&s, MPI_BYTE, &ex);
  CHECK(c == 5 && ex == 40, "Status_set_elements_x(MPI_DOUBLE, 5): count %d, %lld bytes", c,
        (long long)ex);
  MPI_Status_set_cancelled(&s, 1);
  MPI_Test_cancelled(&s, &flag);
  CHECK(flag == 1 && s.MPI_SOURCE == 7, "Status_set_cancelled(1): Test_cancelled %d", flag);
  MPI_Status_set_cancelled(&s, 0);
  MPI_Test_cancelled(&s, &flag);
  CHECK(flag == 0, "Status_set_cancelled(0): Test_cancelled %d", flag);

  /* Generalized request: pending until Grequest_complete; Wait runs query and free. */
  static int extra;
  extra = 10 + r;
  freed = 0;
  rc = MPI_Grequest_start(query_fn, free_fn, cancel_fn, &extra, &q);
  CHECK(rc == MPI_SUCCESS && q != MPI_REQUEST_NULL, "Grequest_start");
  flag = -1;
  MPI_Test(&q, &flag, &st);
  CHECK(flag == 0 && q != MPI_REQUEST_NULL, "generalized request pending: Test flag %d", flag);
  MPI_Grequest_complete(q);
  rc = MPI_Wait(&q, &st);
  MPI_Get_count(&st, MPI_SHORT, &c);
  MPI_Test_cancelled(&st, &flag);
  CHECK(rc == MPI_SUCCESS && q == MPI_REQUEST_NULL && st.MPI_SOURCE == 10 + r &&
            st.MPI_TAG == 11 + r && c == 3 && flag == 0 && freed == 10 + r,
        "Grequest: status from query (count %d), free_fn ran once", c);
  /* Cancel calls cancel_fn with complete = 0 while pending. */
  freed = 0;
  cancelled = 0;
  MPI_Grequest_start(query_fn, free_fn, cancel_fn, &extra, &q);
  MPI_Cancel(&q);
  CHECK(cancelled == 1, "cancel_fn called with complete = %d", cancelled - 1);
  MPI_Grequest_complete(q);
  MPI_Wait(&q, MPI_STATUS_IGNORE);
  CHECK(q == MPI_REQUEST_NULL && freed == 10 + r, "cancelled generalized request freed");

  /* Freed while pending: free_fn runs at MPI_Grequest_complete (called with
   * a copy of the handle); freed after completion: at once. */
  freed = 0;
  MPI_Request copy;
  MPI_Grequest_start(query_fn, free_fn, cancel_fn, &extra, &q);
  copy = q;
  rc = MPI_Request_free(&q);
  CHECK(rc == MPI_SUCCESS && q == MPI_REQUEST_NULL && freed == 0,
        "Request_free of a pending generalized request: nulled, free_fn not yet run");
  rc = MPI_Grequest_complete(copy);
  CHECK(rc == MPI_SUCCESS && freed == 10 + r, "Grequest_complete after Request_free runs free_fn");
  freed = 0;
  MPI_Grequest_start(query_fn, free_fn, cancel_fn, &extra, &q);
  MPI_Grequest_complete(q);
  rc = MPI_Request_free(&q);
  CHECK(rc == MPI_SUCCESS && q == MPI_REQUEST_NULL && freed == 10 + r,
        "Request_free of a completed generalized request runs free_fn");

  return log_finish();
}
