# The benchmark suite (`make perf`; not part of `make check`): see perf/README.
