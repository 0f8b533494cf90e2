;; The dense model's first layer in WebAssembly SIMD, for training: the sparse forward pass of a row, the
;; gradient rows it adds, and the lazy Adam step on the kernel rows a batch touched. src/dense/dense-kernels.ts
;; loads it; npm run build:kernels compiles it into dense-kernels-wasm.ts. Plain simd128 only (no fused
;; multiply-add, no relaxed SIMD): every float64 operation is one the plain JavaScript loop it replaces does,
;; on the same operands in the same order, two hidden units at a time, so the weights are the same bits.
;; Pointers are byte offsets. Float32 values are read as float64 (exact) and results stored as float32
;; (rounded to nearest, as a Float32Array store rounds).
(module
  (memory (export "memory") 1)
  ;; kernel rows touched since the last adamRows: their count; touched[0..count) lists them in order
  (global $count (mut i32) (i32.const 0))

  ;; out[j] = b1[j], then out[j] += values[p] * w1[ids[p]*h + j] for p = from..to-1 in order (j < h).
  ;; b1, w1, values: float32; ids: int32; out: float64.
  (func (export "hidden") (param $b1 i32) (param $w1 i32) (param $ids i32) (param $values i32) (param $from i32) (param $to i32) (param $h i32) (param $out i32)
    (local $j i32) (local $pairs i32) (local $p i32) (local $row i32) (local $o i32) (local $v v128) (local $vs f64)
    (local.set $pairs (i32.and (local.get $h) (i32.const -2)))
    (local.set $j (i32.const 0))
    (block $done
      (loop $copy
        (br_if $done (i32.ge_u (local.get $j) (local.get $pairs)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3)))
          (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $b1) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $copy)))
    (if (i32.lt_u (local.get $pairs) (local.get $h))
      (then (f64.store (i32.add (local.get $out) (i32.shl (local.get $pairs) (i32.const 3)))
        (f64.promote_f32 (f32.load (i32.add (local.get $b1) (i32.shl (local.get $pairs) (i32.const 2))))))))
    (local.set $p (local.get $from))
    (block $termsDone
      (loop $terms
        (br_if $termsDone (i32.ge_u (local.get $p) (local.get $to)))
        (local.set $row (i32.add (local.get $w1)
          (i32.shl (i32.mul (i32.load (i32.add (local.get $ids) (i32.shl (local.get $p) (i32.const 2)))) (local.get $h)) (i32.const 2))))
        (local.set $vs (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 2))))))
        (local.set $v (f64x2.splat (local.get $vs)))
        (local.set $j (i32.const 0))
        (block $unitsDone
          (loop $units
            (br_if $unitsDone (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o))
              (f64x2.mul (local.get $v) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $units)))
        (if (i32.lt_u (local.get $pairs) (local.get $h))
          (then
            (local.set $o (i32.add (local.get $out) (i32.shl (local.get $pairs) (i32.const 3))))
            (f64.store (local.get $o) (f64.add (f64.load (local.get $o))
              (f64.mul (local.get $vs) (f64.promote_f32 (f32.load (i32.add (local.get $row) (i32.shl (local.get $pairs) (i32.const 2))))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $terms))))

  ;; For p = from..to-1 in order: g[slot of ids[p]][j] += values[p] * dh[j] (j < h). A kernel row's slot is
  ;; slotOf[id] - 1; a row without one (slotOf[id] = 0) gets the next slot and is listed in touched.
  ;; g: float64 rows of h; dh: float64; slotOf, touched: int32.
  (func (export "accumulate") (param $ids i32) (param $values i32) (param $from i32) (param $to i32) (param $h i32) (param $dh i32) (param $slotOf i32) (param $touched i32) (param $g i32)
    (local $j i32) (local $pairs i32) (local $p i32) (local $id i32) (local $at i32) (local $s i32) (local $row i32) (local $o i32) (local $v v128) (local $vs f64)
    (local.set $pairs (i32.and (local.get $h) (i32.const -2)))
    (local.set $p (local.get $from))
    (block $termsDone
      (loop $terms
        (br_if $termsDone (i32.ge_u (local.get $p) (local.get $to)))
        (local.set $id (i32.load (i32.add (local.get $ids) (i32.shl (local.get $p) (i32.const 2)))))
        (local.set $at (i32.add (local.get $slotOf) (i32.shl (local.get $id) (i32.const 2))))
        (local.set $s (i32.load (local.get $at)))
        (if (i32.eqz (local.get $s))
          (then
            (i32.store (i32.add (local.get $touched) (i32.shl (global.get $count) (i32.const 2))) (local.get $id))
            (global.set $count (i32.add (global.get $count) (i32.const 1)))
            (local.set $s (global.get $count))
            (i32.store (local.get $at) (local.get $s))))
        (local.set $row (i32.add (local.get $g) (i32.shl (i32.mul (i32.sub (local.get $s) (i32.const 1)) (local.get $h)) (i32.const 3))))
        (local.set $vs (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 2))))))
        (local.set $v (f64x2.splat (local.get $vs)))
        (local.set $j (i32.const 0))
        (block $unitsDone
          (loop $units
            (br_if $unitsDone (i32.ge_u (local.get $j) (local.get $pairs)))
            (local.set $o (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o))
              (f64x2.mul (local.get $v) (v128.load (i32.add (local.get $dh) (i32.shl (local.get $j) (i32.const 3)))))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $units)))
        (if (i32.lt_u (local.get $pairs) (local.get $h))
          (then
            (local.set $o (i32.add (local.get $row) (i32.shl (local.get $pairs) (i32.const 3))))
            (f64.store (local.get $o) (f64.add (f64.load (local.get $o))
              (f64.mul (local.get $vs) (f64.load (i32.add (local.get $dh) (i32.shl (local.get $pairs) (i32.const 3)))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $terms))))

  ;; Adam on every touched kernel row, then forgets them: for each listed row and j < h, with gi = its gradient,
  ;;   m' = beta1 * m + omb1 * gi;  v' = beta2 * v + omb2 * gi * gi;  w -= (lr * m') / (sqrt(v') + eps)
  ;; (m', v' unrounded in the step, stored as float32), as src/dense/adam.ts's step; the gradient row is zeroed
  ;; and the row's slot freed. w1, m, v: float32 (rows of h); g: float64 slots.
  (func (export "adamRows") (param $w1 i32) (param $m i32) (param $v i32) (param $g i32) (param $slotOf i32) (param $touched i32) (param $h i32)
    (param $lr f64) (param $beta1 f64) (param $beta2 f64) (param $omb1 f64) (param $omb2 f64) (param $eps f64)
    (local $k i32) (local $id i32) (local $j i32) (local $pairs i32) (local $f i32) (local $go i32)
    (local $gi v128) (local $mk v128) (local $vk v128)
    (local $gs f64) (local $ms f64) (local $vs f64)
    (local.set $pairs (i32.and (local.get $h) (i32.const -2)))
    (local.set $k (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $k) (global.get $count)))
        (local.set $id (i32.load (i32.add (local.get $touched) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $j (i32.const 0))
        (block $unitsDone
          (loop $units
            (br_if $unitsDone (i32.ge_u (local.get $j) (local.get $pairs)))
            ;; f: byte offset of the float32 element in w1, m, v; go: of the float64 gradient
            (local.set $f (i32.shl (i32.add (i32.mul (local.get $id) (local.get $h)) (local.get $j)) (i32.const 2)))
            (local.set $go (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $h)) (local.get $j)) (i32.const 3))))
            (local.set $gi (v128.load (local.get $go)))
            (local.set $mk (f64x2.add
              (f64x2.mul (f64x2.splat (local.get $beta1)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $m) (local.get $f)))))
              (f64x2.mul (f64x2.splat (local.get $omb1)) (local.get $gi))))
            (local.set $vk (f64x2.add
              (f64x2.mul (f64x2.splat (local.get $beta2)) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $v) (local.get $f)))))
              (f64x2.mul (f64x2.mul (f64x2.splat (local.get $omb2)) (local.get $gi)) (local.get $gi))))
            (v128.store64_lane 0 (i32.add (local.get $m) (local.get $f)) (f32x4.demote_f64x2_zero (local.get $mk)))
            (v128.store64_lane 0 (i32.add (local.get $v) (local.get $f)) (f32x4.demote_f64x2_zero (local.get $vk)))
            (v128.store64_lane 0 (i32.add (local.get $w1) (local.get $f)) (f32x4.demote_f64x2_zero
              (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $w1) (local.get $f))))
                (f64x2.div (f64x2.mul (f64x2.splat (local.get $lr)) (local.get $mk))
                  (f64x2.add (f64x2.sqrt (local.get $vk)) (f64x2.splat (local.get $eps)))))))
            (v128.store (local.get $go) (v128.const i64x2 0 0))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $units)))
        (if (i32.lt_u (local.get $pairs) (local.get $h))
          (then
            (local.set $f (i32.shl (i32.add (i32.mul (local.get $id) (local.get $h)) (local.get $pairs)) (i32.const 2)))
            (local.set $go (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $k) (local.get $h)) (local.get $pairs)) (i32.const 3))))
            (local.set $gs (f64.load (local.get $go)))
            (local.set $ms (f64.add (f64.mul (local.get $beta1) (f64.promote_f32 (f32.load (i32.add (local.get $m) (local.get $f)))))
              (f64.mul (local.get $omb1) (local.get $gs))))
            (local.set $vs (f64.add (f64.mul (local.get $beta2) (f64.promote_f32 (f32.load (i32.add (local.get $v) (local.get $f)))))
              (f64.mul (f64.mul (local.get $omb2) (local.get $gs)) (local.get $gs))))
            (f32.store (i32.add (local.get $m) (local.get $f)) (f32.demote_f64 (local.get $ms)))
            (f32.store (i32.add (local.get $v) (local.get $f)) (f32.demote_f64 (local.get $vs)))
            (f32.store (i32.add (local.get $w1) (local.get $f)) (f32.demote_f64
              (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $w1) (local.get $f))))
                (f64.div (f64.mul (local.get $lr) (local.get $ms)) (f64.add (f64.sqrt (local.get $vs)) (local.get $eps))))))
            (f64.store (local.get $go) (f64.const 0))))
        (i32.store (i32.add (local.get $slotOf) (i32.shl (local.get $id) (i32.const 2))) (i32.const 0))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows)))
    (global.set $count (i32.const 0)))

  ;; Forgets touched rows without a step (a fresh trainer on a reused instance).
  (func (export "resetTouched") (global.set $count (i32.const 0))))
