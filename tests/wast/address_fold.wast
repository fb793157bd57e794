;; Addresses of the form i32.add(a, C) that wasm2so computes as zext(a) + C
;; (wasm2so/fold_addresses.c), at the edges where that could differ from
;; zext((a + C) mod 2^32): every result here is the one the spec requires.

(module
  (memory 1)
  (data (i32.const 0) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00")
  (data (i32.const 65528) "\05\00\00\00\06\00\00\00")

  ;; C < 0, no static offset: folded.  a < -C wraps past the end: a trap.
  (func (export "neg") (param $a i32) (result i32)
    (i32.load (i32.add (local.get $a) (i32.const -8))))
  ;; C < 0 with a static offset: not folded, as (a + C) + 16 could be in
  ;; bounds only after the wrap.
  (func (export "neg_off") (param $a i32) (result i32)
    (i32.load offset=16 (i32.add (local.get $a) (i32.const -8))))
  ;; C >= 0 after an access through a: folded.
  (func (export "pos_after") (param $a i32) (result i32)
    (i32.add (i32.load (local.get $a))
             (i32.load (i32.add (local.get $a) (i32.const 4)))))
  ;; The same with a static offset on the folded access.
  (func (export "pos_after_off") (param $a i32) (result i32)
    (i32.add (i32.load (local.get $a))
             (i32.load offset=4 (i32.add (local.get $a) (i32.const 4)))))
  ;; C >= 0 with nothing before it: not folded; a + C may wrap into bounds.
  (func (export "pos") (param $a i32) (result i32)
    (i32.load (i32.add (local.get $a) (i32.const 16))))
  ;; C >= 0 after an access through a that traps: the wrap is never reached.
  (func (export "pos_wrap_after") (param $a i32) (result i32)
    (i32.add (i32.load8_u (local.get $a))
             (i32.load (i32.add (local.get $a) (i32.const 16)))))
  ;; The largest constants folded (65536) and not (65537), and a store.
  (func (export "pos_big") (param $a i32) (result i32)
    (i32.add (i32.load8_u (local.get $a))
             (i32.load8_u (i32.add (local.get $a) (i32.const 65536)))))
  (func (export "pos_bigger") (param $a i32) (result i32)
    (i32.add (i32.load8_u (local.get $a))
             (i32.load8_u (i32.add (local.get $a) (i32.const 65537)))))
  (func (export "neg_big") (param $a i32) (result i32)
    (i32.load8_u (i32.add (local.get $a) (i32.const -65536))))
  (func (export "store_pair") (param $a i32) (param $v i32)
    (i32.store (local.get $a) (local.get $v))
    (i32.store (i32.add (local.get $a) (i32.const 4)) (local.get $v)))
  ;; Through a local, as clang writes it (mem2reg makes it one value).
  (func (export "via_local") (param $a i32) (result i32) (local $p i32)
    (local.set $p (i32.add (local.get $a) (i32.const 8)))
    (i32.add (i32.load (local.get $a)) (i32.load (local.get $p))))
  (func (export "size") (result i32) (memory.size))
  ;; a + C after an access through a is marked nuw, whatever it feeds.
  (func (export "next_ptr") (param $a i32) (result i64)
    (drop (i32.load (local.get $a)))
    (i64.extend_i32_u (i32.add (local.get $a) (i32.const 16))))
  ;; C >= 0 loaded before a itself: folded only with nothing observable
  ;; between (a store is).
  (func (export "later") (param $a i32) (result i32)
    (i32.add (i32.load (i32.add (local.get $a) (i32.const 8))) (i32.load (local.get $a))))
  (func (export "later_store") (param $a i32) (result i32) (local $v i32)
    (local.set $v (i32.load (i32.add (local.get $a) (i32.const 8))))
    (i32.store (i32.const 100) (local.get $v))
    (i32.add (local.get $v) (i32.load (local.get $a))))
  (func (export "peek100") (result i32) (i32.load (i32.const 100)))
  (func (export "next_ptr_first") (param $a i32) (result i64) (local $r i32)
    (local.set $r (i32.add (local.get $a) (i32.const 16)))
    (drop (i32.load (local.get $a)))
    (i64.extend_i32_u (local.get $r)))
)

(assert_return (invoke "neg" (i32.const 8)) (i32.const 1))
(assert_return (invoke "neg" (i32.const 20)) (i32.const 4))
(assert_trap (invoke "neg" (i32.const 4)) "out of bounds memory access")
(assert_trap (invoke "neg" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "neg" (i32.const 65536)) (i32.const 5))
(assert_return (invoke "neg" (i32.const 65540)) (i32.const 6))

(assert_return (invoke "neg_off" (i32.const 8)) (i32.const 0))
(assert_return (invoke "neg_off" (i32.const 65520)) (i32.const 5))
(assert_trap (invoke "neg_off" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "neg_off" (i32.const 4)) "out of bounds memory access")
(assert_trap (invoke "neg_off" (i32.const 65532)) "out of bounds memory access")

(assert_return (invoke "pos_after" (i32.const 0)) (i32.const 3))
(assert_return (invoke "pos_after" (i32.const 65524)) (i32.const 5))
(assert_return (invoke "pos_after" (i32.const 65528)) (i32.const 11))
(assert_trap (invoke "pos_after" (i32.const 65532)) "out of bounds memory access")
(assert_trap (invoke "pos_after" (i32.const -4)) "out of bounds memory access")
(assert_return (invoke "pos_after_off" (i32.const 0)) (i32.const 4))
(assert_return (invoke "pos_after_off" (i32.const 65524)) (i32.const 6))
(assert_trap (invoke "pos_after_off" (i32.const 65528)) "out of bounds memory access")

(assert_return (invoke "pos" (i32.const -8)) (i32.const 3))
(assert_return (invoke "pos" (i32.const -16)) (i32.const 1))
(assert_return (invoke "pos" (i32.const 65512)) (i32.const 5))
(assert_trap (invoke "pos" (i32.const 65520)) "out of bounds memory access")

(assert_return (invoke "pos_wrap_after" (i32.const 0)) (i32.const 1))
(assert_trap (invoke "pos_wrap_after" (i32.const -8)) "out of bounds memory access")

(assert_trap (invoke "pos_big" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "pos_bigger" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "neg_big" (i32.const 65536)) (i32.const 1))
(assert_trap (invoke "neg_big" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "neg_big" (i32.const 65535)) "out of bounds memory access")

(assert_return (invoke "store_pair" (i32.const 32) (i32.const 7)))
(assert_return (invoke "pos_after" (i32.const 32)) (i32.const 14))
(assert_trap (invoke "store_pair" (i32.const 65532) (i32.const 9)) "out of bounds memory access")
(assert_return (invoke "neg" (i32.const 65540)) (i32.const 9))

(assert_return (invoke "via_local" (i32.const 0)) (i32.const 4))
(assert_trap (invoke "via_local" (i32.const 65528)) "out of bounds memory access")

(assert_return (invoke "next_ptr" (i32.const 65532)) (i64.const 65548))
(assert_trap (invoke "next_ptr" (i32.const -8)) "out of bounds memory access")
(assert_return (invoke "next_ptr_first" (i32.const 0)) (i64.const 16))
(assert_trap (invoke "next_ptr_first" (i32.const -8)) "out of bounds memory access")

(assert_return (invoke "later" (i32.const 0)) (i32.const 4))
(assert_trap (invoke "later" (i32.const -8)) "out of bounds memory access")
(assert_trap (invoke "later" (i32.const 65528)) "out of bounds memory access")
(assert_return (invoke "peek100") (i32.const 0))
(assert_trap (invoke "later_store" (i32.const -8)) "out of bounds memory access")
(assert_return (invoke "peek100") (i32.const 1))

;; A memory grown to the top: 65536 pages would be 4 GiB, the one size at
;; which a + C could wrap after a in-bounds access; wasmload grows memories
;; to at most 65535 pages (memory.grow may always fail).
(module
  (memory 1)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
)
(assert_return (invoke "grow" (i32.const 65535)) (i32.const -1))
