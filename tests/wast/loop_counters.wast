;; Loops whose counter steps by +-2^k to exactly zero, which wasm2so makes
;; countable (wasm2so/loop_counters.c): the trip count must be the spec's for
;; every start, including starts the counter never brings to zero (the loop
;; then only ends by its other exit) and the wrap through 2^32.

(module
  ;; c -= 2 until c == 0, leaving early after $limit iterations; returns
  ;; the iterations run.  The shape clang gives its interleaved loops.
  (func (export "down2") (param $c i32) (param $limit i32) (result i32) (local $n i32)
    (block $early
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $early (i32.eq (local.get $n) (local.get $limit)))
        (br_if $l (local.tee $c (i32.add (local.get $c) (i32.const -2))))))
    (local.get $n))
  (func (export "up4") (param $c i32) (param $limit i32) (result i32) (local $n i32)
    (block $early
      (loop $l
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br_if $early (i32.eq (local.get $n) (local.get $limit)))
        (br_if $l (i32.ne (local.tee $c (i32.add (local.get $c) (i32.const 4))) (i32.const 0)))))
    (local.get $n))
  ;; 2^16 steps: from 0 the counter wraps round once, 65536 iterations.
  (func (export "up65536") (param $c i32) (result i32) (local $n i32)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $l (local.tee $c (i32.add (local.get $c) (i32.const 65536)))))
    (local.get $n))
  ;; A pointer walked beside the counter, summing memory: the lu/gemm shape.
  (memory 1)
  (func (export "fill") (param $n i32) (local $i i32)
    (loop $l
      (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $i))
      (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "sum_pairs") (param $p i32) (param $c i32) (result i32) (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s)
        (i32.add (i32.load (local.get $p)) (i32.load (i32.add (local.get $p) (i32.const 4))))))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br_if $l (local.tee $c (i32.add (local.get $c) (i32.const -2)))))
    (local.get $s))
)

(assert_return (invoke "down2" (i32.const 10) (i32.const 1000)) (i32.const 5))
(assert_return (invoke "down2" (i32.const 2) (i32.const 1000)) (i32.const 1))
(assert_return (invoke "down2" (i32.const 7) (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "down2" (i32.const 1) (i32.const 5)) (i32.const 5))
(assert_return (invoke "down2" (i32.const 0) (i32.const 100000)) (i32.const 100000))
(assert_return (invoke "down2" (i32.const -1) (i32.const 3)) (i32.const 3))
(assert_return (invoke "down2" (i32.const -2) (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "up4" (i32.const -12) (i32.const 1000)) (i32.const 3))
(assert_return (invoke "up4" (i32.const -4) (i32.const 1000)) (i32.const 1))
(assert_return (invoke "up4" (i32.const -10) (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "up4" (i32.const 12) (i32.const 1000)) (i32.const 1000))
(assert_return (invoke "up65536" (i32.const 0)) (i32.const 65536))
(assert_return (invoke "up65536" (i32.const 0x7fff0000)) (i32.const 32769))
(assert_return (invoke "fill" (i32.const 1024)))
(assert_return (invoke "sum_pairs" (i32.const 0) (i32.const 8)) (i32.const 28))
(assert_return (invoke "sum_pairs" (i32.const 0) (i32.const 1024)) (i32.const 523776))
(assert_return (invoke "sum_pairs" (i32.const 400) (i32.const 2)) (i32.const 201))
(assert_trap (invoke "sum_pairs" (i32.const 0) (i32.const 3)) "out of bounds memory access")
