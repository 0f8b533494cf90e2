;; The dense model's training in WebAssembly SIMD: the sparse forward pass of a row, the gradient rows it adds,
;; the lazy Adam step on the kernel rows a batch touched, and the rest of each row's forward and backward pass
;; (batchRows: dropout, ReLU, the output layer, softmax, their gradients). src/dense/dense-kernels.ts loads it;
;; npm run build:kernels compiles it into dense-kernels-wasm.ts. Plain simd128 only (no fused multiply-add, no
;; relaxed SIMD): every float64 operation is one the plain JavaScript loop it replaces does, on the same operands
;; in the same order (the first layer two hidden units at a time), so the weights are the same bits.
;; Pointers are byte offsets. Float32 values are read as float64 (exact) and results stored as float32
;; (rounded to nearest, as a Float32Array store rounds).
(module
  (memory (export "memory") 1)
  ;; kernel rows touched since the last adamRows: their count; touched[0..count) lists them in order
  (global $count (mut i32) (i32.const 0))

  ;; out[j] = b1[j], then out[j] += values[p] * w1[ids[p]*h + j] for p = from..to-1 in order (j < h).
  ;; b1, w1, values: float32; ids: int32; out: float64.
  (func $hidden (export "hidden") (param $b1 i32) (param $w1 i32) (param $ids i32) (param $values i32) (param $from i32) (param $to i32) (param $h i32) (param $out i32)
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
  (func $accumulate (export "accumulate") (param $ids i32) (param $values i32) (param $from i32) (param $to i32) (param $h i32) (param $dh i32) (param $slotOf i32) (param $touched i32) (param $g i32)
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

  ;; The rest of a training row, with the two functions above: $exp (fdlibm's, V8's Math.exp bit for bit, shared
  ;; with src/encoder-head/head-kernels.wat; the tests train beside plain JavaScript loops that call Math.exp),
  ;; mulberry32's state for the dropout masks, and batchRows.
  ;; #include ../util/exp-f64x2.wat

  ;; mulberry32's state (src/fasttext/prng.ts): the caller hands its generator's state in before batchRows
  ;; and takes it back after, so the draws continue one sequence.
  (global $rng (mut i32) (i32.const 0))
  (func (export "setRng") (param $s i32) (global.set $rng (local.get $s)))
  (func (export "getRng") (result i32) (global.get $rng))

  ;; One batch's forward and backward pass, rows batch[0..n) (int32 row numbers) in order, as
  ;; src/dense/train.ts's plain loop did it. For row r with label y = labels[r] and terms offsets[r]..offsets[r+1]:
  ;;   pre = $hidden; where keep < 1, mask[j] = (next() < keep ? kept : 0) for j in order, next() being
  ;;   mulberry32's (t ^ (t >>> 14)) / 2^32 (else mask as the caller set it); hid[j] = pre[j] > 0 ? pre[j] * mask[j] : 0;
  ;;   p[c] = b2[c], then p[c] += hid[j] * w2[j*C + c] for each j with hid[j] != 0; p = softmax(p)
  ;;   (max first, exp(p[c] - max), the sum in class order, each divided by it); py[k] = p[y]; p[y] -= 1;
  ;;   d[c] = p[c] * scale (kept in p), gB2[c] += d[c]; per j: acc = the sum of w2[j*C + c] * d[c] in class
  ;;   order, gW2[j*C + c] += hid[j] * d[c], dh[j] = pre[j] > 0 ? acc * mask[j] : 0, gB1[j] += dh[j];
  ;;   then $accumulate.
  ;; The class loops take two classes a lane each (the products and the per-class sums are elementwise; acc
  ;; adds the two lanes in order), the last class of an odd count alone.
  ;; w1, b1, w2, b2, values: float32; pre, hid, mask, p, dh, gB1, gW2, gB2, py: float64; the rest int32.
  (func (export "batchRows")
    (param $batch i32) (param $n i32) (param $labels i32) (param $offsets i32) (param $ids i32) (param $values i32)
    (param $w1 i32) (param $b1 i32) (param $w2 i32) (param $b2 i32) (param $h i32) (param $C i32)
    (param $pre i32) (param $hid i32) (param $mask i32) (param $p i32) (param $dh i32)
    (param $gB1 i32) (param $gW2 i32) (param $gB2 i32) (param $slotOf i32) (param $touched i32) (param $g i32)
    (param $keep f64) (param $kept f64) (param $scale f64) (param $py i32)
    (local $k i32) (local $r i32) (local $from i32) (local $to i32) (local $j i32) (local $c i32) (local $at i32) (local $wRow i32) (local $gRow i32)
    (local $pairs i32) (local $t i32) (local $drop i32)
    (local $x f64) (local $max f64) (local $sum f64) (local $hj f64) (local $acc f64)
    (local $hv v128) (local $prod v128)
    (local.set $drop (f64.lt (local.get $keep) (f64.const 1)))
    (local.set $pairs (i32.and (local.get $C) (i32.const -2)))
    (local.set $k (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $r (i32.load (i32.add (local.get $batch) (i32.shl (local.get $k) (i32.const 2)))))
        (local.set $from (i32.load (i32.add (local.get $offsets) (i32.shl (local.get $r) (i32.const 2)))))
        (local.set $to (i32.load (i32.add (local.get $offsets) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 2)))))
        (call $hidden (local.get $b1) (local.get $w1) (local.get $ids) (local.get $values) (local.get $from) (local.get $to) (local.get $h) (local.get $pre))
        ;; dropout (mulberry32) and ReLU
        (local.set $j (i32.const 0))
        (block $unitsDone
          (loop $units
            (br_if $unitsDone (i32.ge_u (local.get $j) (local.get $h)))
            (local.set $at (i32.shl (local.get $j) (i32.const 3)))
            (if (local.get $drop)
              (then
                (global.set $rng (i32.add (global.get $rng) (i32.const 0x6d2b79f5)))
                (local.set $t (global.get $rng))
                (local.set $t (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 15))) (i32.or (local.get $t) (i32.const 1))))
                (local.set $t (i32.xor (local.get $t)
                  (i32.add (local.get $t) (i32.mul (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 7))) (i32.or (local.get $t) (i32.const 61))))))
                (f64.store (i32.add (local.get $mask) (local.get $at))
                  (select (local.get $kept) (f64.const 0)
                    (f64.lt (f64.mul (f64.convert_i32_u (i32.xor (local.get $t) (i32.shr_u (local.get $t) (i32.const 14)))) (f64.const 0x1p-32))
                      (local.get $keep))))))
            (local.set $x (f64.load (i32.add (local.get $pre) (local.get $at))))
            (f64.store (i32.add (local.get $hid) (local.get $at))
              (select (f64.mul (local.get $x) (f64.load (i32.add (local.get $mask) (local.get $at)))) (f64.const 0) (f64.gt (local.get $x) (f64.const 0))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $units)))
        ;; logits: p = b2, then hid[j] times w2's row j added where hid[j] != 0
        (local.set $c (i32.const 0))
        (block $biasDone
          (loop $bias
            (br_if $biasDone (i32.ge_u (local.get $c) (local.get $C)))
            (f64.store (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3)))
              (f64.promote_f32 (f32.load (i32.add (local.get $b2) (i32.shl (local.get $c) (i32.const 2))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $bias)))
        (local.set $j (i32.const 0))
        (block $outDone
          (loop $out
            (br_if $outDone (i32.ge_u (local.get $j) (local.get $h)))
            (local.set $hj (f64.load (i32.add (local.get $hid) (i32.shl (local.get $j) (i32.const 3)))))
            (if (f64.ne (local.get $hj) (f64.const 0))
              (then
                (local.set $hv (f64x2.splat (local.get $hj)))
                (local.set $wRow (i32.add (local.get $w2) (i32.shl (i32.mul (local.get $j) (local.get $C)) (i32.const 2))))
                (local.set $c (i32.const 0))
                (block $classesDone
                  (loop $classes
                    (br_if $classesDone (i32.ge_u (local.get $c) (local.get $pairs)))
                    (local.set $at (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))))
                    (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at))
                      (f64x2.mul (local.get $hv) (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $wRow) (i32.shl (local.get $c) (i32.const 2))))))))
                    (local.set $c (i32.add (local.get $c) (i32.const 2)))
                    (br $classes)))
                (if (i32.lt_u (local.get $pairs) (local.get $C))
                  (then
                    (local.set $at (i32.add (local.get $p) (i32.shl (local.get $pairs) (i32.const 3))))
                    (f64.store (local.get $at) (f64.add (f64.load (local.get $at))
                      (f64.mul (local.get $hj) (f64.promote_f32 (f32.load (i32.add (local.get $wRow) (i32.shl (local.get $pairs) (i32.const 2))))))))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $out)))
        ;; softmax
        (local.set $max (f64.const -inf))
        (local.set $c (i32.const 0))
        (block $maxDone
          (loop $maxLoop
            (br_if $maxDone (i32.ge_u (local.get $c) (local.get $C)))
            (local.set $x (f64.load (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3)))))
            (if (f64.gt (local.get $x) (local.get $max)) (then (local.set $max (local.get $x))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $maxLoop)))
        (local.set $c (i32.const 0))
        (block $shiftDone
          (loop $shift
            (br_if $shiftDone (i32.ge_u (local.get $c) (local.get $C)))
            (local.set $at (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))))
            (f64.store (local.get $at) (f64.sub (f64.load (local.get $at)) (local.get $max)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $shift)))
        (call $exp (local.get $p) (local.get $C))
        (local.set $sum (f64.const 0))
        (local.set $c (i32.const 0))
        (block $sumDone
          (loop $sumLoop
            (br_if $sumDone (i32.ge_u (local.get $c) (local.get $C)))
            (local.set $sum (f64.add (local.get $sum) (f64.load (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $sumLoop)))
        (local.set $c (i32.const 0))
        (block $divDone
          (loop $div
            (br_if $divDone (i32.ge_u (local.get $c) (local.get $C)))
            (local.set $at (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))))
            (f64.store (local.get $at) (f64.div (f64.load (local.get $at)) (local.get $sum)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $div)))
        ;; the label's probability (the caller sums the loss), dLoss/dlogits, then d = p * scale in p, added to gB2
        (local.set $at (i32.add (local.get $p) (i32.shl (i32.load (i32.add (local.get $labels) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
        (f64.store (i32.add (local.get $py) (i32.shl (local.get $k) (i32.const 3))) (f64.load (local.get $at)))
        (f64.store (local.get $at) (f64.sub (f64.load (local.get $at)) (f64.const 1)))
        (local.set $c (i32.const 0))
        (block $dDone
          (loop $dLoop
            (br_if $dDone (i32.ge_u (local.get $c) (local.get $C)))
            (local.set $at (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3))))
            (local.set $x (f64.mul (f64.load (local.get $at)) (local.get $scale)))
            (f64.store (local.get $at) (local.get $x))
            (local.set $at (i32.add (local.get $gB2) (i32.shl (local.get $c) (i32.const 3))))
            (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (local.get $x)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $dLoop)))
        ;; back through the output layer
        (local.set $j (i32.const 0))
        (block $backDone
          (loop $back
            (br_if $backDone (i32.ge_u (local.get $j) (local.get $h)))
            (local.set $wRow (i32.add (local.get $w2) (i32.shl (i32.mul (local.get $j) (local.get $C)) (i32.const 2))))
            (local.set $gRow (i32.add (local.get $gW2) (i32.shl (i32.mul (local.get $j) (local.get $C)) (i32.const 3))))
            (local.set $hj (f64.load (i32.add (local.get $hid) (i32.shl (local.get $j) (i32.const 3)))))
            (local.set $hv (f64x2.splat (local.get $hj)))
            (local.set $acc (f64.const 0))
            (local.set $c (i32.const 0))
            (block $gradDone
              (loop $grad
                (br_if $gradDone (i32.ge_u (local.get $c) (local.get $pairs)))
                (local.set $prod (v128.load (i32.add (local.get $p) (i32.shl (local.get $c) (i32.const 3)))))
                (local.set $at (i32.add (local.get $gRow) (i32.shl (local.get $c) (i32.const 3))))
                (v128.store (local.get $at) (f64x2.add (v128.load (local.get $at)) (f64x2.mul (local.get $hv) (local.get $prod))))
                (local.set $prod (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $wRow) (i32.shl (local.get $c) (i32.const 2))))) (local.get $prod)))
                (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $prod))) (f64x2.extract_lane 1 (local.get $prod))))
                (local.set $c (i32.add (local.get $c) (i32.const 2)))
                (br $grad)))
            (if (i32.lt_u (local.get $pairs) (local.get $C))
              (then
                (local.set $x (f64.load (i32.add (local.get $p) (i32.shl (local.get $pairs) (i32.const 3)))))
                (local.set $at (i32.add (local.get $gRow) (i32.shl (local.get $pairs) (i32.const 3))))
                (f64.store (local.get $at) (f64.add (f64.load (local.get $at)) (f64.mul (local.get $hj) (local.get $x))))
                (local.set $acc (f64.add (local.get $acc)
                  (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $wRow) (i32.shl (local.get $pairs) (i32.const 2))))) (local.get $x))))))
            (local.set $at (i32.shl (local.get $j) (i32.const 3)))
            (local.set $x (select
              (f64.mul (local.get $acc) (f64.load (i32.add (local.get $mask) (local.get $at))))
              (f64.const 0)
              (f64.gt (f64.load (i32.add (local.get $pre) (local.get $at))) (f64.const 0))))
            (f64.store (i32.add (local.get $dh) (local.get $at)) (local.get $x))
            (f64.store (i32.add (local.get $gB1) (local.get $at)) (f64.add (f64.load (i32.add (local.get $gB1) (local.get $at))) (local.get $x)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $back)))
        (call $accumulate (local.get $ids) (local.get $values) (local.get $from) (local.get $to) (local.get $h) (local.get $dh) (local.get $slotOf) (local.get $touched) (local.get $g))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))

  ;; Forgets touched rows without a step (a fresh trainer on a reused instance).
  (func (export "resetTouched") (global.set $count (i32.const 0))))
