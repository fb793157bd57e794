;; Five imports no host provides, and one with the wrong signature: wasmload
;; must name them all in one run, with the types the module expects.
(module
  (import "env" "alpha" (func (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i64) (result i32)))
  (import "env" "beta" (func))
  (import "env" "mem" (memory 1 2))
  (import "wasi_snapshot_preview1" "no_such_call" (func (param f64) (result f32 i64)))
  (import "env" "g" (global (mut i64)))
  (func (export "_start")))
