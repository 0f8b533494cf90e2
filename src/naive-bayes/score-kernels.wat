;; Naive Bayes' scoring (model.ts, NaiveBayesModel.predictProbaCsr) in WebAssembly SIMD: the logits of sparse rows
;; against the kernel. Each class's logit is the float64 sum, term by term in the row's order, of value x weight,
;; both float32 widened exactly and multiplied in float64 (exact: 24-bit by 24-bit significands), as the JavaScript
;; loop it replaces did, so the logits are the same bits (test/naive-bayes/score-kernels.test.ts). All pointers are
;; byte offsets into the exported memory; the caller lays the buffers out and grows it.
(module
  (memory (export "memory") 1)

  ;; logits(kernel, k, offsets, ids, values, n, out): for each row r < n (its terms p from offsets[r] to
  ;; offsets[r + 1], i32), out[r * k + c] (f64) = sum over p of values[p] (f32) x kernel[ids[p] * k + c] (f32),
  ;; 0 for a row without terms. Four classes at a time, then one at a time for k mod 4.
  (func (export "logits") (param $kernel i32) (param $k i32) (param $offsets i32) (param $ids i32) (param $values i32) (param $n i32) (param $out i32)
    (local $rowBytes i32) (local $rowEnd i32) (local $quadEnd i32) (local $a i32) (local $p i32) (local $pEnd i32) (local $w i32)
    (local $x f64) (local $xx v128) (local $v v128) (local $outEnd i32)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (local.set $outEnd (i32.add (local.get $out) (i32.mul (local.get $n) (local.get $rowBytes))))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $out) (local.get $outEnd)))
        (local.set $rowEnd (i32.add (local.get $out) (local.get $rowBytes)))
        (local.set $quadEnd (i32.add (local.get $out) (i32.shl (i32.and (local.get $k) (i32.const -4)) (i32.const 3))))
        (local.set $a (local.get $out))
        (block $zeroed
          (loop $zero
            (br_if $zeroed (i32.ge_u (local.get $a) (local.get $rowEnd)))
            (f64.store (local.get $a) (f64.const 0))
            (local.set $a (i32.add (local.get $a) (i32.const 8)))
            (br $zero)))
        (local.set $p (i32.load (local.get $offsets)))
        (local.set $pEnd (i32.load offset=4 (local.get $offsets)))
        (block $termsDone
          (loop $terms
            (br_if $termsDone (i32.ge_u (local.get $p) (local.get $pEnd)))
            (local.set $x (f64.promote_f32 (f32.load (i32.add (local.get $values) (i32.shl (local.get $p) (i32.const 2))))))
            (local.set $xx (f64x2.splat (local.get $x)))
            (local.set $w (i32.add (local.get $kernel)
              (i32.shl (i32.mul (i32.load (i32.add (local.get $ids) (i32.shl (local.get $p) (i32.const 2)))) (local.get $k)) (i32.const 2))))
            (local.set $a (local.get $out))
            (block $quadsDone
              (loop $quads
                (br_if $quadsDone (i32.ge_u (local.get $a) (local.get $quadEnd)))
                (local.set $v (v128.load (local.get $w)))
                (v128.store (local.get $a)
                  (f64x2.add (v128.load (local.get $a)) (f64x2.mul (local.get $xx) (f64x2.promote_low_f32x4 (local.get $v)))))
                (v128.store offset=16 (local.get $a)
                  (f64x2.add (v128.load offset=16 (local.get $a))
                    (f64x2.mul (local.get $xx) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))))))
                (local.set $w (i32.add (local.get $w) (i32.const 16)))
                (local.set $a (i32.add (local.get $a) (i32.const 32)))
                (br $quads)))
            (block $restDone
              (loop $rest
                (br_if $restDone (i32.ge_u (local.get $a) (local.get $rowEnd)))
                (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.mul (local.get $x) (f64.promote_f32 (f32.load (local.get $w))))))
                (local.set $w (i32.add (local.get $w) (i32.const 4)))
                (local.set $a (i32.add (local.get $a) (i32.const 8)))
                (br $rest)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $terms)))
        (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
        (local.set $out (local.get $rowEnd))
        (br $rows)))))
