;; The static encoder's token sums (static-encoder.ts) in WebAssembly SIMD: a text's vector before scaling is the
;; float64 sum of its tokens' float32 rows. Each component is summed token by token, in the order of the plain
;; JavaScript loop it replaces, with the same float64 additions (f64x2.promote_low_f32x4 widens exactly), so the
;; sums are the same bits (test/encoders/row-sums.test.ts). All pointers are byte offsets into the exported memory;
;; the caller lays the table, the sums and the token ids out and grows it.
(module
  (memory (export "memory") 1)

  ;; sumRows(table, dim, ids, n, acc): acc[0..dim) (float64) = the sum of the float32 rows table[ids[k] * dim ..
  ;; + dim) for k < n (ids are i32), 0 where n is 0. Four components at a time, then one at a time for dim mod 4.
  (func (export "sumRows") (param $table i32) (param $dim i32) (param $ids i32) (param $n i32) (param $acc i32)
    (local $idEnd i32) (local $row i32) (local $p i32) (local $a i32) (local $end4 i32) (local $end i32) (local $accEnd i32)
    (local $v v128)
    (local.set $accEnd (i32.add (local.get $acc) (i32.shl (local.get $dim) (i32.const 3))))
    (local.set $a (local.get $acc))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $a) (local.get $accEnd)))
        (f64.store (local.get $a) (f64.const 0))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (br $zero)))
    (local.set $idEnd (i32.add (local.get $ids) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $tokens
        (br_if $done (i32.ge_u (local.get $ids) (local.get $idEnd)))
        (local.set $row (i32.add (local.get $table) (i32.shl (i32.mul (i32.load (local.get $ids)) (local.get $dim)) (i32.const 2))))
        (local.set $end (i32.add (local.get $row) (i32.shl (local.get $dim) (i32.const 2))))
        (local.set $end4 (i32.add (local.get $row) (i32.shl (i32.and (local.get $dim) (i32.const -4)) (i32.const 2))))
        (local.set $p (local.get $row))
        (local.set $a (local.get $acc))
        (block $quadsDone
          (loop $quads
            (br_if $quadsDone (i32.ge_u (local.get $p) (local.get $end4)))
            (local.set $v (v128.load (local.get $p)))
            (v128.store (local.get $a) (f64x2.add (v128.load (local.get $a)) (f64x2.promote_low_f32x4 (local.get $v))))
            (v128.store offset=16 (local.get $a)
              (f64x2.add (v128.load offset=16 (local.get $a))
                (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $a (i32.add (local.get $a) (i32.const 32)))
            (br $quads)))
        (block $restDone
          (loop $rest
            (br_if $restDone (i32.ge_u (local.get $p) (local.get $end)))
            (f64.store (local.get $a) (f64.add (f64.load (local.get $a)) (f64.promote_f32 (f32.load (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (local.set $a (i32.add (local.get $a) (i32.const 8)))
            (br $rest)))
        (local.set $ids (i32.add (local.get $ids) (i32.const 4)))
        (br $tokens)))))
