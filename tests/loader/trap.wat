;; _start -> outer -> inner -> unreachable, after some output.  Also an
;; export for --invoke that divides by its argument, and one whose last
;; instruction is a memory.fill that traps (a tail call to the runtime helper
;; would lose its frame).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 32) "before\n")
  (func $inner (unreachable))
  (func $outer (call $inner) (nop))
  (func (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "fill") (param i32) (memory.fill (local.get 0) (i32.const 0) (i32.const 64)))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 32))
    (i32.store (i32.const 4) (i32.const 7))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))
    (call $outer)))
