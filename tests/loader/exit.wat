;; Writes "partial" (no newline) to stdout, then calls proc_exit(7) from 50
;; frames deep: the output must still come out, and the status be 7.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 32) "partial")
  (func $deep (param $n i32)
    (if (i32.eqz (local.get $n)) (then (call $exit (i32.const 7))))
    (call $deep (i32.sub (local.get $n) (i32.const 1))))
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 32))
    (i32.store (i32.const 4) (i32.const 7))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16)))
    (call $deep (i32.const 50))))
