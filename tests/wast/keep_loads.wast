;; Every load executes, so an out-of-bounds load traps even when its value is
;; never used (wasm2so/keep_loads.c): each export is called with an address
;; past the end (a trap) and one inside (its result).  run-wast.sh runs these
;; at -O0 and -O2; LLVM would delete each of these loads as dead.

(module
  (memory 1)
  (data (i32.const 0) "\01\02\03\04\05\06\07\08\09\0a\0b\0c\0d\0e\0f\10")

  ;; A load into a local that is overwritten before use.
  (func (export "overwritten") (param $a i32) (result i32)
    (local $x i32)
    (local.set $x (i32.load (local.get $a)))
    (local.set $x (i32.const 7))
    (local.get $x))
  ;; A load feeding an arithmetic chain whose result is dropped.
  (func (export "chain") (param $a i32) (result i32)
    (drop (i32.mul (i32.add (i32.load (local.get $a)) (i32.const 3)) (i32.const 5)))
    (i32.const 1))
  ;; A load discarded by select.
  (func (export "select") (param $a i32) (result i32)
    (select (i32.const 1) (i32.load (local.get $a)) (i32.const 1)))
  ;; A load used on one path only: it must still run on the other.
  (func (export "one_path") (param $a i32) (param $c i32) (result i32)
    (local $x i32)
    (local.set $x (i32.load (local.get $a)))
    (if (result i32) (local.get $c) (then (local.get $x)) (else (i32.const 0))))
  ;; Narrow, wide and float loads.
  (func (export "narrow") (param $a i32) (result i32)
    (drop (i32.load8_u (local.get $a))) (drop (i64.load16_s (local.get $a))) (i32.const 2))
  (func (export "wide") (param $a i32) (result i32)
    (drop (i64.extend_i32_u (i32.wrap_i64 (i64.load32_s (local.get $a))))) (i32.const 3))
  (func (export "floats") (param $a i32) (result i32)
    (drop (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load (local.get $a)))))
    (i32.const 4))
  ;; v128 loads of every form; a v128 load partly past the end traps too.
  (func (export "v128") (param $a i32) (result i32)
    (drop (i32x4.extract_lane 0 (v128.load (local.get $a)))) (i32.const 5))
  (func (export "v128_forms") (param $a i32) (result i32)
    (drop (v128.load8x8_s (local.get $a)))
    (drop (v128.load64_splat (local.get $a)))
    (drop (v128.load32_zero (local.get $a)))
    (drop (v128.load16_lane 3 (local.get $a) (v128.const i64x2 0 0)))
    (i32.const 6))
  ;; Dead loads in loops: a fixed trip count and one from a parameter.
  (func (export "loop_fixed") (param $a i32) (result i32)
    (local $i i32) (local $x i32)
    (loop $l
      (local.set $x (i32.load (i32.add (local.get $a) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 16))))
    (i32.const 7))
  (func (export "loop_n") (param $a i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (drop (f32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $s (i32.add (local.get $s) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $s))
  ;; A call result dropped, after inlining.
  (func $get (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "call_dropped") (param $a i32) (result i32)
    (drop (call $get (local.get $a))) (i32.const 8))
  ;; A load whose value is then stored over (the store is dead too).
  (func (export "stored_over") (param $a i32) (result i32)
    (i32.store (i32.const 32) (i32.load (local.get $a)))
    (i32.store (i32.const 32) (i32.const 9))
    (i32.load (i32.const 32)))
)

(assert_trap (invoke "overwritten" (i32.const 65536)) "out of bounds memory access")
(assert_trap (invoke "overwritten" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "overwritten" (i32.const 65532)) (i32.const 7))
(assert_trap (invoke "chain" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "chain" (i32.const 0)) (i32.const 1))
(assert_trap (invoke "select" (i32.const -1)) "out of bounds memory access")
(assert_return (invoke "select" (i32.const 4)) (i32.const 1))
(assert_trap (invoke "one_path" (i32.const 65536) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "one_path" (i32.const 65536) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "one_path" (i32.const 0) (i32.const 0)) (i32.const 0))
(assert_return (invoke "one_path" (i32.const 0) (i32.const 1)) (i32.const 0x04030201))
(assert_trap (invoke "narrow" (i32.const 65536)) "out of bounds memory access")
(assert_trap (invoke "narrow" (i32.const 65535)) "out of bounds memory access")
(assert_return (invoke "narrow" (i32.const 65534)) (i32.const 2))
(assert_trap (invoke "wide" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "wide" (i32.const 65532)) (i32.const 3))
(assert_trap (invoke "floats" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "floats" (i32.const 65528)) (i32.const 4))
(assert_trap (invoke "v128" (i32.const 65521)) "out of bounds memory access")
(assert_return (invoke "v128" (i32.const 65520)) (i32.const 5))
(assert_trap (invoke "v128_forms" (i32.const 65529)) "out of bounds memory access")
(assert_return (invoke "v128_forms" (i32.const 65528)) (i32.const 6))
(assert_trap (invoke "loop_fixed" (i32.const 65524)) "out of bounds memory access")
(assert_return (invoke "loop_fixed" (i32.const 65520)) (i32.const 7))
(assert_trap (invoke "loop_n" (i32.const 65500) (i32.const 10)) "out of bounds memory access")
(assert_return (invoke "loop_n" (i32.const 65496) (i32.const 10)) (i32.const 45))
(assert_trap (invoke "call_dropped" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "call_dropped" (i32.const 0)) (i32.const 8))
(assert_trap (invoke "stored_over" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "stored_over" (i32.const 0)) (i32.const 9))
