;; The encoder head's two dense products, in WebAssembly SIMD (f32x4), for L-BFGS fits and predictions
;; (src/encoder-head/head-kernels.ts loads it; npm run build:kernels compiles it into head-kernels-wasm.ts).
;; Plain simd128 only: no fused multiply-add, so every machine gives the same bits.
(module
  (memory (export "memory") 1)
  ;; out[r*k + c] = dot(x[r], w[c]) for r < n, c < k; rows of x and w are dim floats, dim a multiple of 16
  (func (export "logits") (param $x i32) (param $n i32) (param $dim i32) (param $w i32) (param $k i32) (param $out i32)
    (local $bytes i32) (local $xr i32) (local $xEnd i32) (local $wc i32) (local $wEnd i32) (local $i i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $xr (local.get $x))
    (local.set $xEnd (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $bytes))))
    (local.set $wEnd (i32.add (local.get $w) (i32.mul (local.get $k) (local.get $bytes))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $xr) (local.get $xEnd)))
        (local.set $wc (local.get $w))
        (block $classesDone
          (loop $classes
            (br_if $classesDone (i32.ge_u (local.get $wc) (local.get $wEnd)))
            (local.set $a0 (v128.const f32x4 0 0 0 0))
            (local.set $a1 (v128.const f32x4 0 0 0 0))
            (local.set $a2 (v128.const f32x4 0 0 0 0))
            (local.set $a3 (v128.const f32x4 0 0 0 0))
            (local.set $i (i32.const 0))
            (block $dotDone
              (loop $dot
                (br_if $dotDone (i32.ge_u (local.get $i) (local.get $bytes)))
                (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul
                  (v128.load (i32.add (local.get $xr) (local.get $i)))
                  (v128.load (i32.add (local.get $wc) (local.get $i))))))
                (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul
                  (v128.load offset=16 (i32.add (local.get $xr) (local.get $i)))
                  (v128.load offset=16 (i32.add (local.get $wc) (local.get $i))))))
                (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul
                  (v128.load offset=32 (i32.add (local.get $xr) (local.get $i)))
                  (v128.load offset=32 (i32.add (local.get $wc) (local.get $i))))))
                (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul
                  (v128.load offset=48 (i32.add (local.get $xr) (local.get $i)))
                  (v128.load offset=48 (i32.add (local.get $wc) (local.get $i))))))
                (local.set $i (i32.add (local.get $i) (i32.const 64)))
                (br $dot)))
            (local.set $a0 (f32x4.add (f32x4.add (local.get $a0) (local.get $a1)) (f32x4.add (local.get $a2) (local.get $a3))))
            (f32.store (local.get $out) (f32.add
              (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
              (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (local.set $wc (i32.add (local.get $wc) (local.get $bytes)))
            (br $classes)))
        (local.set $xr (i32.add (local.get $xr) (local.get $bytes)))
        (br $rows))))
  ;; g[c] += sum over r of d[r*k + c] * x[r], for c < k; g is k rows of dim floats (not cleared here)
  (func (export "accumulate") (param $x i32) (param $n i32) (param $dim i32) (param $d i32) (param $k i32) (param $g i32)
    (local $bytes i32) (local $xr i32) (local $xEnd i32) (local $gc i32) (local $gEnd i32) (local $i i32) (local $s v128) (local $p i32)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $xr (local.get $x))
    (local.set $xEnd (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $bytes))))
    (local.set $gEnd (i32.add (local.get $g) (i32.mul (local.get $k) (local.get $bytes))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $xr) (local.get $xEnd)))
        (local.set $gc (local.get $g))
        (block $classesDone
          (loop $classes
            (br_if $classesDone (i32.ge_u (local.get $gc) (local.get $gEnd)))
            (local.set $s (f32x4.splat (f32.load (local.get $d))))
            (local.set $i (i32.const 0))
            (block $axpyDone
              (loop $axpy
                (br_if $axpyDone (i32.ge_u (local.get $i) (local.get $bytes)))
                (local.set $p (i32.add (local.get $gc) (local.get $i)))
                (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p))
                  (f32x4.mul (local.get $s) (v128.load (i32.add (local.get $xr) (local.get $i))))))
                (v128.store offset=16 (local.get $p) (f32x4.add (v128.load offset=16 (local.get $p))
                  (f32x4.mul (local.get $s) (v128.load offset=16 (i32.add (local.get $xr) (local.get $i))))))
                (v128.store offset=32 (local.get $p) (f32x4.add (v128.load offset=32 (local.get $p))
                  (f32x4.mul (local.get $s) (v128.load offset=32 (i32.add (local.get $xr) (local.get $i))))))
                (v128.store offset=48 (local.get $p) (f32x4.add (v128.load offset=48 (local.get $p))
                  (f32x4.mul (local.get $s) (v128.load offset=48 (i32.add (local.get $xr) (local.get $i))))))
                (local.set $i (i32.add (local.get $i) (i32.const 64)))
                (br $axpy)))
            (local.set $d (i32.add (local.get $d) (i32.const 4)))
            (local.set $gc (i32.add (local.get $gc) (local.get $bytes)))
            (br $classes)))
        (local.set $xr (i32.add (local.get $xr) (local.get $bytes)))
        (br $rows)))))
