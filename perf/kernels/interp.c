/* interp — a register bytecode interpreter (switch dispatch, the branchy
 * integer workload) running a Collatz program: the total number of steps
 * for every start value below n. */
#include "kernel.h"

enum { HALT, LOADI, MOV, ADD, ADDI, MULI, ANDI, SHRI, LT, JMP, JZ, JNZ };

typedef struct { uint8_t op, a, b, c; int32_t imm; } insn;

static int64_t run(const insn *code, int64_t *r) {
  int pc = 0;
  int64_t executed = 0;
  for (;;) {
    const insn *i = &code[pc++];
    executed++;
    switch (i->op) {
    case HALT: return executed;
    case LOADI: r[i->a] = i->imm; break;
    case MOV: r[i->a] = r[i->b]; break;
    case ADD: r[i->a] = r[i->b] + r[i->c]; break;
    case ADDI: r[i->a] = r[i->b] + i->imm; break;
    case MULI: r[i->a] = r[i->b] * i->imm; break;
    case ANDI: r[i->a] = r[i->b] & i->imm; break;
    case SHRI: r[i->a] = (int64_t)((uint64_t)r[i->b] >> i->imm); break;
    case LT: r[i->a] = r[i->b] < r[i->c]; break;
    case JMP: pc = i->imm; break;
    case JZ: if (r[i->a] == 0) pc = i->imm; break;
    case JNZ: if (r[i->a] != 0) pc = i->imm; break;
    default: return -1;
    }
  }
}

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 400000, 5000);
  /* r0 start value, r1 limit, r2 total steps, r3 x, r5 scratch. */
  const insn prog[] = {
      /* 0 */ {LOADI, 0, 0, 0, 1},
      /* 1 */ {LOADI, 2, 0, 0, 0},
      /* 2 loop_i */ {MOV, 3, 0, 0, 0},
      /* 3 loop_x */ {ADDI, 5, 3, 0, -1},
      /* 4 */ {JZ, 5, 0, 0, 13},
      /* 5 */ {ANDI, 5, 3, 0, 1},
      /* 6 */ {JZ, 5, 0, 0, 10},
      /* 7 */ {MULI, 3, 3, 0, 3},
      /* 8 */ {ADDI, 3, 3, 0, 1},
      /* 9 */ {JMP, 0, 0, 0, 11},
      /* 10 even */ {SHRI, 3, 3, 0, 1},
      /* 11 count */ {ADDI, 2, 2, 0, 1},
      /* 12 */ {JMP, 0, 0, 0, 3},
      /* 13 done_x */ {ADDI, 0, 0, 0, 1},
      /* 14 */ {LT, 5, 0, 1, 0},
      /* 15 */ {JNZ, 5, 0, 0, 2},
      /* 16 */ {HALT, 0, 0, 0, 0},
  };
  int64_t r[8] = {0};
  r[1] = n;
  int64_t executed = run(prog, r);
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_u64(&s, (uint64_t)r[2]);
  kn_sum_u64(&s, (uint64_t)executed);
  printf("interp: %lld steps, %lld instructions\n", (long long)r[2], (long long)executed);
  kn_report("interp", n, &s);
  return 0;
}
