;; The encoder head's kernels in WebAssembly SIMD, for L-BFGS fits and predictions: the two dense products
;; (f32x4), the softmax cross-entropy with its gradient (f64x2, with fdlibm's exp), the gradient's assembly, and
;; L-BFGS's vector passes (f64x2). src/encoder-head/head-kernels.ts and lbfgs.ts load it; npm run build:kernels
;; compiles it into head-kernels-wasm.ts. Plain simd128 only: no fused multiply-add, no relaxed SIMD, so every
;; machine gives the same bits; every float64 sum runs in the order of the plain JavaScript loop it replaces.
(module
  (memory (export "memory") 1)
  ;; out[r*k + c] = dot(x[r], w_c) for r < n, c < k; rows of x are dim floats, dim a multiple of 16. w holds
  ;; the classes in groups, of 4 while 4 are left, then of 2, then 1 (setParams writes it): the group of G
  ;; classes from class c0 takes G*dim floats from byte w + 4*c0*dim, as [16-float block][quarter][class][4 floats],
  ;; so one pass over a row's quarters feeds all G classes (a lone class's run is its plain row). Each dot
  ;; product keeps the four f32x4 partial sums of a plain 16-wide loop (quarter q sums lanes 4q..4q+3 of every
  ;; block, in block order) and adds them (q0 + q1) + (q2 + q3), then lanes (0 + 1) + (2 + 3): the same bits
  ;; as a class-by-class loop. s is scratch for 16 f32x4 (the partial sums of a group).
  (func (export "logits") (param $x i32) (param $n i32) (param $dim i32) (param $w i32) (param $k i32) (param $out i32) (param $s i32)
    (local $bytes i32) (local $xr i32) (local $xEnd i32) (local $rowEnd i32) (local $c0 i32) (local $g i32) (local $wg i32)
    (local $j i32) (local $xp i32) (local $wp i32) (local $c i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $v v128) (local $u v128)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $xr (local.get $x))
    (local.set $xEnd (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $bytes))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $xr) (local.get $xEnd)))
        (local.set $rowEnd (i32.add (local.get $xr) (local.get $bytes)))
        (local.set $c0 (i32.const 0))
        (local.set $wg (local.get $w))
        (block $groupsDone
          (loop $groups
            (br_if $groupsDone (i32.ge_u (local.get $c0) (local.get $k)))
            (local.set $g (select (i32.const 4) (select (i32.const 2) (i32.const 1) (i32.ge_u (i32.sub (local.get $k) (local.get $c0)) (i32.const 2)))
              (i32.ge_u (i32.sub (local.get $k) (local.get $c0)) (i32.const 4))))
            (if (i32.eq (local.get $g) (i32.const 4))
              (then
                ;; four classes: a pass per quarter j, one x load for four products
                (local.set $j (i32.const 0))
                (block $quartersDone
                  (loop $quarters
                    (br_if $quartersDone (i32.ge_u (local.get $j) (i32.const 64)))
                    (local.set $a0 (v128.const i64x2 0 0))
                    (local.set $a1 (v128.const i64x2 0 0))
                    (local.set $a2 (v128.const i64x2 0 0))
                    (local.set $a3 (v128.const i64x2 0 0))
                    (local.set $xp (i32.add (local.get $xr) (local.get $j)))
                    (local.set $wp (i32.add (local.get $wg) (i32.shl (local.get $j) (i32.const 2))))
                    (block $blocksDone
                      (loop $blocks
                        (br_if $blocksDone (i32.ge_u (local.get $xp) (local.get $rowEnd)))
                        (local.set $v (v128.load (local.get $xp)))
                        (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $v) (v128.load (local.get $wp)))))
                        (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $wp)))))
                        (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $v) (v128.load offset=32 (local.get $wp)))))
                        (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $v) (v128.load offset=48 (local.get $wp)))))
                        (local.set $xp (i32.add (local.get $xp) (i32.const 64)))
                        (local.set $wp (i32.add (local.get $wp) (i32.const 256)))
                        (br $blocks)))
                    (v128.store (i32.add (local.get $s) (local.get $j)) (local.get $a0))
                    (v128.store offset=64 (i32.add (local.get $s) (local.get $j)) (local.get $a1))
                    (v128.store offset=128 (i32.add (local.get $s) (local.get $j)) (local.get $a2))
                    (v128.store offset=192 (i32.add (local.get $s) (local.get $j)) (local.get $a3))
                    (local.set $j (i32.add (local.get $j) (i32.const 16)))
                    (br $quarters))))
              (else (if (i32.eq (local.get $g) (i32.const 2))
                (then
                  ;; two classes: a pass per two quarters (j and j + 1)
                  (local.set $j (i32.const 0))
                  (block $halvesDone
                    (loop $halves
                      (br_if $halvesDone (i32.ge_u (local.get $j) (i32.const 64)))
                      (local.set $a0 (v128.const i64x2 0 0))
                      (local.set $a1 (v128.const i64x2 0 0))
                      (local.set $a2 (v128.const i64x2 0 0))
                      (local.set $a3 (v128.const i64x2 0 0))
                      (local.set $xp (i32.add (local.get $xr) (local.get $j)))
                      (local.set $wp (i32.add (local.get $wg) (i32.shl (local.get $j) (i32.const 1))))
                      (block $blocksDone
                        (loop $blocks
                          (br_if $blocksDone (i32.ge_u (local.get $xp) (local.get $rowEnd)))
                          (local.set $v (v128.load (local.get $xp)))
                          (local.set $u (v128.load offset=16 (local.get $xp)))
                          (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $v) (v128.load (local.get $wp)))))
                          (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $wp)))))
                          (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $u) (v128.load offset=32 (local.get $wp)))))
                          (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $u) (v128.load offset=48 (local.get $wp)))))
                          (local.set $xp (i32.add (local.get $xp) (i32.const 64)))
                          (local.set $wp (i32.add (local.get $wp) (i32.const 128)))
                          (br $blocks)))
                      (v128.store (i32.add (local.get $s) (local.get $j)) (local.get $a0))
                      (v128.store offset=64 (i32.add (local.get $s) (local.get $j)) (local.get $a1))
                      (v128.store offset=16 (i32.add (local.get $s) (local.get $j)) (local.get $a2))
                      (v128.store offset=80 (i32.add (local.get $s) (local.get $j)) (local.get $a3))
                      (local.set $j (i32.add (local.get $j) (i32.const 32)))
                      (br $halves))))
                (else
                  ;; one class: its four partial sums at once
                  (local.set $a0 (v128.const i64x2 0 0))
                  (local.set $a1 (v128.const i64x2 0 0))
                  (local.set $a2 (v128.const i64x2 0 0))
                  (local.set $a3 (v128.const i64x2 0 0))
                  (local.set $xp (local.get $xr))
                  (local.set $wp (local.get $wg))
                  (block $blocksDone
                    (loop $blocks
                      (br_if $blocksDone (i32.ge_u (local.get $xp) (local.get $rowEnd)))
                      (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (v128.load (local.get $xp)) (v128.load (local.get $wp)))))
                      (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (v128.load offset=16 (local.get $xp)) (v128.load offset=16 (local.get $wp)))))
                      (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (v128.load offset=32 (local.get $xp)) (v128.load offset=32 (local.get $wp)))))
                      (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (v128.load offset=48 (local.get $xp)) (v128.load offset=48 (local.get $wp)))))
                      (local.set $xp (i32.add (local.get $xp) (i32.const 64)))
                      (local.set $wp (i32.add (local.get $wp) (i32.const 64)))
                      (br $blocks)))
                  (local.set $j (i32.const 0))
                  (v128.store (i32.add (local.get $s) (local.get $j)) (local.get $a0))
                  (v128.store offset=16 (i32.add (local.get $s) (local.get $j)) (local.get $a1))
                  (v128.store offset=32 (i32.add (local.get $s) (local.get $j)) (local.get $a2))
                  (v128.store offset=48 (i32.add (local.get $s) (local.get $j)) (local.get $a3))
                  ))))
            ;; each class of the group: (q0 + q1) + (q2 + q3), then lanes (0 + 1) + (2 + 3)
            (local.set $c (i32.const 0))
            (block $sumsDone
              (loop $sums
                (br_if $sumsDone (i32.ge_u (local.get $c) (local.get $g)))
                (local.set $wp (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 6))))
                (local.set $a0 (f32x4.add
                  (f32x4.add (v128.load (local.get $wp)) (v128.load offset=16 (local.get $wp)))
                  (f32x4.add (v128.load offset=32 (local.get $wp)) (v128.load offset=48 (local.get $wp)))))
                (f32.store (local.get $out) (f32.add
                  (f32.add (f32x4.extract_lane 0 (local.get $a0)) (f32x4.extract_lane 1 (local.get $a0)))
                  (f32.add (f32x4.extract_lane 2 (local.get $a0)) (f32x4.extract_lane 3 (local.get $a0)))))
                (local.set $out (i32.add (local.get $out) (i32.const 4)))
                (local.set $c (i32.add (local.get $c) (i32.const 1)))
                (br $sums)))
            (local.set $wg (i32.add (local.get $wg) (i32.mul (local.get $g) (local.get $bytes))))
            (local.set $c0 (i32.add (local.get $c0) (local.get $g)))
            (br $groups)))
        (local.set $xr (local.get $rowEnd))
        (br $rows))))
  ;; g[c] += sum over r of d[r*k + c] * x[r], for c < k; g is k rows of dim floats (not cleared here).
  ;; By blocks of 16 rows (cached while their columns are read): each 16-float slice of g, for two classes
  ;; at a time, stays in registers while the block's rows go by, so every entry of g is still summed over
  ;; the rows in order, as a row-by-row loop sums it.
  (func (export "accumulate") (param $x i32) (param $n i32) (param $dim i32) (param $d i32) (param $k i32) (param $g i32)
    (local $bytes i32) (local $kBytes i32) (local $xEnd i32) (local $xb i32) (local $db i32) (local $bEnd i32)
    (local $c i32) (local $g0 i32) (local $g1 i32) (local $i i32) (local $xp i32) (local $dp i32)
    (local $s0 v128) (local $s1 v128) (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local.set $bytes (i32.shl (local.get $dim) (i32.const 2)))
    (local.set $kBytes (i32.shl (local.get $k) (i32.const 2)))
    (local.set $xEnd (i32.add (local.get $x) (i32.mul (local.get $n) (local.get $bytes))))
    (local.set $xb (local.get $x))
    (local.set $db (local.get $d))
    (block $blocksDone
      (loop $blocks
        (br_if $blocksDone (i32.ge_u (local.get $xb) (local.get $xEnd)))
        (local.set $bEnd (i32.add (local.get $xb) (i32.mul (local.get $bytes) (i32.const 16))))
        (if (i32.gt_u (local.get $bEnd) (local.get $xEnd)) (then (local.set $bEnd (local.get $xEnd))))
        (local.set $c (i32.const 0))
        (block $pairsDone
          (loop $pairs
            (br_if $pairsDone (i32.ge_u (i32.add (local.get $c) (i32.const 1)) (local.get $k)))
            (local.set $g0 (i32.add (local.get $g) (i32.mul (local.get $c) (local.get $bytes))))
            (local.set $g1 (i32.add (local.get $g0) (local.get $bytes)))
            (local.set $i (i32.const 0))
            (block $slicesDone
              (loop $slices
                (br_if $slicesDone (i32.ge_u (local.get $i) (local.get $bytes)))
                (local.set $a0 (v128.load (i32.add (local.get $g0) (local.get $i))))
                (local.set $a1 (v128.load offset=16 (i32.add (local.get $g0) (local.get $i))))
                (local.set $a2 (v128.load offset=32 (i32.add (local.get $g0) (local.get $i))))
                (local.set $a3 (v128.load offset=48 (i32.add (local.get $g0) (local.get $i))))
                (local.set $b0 (v128.load (i32.add (local.get $g1) (local.get $i))))
                (local.set $b1 (v128.load offset=16 (i32.add (local.get $g1) (local.get $i))))
                (local.set $b2 (v128.load offset=32 (i32.add (local.get $g1) (local.get $i))))
                (local.set $b3 (v128.load offset=48 (i32.add (local.get $g1) (local.get $i))))
                (local.set $xp (i32.add (local.get $xb) (local.get $i)))
                (local.set $dp (i32.add (local.get $db) (i32.shl (local.get $c) (i32.const 2))))
                (block $rowsDone
                  (loop $rows
                    (br_if $rowsDone (i32.ge_u (local.get $xp) (local.get $bEnd)))
                    (local.set $s0 (v128.load32_splat (local.get $dp)))
                    (local.set $s1 (v128.load32_splat offset=4 (local.get $dp)))
                    (local.set $v0 (v128.load (local.get $xp)))
                    (local.set $v1 (v128.load offset=16 (local.get $xp)))
                    (local.set $v2 (v128.load offset=32 (local.get $xp)))
                    (local.set $v3 (v128.load offset=48 (local.get $xp)))
                    (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s0) (local.get $v0))))
                    (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s0) (local.get $v1))))
                    (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s0) (local.get $v2))))
                    (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s0) (local.get $v3))))
                    (local.set $b0 (f32x4.add (local.get $b0) (f32x4.mul (local.get $s1) (local.get $v0))))
                    (local.set $b1 (f32x4.add (local.get $b1) (f32x4.mul (local.get $s1) (local.get $v1))))
                    (local.set $b2 (f32x4.add (local.get $b2) (f32x4.mul (local.get $s1) (local.get $v2))))
                    (local.set $b3 (f32x4.add (local.get $b3) (f32x4.mul (local.get $s1) (local.get $v3))))
                    (local.set $xp (i32.add (local.get $xp) (local.get $bytes)))
                    (local.set $dp (i32.add (local.get $dp) (local.get $kBytes)))
                    (br $rows)))
                (v128.store (i32.add (local.get $g0) (local.get $i)) (local.get $a0))
                (v128.store offset=16 (i32.add (local.get $g0) (local.get $i)) (local.get $a1))
                (v128.store offset=32 (i32.add (local.get $g0) (local.get $i)) (local.get $a2))
                (v128.store offset=48 (i32.add (local.get $g0) (local.get $i)) (local.get $a3))
                (v128.store (i32.add (local.get $g1) (local.get $i)) (local.get $b0))
                (v128.store offset=16 (i32.add (local.get $g1) (local.get $i)) (local.get $b1))
                (v128.store offset=32 (i32.add (local.get $g1) (local.get $i)) (local.get $b2))
                (v128.store offset=48 (i32.add (local.get $g1) (local.get $i)) (local.get $b3))
                (local.set $i (i32.add (local.get $i) (i32.const 64)))
                (br $slices)))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (br $pairs)))
        ;; k odd: the last class alone
        (if (i32.lt_u (local.get $c) (local.get $k))
          (then
            (local.set $g0 (i32.add (local.get $g) (i32.mul (local.get $c) (local.get $bytes))))
            (local.set $i (i32.const 0))
            (block $slicesDone
              (loop $slices
                (br_if $slicesDone (i32.ge_u (local.get $i) (local.get $bytes)))
                (local.set $a0 (v128.load (i32.add (local.get $g0) (local.get $i))))
                (local.set $a1 (v128.load offset=16 (i32.add (local.get $g0) (local.get $i))))
                (local.set $a2 (v128.load offset=32 (i32.add (local.get $g0) (local.get $i))))
                (local.set $a3 (v128.load offset=48 (i32.add (local.get $g0) (local.get $i))))
                (local.set $xp (i32.add (local.get $xb) (local.get $i)))
                (local.set $dp (i32.add (local.get $db) (i32.shl (local.get $c) (i32.const 2))))
                (block $rowsDone
                  (loop $rows
                    (br_if $rowsDone (i32.ge_u (local.get $xp) (local.get $bEnd)))
                    (local.set $s0 (v128.load32_splat (local.get $dp)))
                    (local.set $v0 (v128.load (local.get $xp)))
                    (local.set $v1 (v128.load offset=16 (local.get $xp)))
                    (local.set $v2 (v128.load offset=32 (local.get $xp)))
                    (local.set $v3 (v128.load offset=48 (local.get $xp)))
                    (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s0) (local.get $v0))))
                    (local.set $a1 (f32x4.add (local.get $a1) (f32x4.mul (local.get $s0) (local.get $v1))))
                    (local.set $a2 (f32x4.add (local.get $a2) (f32x4.mul (local.get $s0) (local.get $v2))))
                    (local.set $a3 (f32x4.add (local.get $a3) (f32x4.mul (local.get $s0) (local.get $v3))))
                    (local.set $xp (i32.add (local.get $xp) (local.get $bytes)))
                    (local.set $dp (i32.add (local.get $dp) (local.get $kBytes)))
                    (br $rows)))
                (v128.store (i32.add (local.get $g0) (local.get $i)) (local.get $a0))
                (v128.store offset=16 (i32.add (local.get $g0) (local.get $i)) (local.get $a1))
                (v128.store offset=32 (i32.add (local.get $g0) (local.get $i)) (local.get $a2))
                (v128.store offset=48 (i32.add (local.get $g0) (local.get $i)) (local.get $a3))
                (local.set $i (i32.add (local.get $i) (i32.const 64)))
                (br $slices)))
            ))
        (local.set $xb (local.get $bEnd))
        (local.set $db (i32.add (local.get $db) (i32.mul (local.get $kBytes) (i32.const 16))))
        (br $blocks))))
  ;; #include ../util/exp-f64x2.wat
  ;; The softmax cross-entropy's gradient for rows r < n of k classes. With v_c = z[r*k + c] + bias[c]
  ;; (float32 logits, float64 biases), m = max_c v_c, e_c = exp(v_c - m) and s = e_0 + ... + e_{k-1}:
  ;;   d[r*k + c] = float32(q_c), q_c = e_c * (1 / (s * n)) - (c = labels[r] ? 1 / n : 0)
  ;;   gBias[c] = q_c summed over the rows in order (gBias is cleared first)
  ;;   rows[2r] = s and rows[2r + 1] = v_y - m for y = labels[r], so the row's loss is log(s) - (v_y - m)
  ;; All float64, in the order of the plain loop. Two rows at a time, one per f64x2 lane (the last row
  ;; alone in both lanes when n is odd): v_c - m for all rows into e (scratch for k f64x2 per two rows),
  ;; then one $exp over e, then the sums and gradients.
  (func (export "softmaxGrad") (param $z i32) (param $n i32) (param $k i32) (param $bias i32) (param $labels i32)
      (param $d i32) (param $gBias i32) (param $rows i32) (param $e i32)
    (local $r i32) (local $two i32) (local $zp i32) (local $z1 i32) (local $dp i32) (local $d1 i32) (local $lp i32) (local $rp i32) (local $ep i32)
    (local $y0 i32) (local $y1 i32) (local $c i32) (local $bytes i32) (local $rowsF f64) (local $inv f64) (local $gc i32)
    (local $v v128) (local $max v128) (local $sum v128) (local $scale v128) (local $ys v128) (local $q v128)
    (local.set $bytes (i32.shl (local.get $k) (i32.const 2)))
    ;; pass 1: v_c - m into e, and v_y - m into rows
    (local.set $r (i32.const 0))
    (local.set $zp (local.get $z))
    (local.set $ep (local.get $e))
    (local.set $lp (local.get $labels))
    (local.set $rp (local.get $rows))
    (block $done1
      (loop $pairs1
        (br_if $done1 (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $two (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $n)))
        (local.set $z1 (select (i32.add (local.get $zp) (local.get $bytes)) (local.get $zp) (local.get $two)))
        ;; the running maximum: pmax keeps the first of equals, as v > max does
        (local.set $max (v128.const f64x2 -inf -inf))
        (local.set $c (i32.const 0))
        (block $vDone
          (loop $vLoop
            (br_if $vDone (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $v (f64x2.add
              (f64x2.promote_low_f32x4 (v128.load32_lane 1
                (i32.add (local.get $z1) (i32.shl (local.get $c) (i32.const 2)))
                (v128.load32_zero (i32.add (local.get $zp) (i32.shl (local.get $c) (i32.const 2))))))
              (v128.load64_splat (i32.add (local.get $bias) (i32.shl (local.get $c) (i32.const 3))))))
            (v128.store (i32.add (local.get $ep) (i32.shl (local.get $c) (i32.const 4))) (local.get $v))
            (local.set $max (f64x2.pmax (local.get $max) (local.get $v)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $vLoop)))
        (local.set $c (i32.const 0))
        (block $tDone
          (loop $tLoop
            (br_if $tDone (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $gc (i32.add (local.get $ep) (i32.shl (local.get $c) (i32.const 4))))
            (v128.store (local.get $gc) (f64x2.sub (v128.load (local.get $gc)) (local.get $max)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $tLoop)))
        (local.set $y0 (i32.load (local.get $lp)))
        (f64.store offset=8 (local.get $rp) (f64.sub
          (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $zp) (i32.shl (local.get $y0) (i32.const 2)))))
            (f64.load (i32.add (local.get $bias) (i32.shl (local.get $y0) (i32.const 3)))))
          (f64x2.extract_lane 0 (local.get $max))))
        (if (local.get $two)
          (then
            (local.set $y1 (i32.load offset=4 (local.get $lp)))
            (f64.store offset=24 (local.get $rp) (f64.sub
              (f64.add (f64.promote_f32 (f32.load (i32.add (local.get $z1) (i32.shl (local.get $y1) (i32.const 2)))))
                (f64.load (i32.add (local.get $bias) (i32.shl (local.get $y1) (i32.const 3)))))
              (f64x2.extract_lane 1 (local.get $max))))))
        (local.set $zp (i32.add (local.get $zp) (i32.shl (local.get $bytes) (i32.const 1))))
        (local.set $ep (i32.add (local.get $ep) (i32.shl (local.get $k) (i32.const 4))))
        (local.set $lp (i32.add (local.get $lp) (i32.const 8)))
        (local.set $rp (i32.add (local.get $rp) (i32.const 32)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $pairs1)))
    ;; pass 2: e_c = exp(v_c - m)
    (call $exp (local.get $e) (i32.shl (i32.mul (local.get $k) (i32.shr_u (i32.add (local.get $n) (i32.const 1)) (i32.const 1))) (i32.const 1)))
    ;; pass 3: s, q, d and gBias
    (local.set $rowsF (f64.convert_i32_u (local.get $n)))
    (local.set $inv (f64.div (f64.const 1) (local.get $rowsF)))
    (local.set $c (i32.const 0))
    (block $cleared
      (loop $clear
        (br_if $cleared (i32.ge_u (local.get $c) (local.get $k)))
        (f64.store (i32.add (local.get $gBias) (i32.shl (local.get $c) (i32.const 3))) (f64.const 0))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $clear)))
    (local.set $r (i32.const 0))
    (local.set $dp (local.get $d))
    (local.set $ep (local.get $e))
    (local.set $lp (local.get $labels))
    (local.set $rp (local.get $rows))
    (block $done3
      (loop $pairs3
        (br_if $done3 (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $two (i32.lt_u (i32.add (local.get $r) (i32.const 1)) (local.get $n)))
        (local.set $d1 (select (i32.add (local.get $dp) (local.get $bytes)) (local.get $dp) (local.get $two)))
        (local.set $y0 (i32.load (local.get $lp)))
        (local.set $y1 (select (i32.load offset=4 (local.get $lp)) (local.get $y0) (local.get $two)))
        ;; s, summed in class order
        (local.set $sum (v128.const f64x2 0 0))
        (local.set $c (i32.const 0))
        (block $sDone
          (loop $sLoop
            (br_if $sDone (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $sum (f64x2.add (local.get $sum) (v128.load (i32.add (local.get $ep) (i32.shl (local.get $c) (i32.const 4))))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $sLoop)))
        (local.set $scale (f64x2.div (v128.const f64x2 1 1) (f64x2.mul (local.get $sum) (f64x2.splat (local.get $rowsF)))))
        (local.set $ys (i64x2.replace_lane 1 (i64x2.splat (i64.extend_i32_u (local.get $y0))) (i64.extend_i32_u (local.get $y1))))
        (local.set $c (i32.const 0))
        (block $qDone
          (loop $qLoop
            (br_if $qDone (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $q (f64x2.sub
              (f64x2.mul (v128.load (i32.add (local.get $ep) (i32.shl (local.get $c) (i32.const 4)))) (local.get $scale))
              (v128.and (i64x2.eq (local.get $ys) (i64x2.splat (i64.extend_i32_u (local.get $c)))) (f64x2.splat (local.get $inv)))))
            (local.set $gc (i32.add (local.get $gBias) (i32.shl (local.get $c) (i32.const 3))))
            (f64.store (local.get $gc) (f64.add (f64.load (local.get $gc)) (f64x2.extract_lane 0 (local.get $q))))
            (if (local.get $two)
              (then (f64.store (local.get $gc) (f64.add (f64.load (local.get $gc)) (f64x2.extract_lane 1 (local.get $q))))))
            (local.set $q (f32x4.demote_f64x2_zero (local.get $q)))
            (v128.store32_lane 0 (i32.add (local.get $dp) (i32.shl (local.get $c) (i32.const 2))) (local.get $q))
            (v128.store32_lane 1 (i32.add (local.get $d1) (i32.shl (local.get $c) (i32.const 2))) (local.get $q))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $qLoop)))
        (f64.store (local.get $rp) (f64x2.extract_lane 0 (local.get $sum)))
        (if (local.get $two) (then (f64.store offset=16 (local.get $rp) (f64x2.extract_lane 1 (local.get $sum)))))
        (local.set $dp (i32.add (local.get $dp) (i32.shl (local.get $bytes) (i32.const 1))))
        (local.set $ep (i32.add (local.get $ep) (i32.shl (local.get $k) (i32.const 4))))
        (local.set $lp (i32.add (local.get $lp) (i32.const 8)))
        (local.set $rp (i32.add (local.get $rp) (i32.const 32)))
        (local.set $r (i32.add (local.get $r) (i32.const 2)))
        (br $pairs3))))
  ;; The weight block for logits from a head kernel as Keras lays it out (dim x k, row-major, float64): class c's
  ;; weight i, rounded to float32, goes to float c0*pd + ((i >> 4)*4 + ((i >> 2) & 3))*G*4 + (c - c0)*4 + (i & 3)
  ;; of w, where its group (see logits) has G classes from c0. The padding (i >= dim) is not written.
  (func (export "setParams") (param $params i32) (param $dim i32) (param $k i32) (param $pd i32) (param $w i32)
    (local $i i32) (local $c i32) (local $c0 i32) (local $g i32) (local $full i32)
    ;; classes below full are in groups of 4; then a group of 2 if two or three are left; then one alone
    (local.set $full (i32.and (local.get $k) (i32.const -4)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $dim)))
        (local.set $c (i32.const 0))
        (block $classesDone
          (loop $classes
            (br_if $classesDone (i32.ge_u (local.get $c) (local.get $k)))
            (if (i32.lt_u (local.get $c) (local.get $full))
              (then (local.set $c0 (i32.and (local.get $c) (i32.const -4))) (local.set $g (i32.const 4)))
              (else (if (i32.and (i32.lt_u (local.get $c) (i32.add (local.get $full) (i32.const 2)))
                                 (i32.ge_u (i32.sub (local.get $k) (local.get $full)) (i32.const 2)))
                (then (local.set $c0 (local.get $full)) (local.set $g (i32.const 2)))
                (else (local.set $c0 (local.get $c)) (local.set $g (i32.const 1))))))
            (f32.store
              (i32.add (local.get $w) (i32.shl (i32.add (i32.add
                (i32.mul (local.get $c0) (local.get $pd))
                (i32.shl (i32.mul (i32.add (i32.shl (i32.shr_u (local.get $i) (i32.const 4)) (i32.const 2)) (i32.and (i32.shr_u (local.get $i) (i32.const 2)) (i32.const 3)))
                  (local.get $g)) (i32.const 2)))
                (i32.add (i32.shl (i32.sub (local.get $c) (local.get $c0)) (i32.const 2)) (i32.and (local.get $i) (i32.const 3)))) (i32.const 2)))
              (f32.demote_f64 (f64.load (local.get $params))))
            (local.set $params (i32.add (local.get $params) (i32.const 8)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $classes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows))))
  ;; The gradient of loss + l2 |kernel|^2 in the params' layout (dim x k row-major, then k biases), from
  ;; the class-major block g (float32) and gBias: grad[j] = g[c*pd + i] + 2 l2 params[j] for
  ;; j = i*k + c, grad[dim*k + c] = gBias[c]. Returns loss + l2 params[j] params[j] summed in j order.
  (func (export "paramGradient") (param $params i32) (param $g i32) (param $gBias i32) (param $dim i32) (param $k i32) (param $pd i32)
      (param $l2 f64) (param $loss f64) (param $grad i32) (result f64)
    (local $i i32) (local $c i32) (local $gc i32) (local $v f64) (local $twoL2 f64)
    (local.set $twoL2 (f64.mul (f64.const 2) (local.get $l2)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $dim)))
        (local.set $c (i32.const 0))
        (local.set $gc (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 2))))
        (block $classesDone
          (loop $classes
            (br_if $classesDone (i32.ge_u (local.get $c) (local.get $k)))
            (local.set $v (f64.load (local.get $params)))
            (local.set $loss (f64.add (local.get $loss) (f64.mul (f64.mul (local.get $l2) (local.get $v)) (local.get $v))))
            (f64.store (local.get $grad) (f64.add (f64.promote_f32 (f32.load (local.get $gc))) (f64.mul (local.get $twoL2) (local.get $v))))
            (local.set $params (i32.add (local.get $params) (i32.const 8)))
            (local.set $grad (i32.add (local.get $grad) (i32.const 8)))
            (local.set $gc (i32.add (local.get $gc) (i32.shl (local.get $pd) (i32.const 2))))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $classes)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (local.set $c (i32.const 0))
    (block $biasDone
      (loop $bias
        (br_if $biasDone (i32.ge_u (local.get $c) (local.get $k)))
        (f64.store (local.get $grad) (f64.load (local.get $gBias)))
        (local.set $grad (i32.add (local.get $grad) (i32.const 8)))
        (local.set $gBias (i32.add (local.get $gBias) (i32.const 8)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $bias)))
    (local.get $loss))
  ;; L-BFGS's vector passes (src/encoder-head/lbfgs.ts), on vectors of n float64 (n even: callers pad with a
  ;; zero). Each pass that returns a dot product sums it in index order in one float64, as a plain loop
  ;; does, while its elementwise work runs two lanes at a time; so the optimizer's path is the same, bit
  ;; for bit, as its plain JavaScript loops. No fused multiply-add.
  ;; sum of a[i] * b[i]
  (func (export "lbDot") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $acc f64) (local $v v128) (local $p v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $p (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $i))) (v128.load (i32.add (local.get $b) (local.get $i)))))
        (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (local.get $acc))
  ;; dir = -g; returns s . dir
  (func (export "lbNegDot") (param $g i32) (param $s i32) (param $dir i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $acc f64) (local $v v128) (local $p v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (f64x2.neg (v128.load (i32.add (local.get $g) (local.get $i)))))
        (v128.store (i32.add (local.get $dir) (local.get $i)) (local.get $v))
        (local.set $p (f64x2.mul (v128.load (i32.add (local.get $s) (local.get $i))) (local.get $v)))
        (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (local.get $acc))
  ;; dir = dir - a y; returns s . dir
  (func (export "lbAxpyDot") (param $dir i32) (param $a f64) (param $y i32) (param $s i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $acc f64) (local $v v128) (local $p v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (f64x2.sub (v128.load (i32.add (local.get $dir) (local.get $i))) (f64x2.mul (f64x2.splat (local.get $a)) (v128.load (i32.add (local.get $y) (local.get $i))))))
        (v128.store (i32.add (local.get $dir) (local.get $i)) (local.get $v))
        (local.set $p (f64x2.mul (v128.load (i32.add (local.get $s) (local.get $i))) (local.get $v)))
        (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (local.get $acc))
  ;; dir = (dir - a y) scale; returns y . dir
  (func (export "lbAxpyScaleDot") (param $dir i32) (param $a f64) (param $y i32) (param $scale f64) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $acc f64) (local $v v128) (local $p v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (f64x2.mul (f64x2.sub (v128.load (i32.add (local.get $dir) (local.get $i))) (f64x2.mul (f64x2.splat (local.get $a)) (v128.load (i32.add (local.get $y) (local.get $i))))) (f64x2.splat (local.get $scale))))
        (v128.store (i32.add (local.get $dir) (local.get $i)) (local.get $v))
        (local.set $p (f64x2.mul (v128.load (i32.add (local.get $y) (local.get $i))) (local.get $v)))
        (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (local.get $acc))
  ;; dir = dir + s step; returns y . dir
  (func (export "lbAddDot") (param $dir i32) (param $s i32) (param $step f64) (param $y i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $acc f64) (local $v v128) (local $p v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (f64x2.add (v128.load (i32.add (local.get $dir) (local.get $i))) (f64x2.mul (v128.load (i32.add (local.get $s) (local.get $i))) (f64x2.splat (local.get $step)))))
        (v128.store (i32.add (local.get $dir) (local.get $i)) (local.get $v))
        (local.set $p (f64x2.mul (v128.load (i32.add (local.get $y) (local.get $i))) (local.get $v)))
        (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (local.get $acc))
  ;; dir = dir + s step and xNew = x + dir; returns g . dir
  (func (export "lbAddDotTry") (param $dir i32) (param $s i32) (param $step f64) (param $g i32) (param $x i32) (param $xNew i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $acc f64) (local $v v128) (local $p v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (f64x2.add (v128.load (i32.add (local.get $dir) (local.get $i))) (f64x2.mul (v128.load (i32.add (local.get $s) (local.get $i))) (f64x2.splat (local.get $step)))))
        (v128.store (i32.add (local.get $dir) (local.get $i)) (local.get $v))
        (v128.store (i32.add (local.get $xNew) (local.get $i)) (f64x2.add (v128.load (i32.add (local.get $x) (local.get $i))) (local.get $v)))
        (local.set $p (f64x2.mul (v128.load (i32.add (local.get $g) (local.get $i))) (local.get $v)))
        (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (local.get $acc))
  ;; dir = -g scale and xNew = x + dir; returns g . dir
  (func (export "lbNegScaleDotTry") (param $g i32) (param $scale f64) (param $dir i32) (param $x i32) (param $xNew i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $acc f64) (local $v v128) (local $p v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $v (f64x2.mul (f64x2.neg (v128.load (i32.add (local.get $g) (local.get $i)))) (f64x2.splat (local.get $scale))))
        (v128.store (i32.add (local.get $dir) (local.get $i)) (local.get $v))
        (v128.store (i32.add (local.get $xNew) (local.get $i)) (f64x2.add (v128.load (i32.add (local.get $x) (local.get $i))) (local.get $v)))
        (local.set $p (f64x2.mul (v128.load (i32.add (local.get $g) (local.get $i))) (local.get $v)))
        (local.set $acc (f64.add (f64.add (local.get $acc) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (local.get $acc))
  ;; xNew = x + step dir
  (func (export "lbTry") (param $x i32) (param $step f64) (param $dir i32) (param $xNew i32) (param $n i32)
    (local $i i32) (local $end i32) (local $acc f64) (local $v v128) (local $p v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (v128.store (i32.add (local.get $xNew) (local.get $i)) (f64x2.add (v128.load (i32.add (local.get $x) (local.get $i))) (f64x2.mul (f64x2.splat (local.get $step)) (v128.load (i32.add (local.get $dir) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    )
  ;; the new correction pair s = xNew - x and y = gNew - g; out[0] = s . y, out[1] = y . y, out[2] = max |gNew[i]|
  (func (export "lbPair") (param $xNew i32) (param $x i32) (param $gNew i32) (param $g i32) (param $s i32) (param $y i32) (param $n i32) (param $out i32)
    (local $i i32) (local $end i32) (local $sy f64) (local $yy f64) (local $max v128) (local $sv v128) (local $yv v128) (local $p v128) (local $q v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $sv (f64x2.sub (v128.load (i32.add (local.get $xNew) (local.get $i))) (v128.load (i32.add (local.get $x) (local.get $i)))))
        (local.set $yv (f64x2.sub (v128.load (i32.add (local.get $gNew) (local.get $i))) (v128.load (i32.add (local.get $g) (local.get $i)))))
        (v128.store (i32.add (local.get $s) (local.get $i)) (local.get $sv))
        (v128.store (i32.add (local.get $y) (local.get $i)) (local.get $yv))
        (local.set $p (f64x2.mul (local.get $sv) (local.get $yv)))
        (local.set $q (f64x2.mul (local.get $yv) (local.get $yv)))
        (local.set $sy (f64.add (f64.add (local.get $sy) (f64x2.extract_lane 0 (local.get $p))) (f64x2.extract_lane 1 (local.get $p))))
        (local.set $yy (f64.add (f64.add (local.get $yy) (f64x2.extract_lane 0 (local.get $q))) (f64x2.extract_lane 1 (local.get $q))))
        (local.set $max (f64x2.max (local.get $max) (f64x2.abs (v128.load (i32.add (local.get $gNew) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (f64.store (local.get $out) (local.get $sy))
    (f64.store offset=8 (local.get $out) (local.get $yy))
    (f64.store offset=16 (local.get $out) (f64.max (f64x2.extract_lane 0 (local.get $max)) (f64x2.extract_lane 1 (local.get $max)))))
  ;; max |g[i]|
  (func (export "lbMaxAbs") (param $g i32) (param $n i32) (result f64)
    (local $i i32) (local $end i32) (local $max v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $max (f64x2.max (local.get $max) (f64x2.abs (v128.load (i32.add (local.get $g) (local.get $i))))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $pairs)))
    (f64.max (f64x2.extract_lane 0 (local.get $max)) (f64x2.extract_lane 1 (local.get $max)))))
