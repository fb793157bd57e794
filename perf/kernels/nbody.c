/* nbody — all-pairs gravitational n-body, leapfrog steps; positions,
 * velocities and masses in separate arrays. */
#include "kernel.h"

int main(int argc, char **argv) {
  int n = kn_size(argc, argv, 2000, 200);
  int steps = 28;
  double *px = kn_alloc(sizeof(double) * n), *py = kn_alloc(sizeof(double) * n);
  double *pz = kn_alloc(sizeof(double) * n), *vx = kn_alloc(sizeof(double) * n);
  double *vy = kn_alloc(sizeof(double) * n), *vz = kn_alloc(sizeof(double) * n);
  double *m = kn_alloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) {
    px[i] = kn_rand_double() * 100.0;
    py[i] = kn_rand_double() * 100.0;
    pz[i] = kn_rand_double() * 100.0;
    vx[i] = vy[i] = vz[i] = 0.0;
    m[i] = kn_rand_double() + 0.5;
  }
  const double dt = 0.01, soft = 0.01;
  for (int t = 0; t < steps; t++) {
    for (int i = 0; i < n; i++) {
      double ax = 0, ay = 0, az = 0;
      for (int j = 0; j < n; j++) {
        double dx = px[j] - px[i], dy = py[j] - py[i], dz = pz[j] - pz[i];
        double d2 = dx * dx + dy * dy + dz * dz + soft;
        double inv = 1.0 / __builtin_sqrt(d2);
        double f = m[j] * inv * inv * inv;
        ax += f * dx;
        ay += f * dy;
        az += f * dz;
      }
      vx[i] += dt * ax;
      vy[i] += dt * ay;
      vz[i] += dt * az;
    }
    for (int i = 0; i < n; i++) {
      px[i] += dt * vx[i];
      py[i] += dt * vy[i];
      pz[i] += dt * vz[i];
    }
  }
  kn_sum s;
  kn_sum_init(&s);
  kn_sum_doubles(&s, px, (size_t)n);
  kn_sum_doubles(&s, py, (size_t)n);
  kn_sum_doubles(&s, pz, (size_t)n);
  kn_report("nbody", n, &s);
  return 0;
}
