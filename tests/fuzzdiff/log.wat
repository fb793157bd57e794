;; log.wat — the "fuzzing-support" module that binaryen's -ttf modules import.
;; Both engines instantiate this same module, so the logs of each call are
;; compared through a hash ("hash") and count ("count") of the values logged
;; since the last "reset", instead of through each engine's own host functions.  A NaN is logged as one fixed
;; value: its payload may legitimately differ between engines.
(module
  (global $h (mut i64) (i64.const 0))
  (global $n (mut i32) (i32.const 0))
  (func $mix (param $tag i64) (param $x i64)
    (global.set $h
      (i64.mul
        (i64.xor (i64.rotl (global.get $h) (i64.const 7))
                 (i64.xor (local.get $x) (i64.shl (local.get $tag) (i64.const 56))))
        (i64.const 0x100000001b3)))
    (global.set $n (i32.add (global.get $n) (i32.const 1))))
  (func (export "log-i32") (param i32)
    (call $mix (i64.const 1) (i64.extend_i32_u (local.get 0))))
  (func (export "log-i64") (param i64)
    (call $mix (i64.const 2) (local.get 0)))
  (func (export "log-f32") (param f32)
    (call $mix (i64.const 3)
      (select (i64.const 0x7fc00000)
              (i64.extend_i32_u (i32.reinterpret_f32 (local.get 0)))
              (f32.ne (local.get 0) (local.get 0)))))
  (func (export "log-f64") (param f64)
    (call $mix (i64.const 4)
      (select (i64.const 0x7ff8000000000000)
              (i64.reinterpret_f64 (local.get 0))
              (f64.ne (local.get 0) (local.get 0)))))
  (func (export "log-v128") (param v128)
    (call $mix (i64.const 5) (i64x2.extract_lane 0 (local.get 0)))
    (call $mix (i64.const 6) (i64x2.extract_lane 1 (local.get 0))))
  (func (export "reset") (global.set $h (i64.const 0)) (global.set $n (i32.const 0)))
  (func (export "hash") (result i64) (global.get $h))
  (func (export "count") (result i32) (global.get $n)))
