;; fdlibm's exp over float64 pairs, V8's Math.exp bit for bit: a fragment, not a module. The kernels that
;; need it take it in with a line `;; #include ../util/exp-f64x2.wat` (scripts/lib/kernels-source.mjs puts this
;; text there before compiling), so one copy serves src/encoder-head/head-kernels.wat and src/dense/dense-kernels.wat.
  ;; $exp's constants, as mutable globals read into locals before its loop: V8 builds a v128.const
  ;; afresh at each use (three instructions), where a local stays in a register or one load away
  (global $e.invLn2 (mut v128) (v128.const f64x2 0x1.71547652b82fep+0 0x1.71547652b82fep+0))
  (global $e.minusHalf (mut v128) (v128.const f64x2 -0.5 -0.5))
  (global $e.halfLn2Bound (mut v128) (v128.const f64x2 0x1.62e43p-2 0x1.62e43p-2))
  (global $e.ln2Hi (mut v128) (v128.const f64x2 0x1.62e42feep-1 0x1.62e42feep-1))
  (global $e.ln2Lo (mut v128) (v128.const f64x2 0x1.a39ef35793c76p-33 0x1.a39ef35793c76p-33))
  (global $e.p1 (mut v128) (v128.const f64x2 0x1.555555555553ep-3 0x1.555555555553ep-3))
  (global $e.p2 (mut v128) (v128.const f64x2 -0x1.6c16c16bebd93p-9 -0x1.6c16c16bebd93p-9))
  (global $e.p3 (mut v128) (v128.const f64x2 0x1.1566aaf25de2cp-14 0x1.1566aaf25de2cp-14))
  (global $e.p4 (mut v128) (v128.const f64x2 -0x1.bbd41c5d26bf1p-20 -0x1.bbd41c5d26bf1p-20))
  (global $e.p5 (mut v128) (v128.const f64x2 0x1.6376972bea4d0p-25 0x1.6376972bea4d0p-25))
  (global $e.one (mut v128) (v128.const f64x2 1 1))
  (global $e.two (mut v128) (v128.const f64x2 2 2))
  (global $e.minus1021 (mut v128) (v128.const f64x2 -1021 -1021))
  (global $e.thousand (mut v128) (v128.const f64x2 1000 1000))
  (global $e.twoM1000 (mut v128) (v128.const f64x2 0x1p-1000 0x1p-1000))
  (global $e.twoM28 (mut v128) (v128.const f64x2 0x1p-28 0x1p-28))
  (global $e.underflow (mut v128) (v128.const f64x2 -0x1.74910d52d3051p+9 -0x1.74910d52d3051p+9))
  (global $e.bias1023 (mut v128) (v128.const i64x2 1023 1023))
  ;; p[i] = exp(p[i]) for the n float64 at p, each <= 0 (or NaN), two at a time in f64x2 lanes.
  ;; fdlibm's __ieee754_exp, the algorithm of V8's Math.exp, step for step (Cody-Waite reduction
  ;; x = k ln2 + r with ln2 split hi + lo, a degree-5 polynomial in r*r, the result scaled by 2^k built
  ;; from exponent bits), so it gives the same bits as Math.exp there, within 1 ulp of exp. fdlibm's
  ;; branches become lane selects: k = 0 where |x| <= 0.5 ln2 (its high-word test), 1 + x where
  ;; |x| < 2^-28, 0 below -745.13 (where exp underflows), and 2^(k+1000) * 2^-1000 for the subnormal
  ;; results (k < -1021).
  (func $exp (export "exp") (param $p i32) (param $n i32)
    (local $end i32) (local $two i32)
    (local $x v128) (local $ax v128) (local $kf v128) (local $hi v128) (local $lo v128) (local $r v128) (local $t v128) (local $c v128) (local $y v128) (local $low v128)
    (local $k.bias1023 v128) (local $k.halfLn2Bound v128) (local $k.invLn2 v128) (local $k.ln2Hi v128) (local $k.ln2Lo v128) (local $k.minus1021 v128) (local $k.minusHalf v128) (local $k.one v128) (local $k.p1 v128) (local $k.p2 v128) (local $k.p3 v128) (local $k.p4 v128) (local $k.p5 v128) (local $k.thousand v128) (local $k.two v128) (local $k.twoM1000 v128) (local $k.twoM28 v128) (local $k.underflow v128)
    (local.set $k.bias1023 (global.get $e.bias1023))
    (local.set $k.halfLn2Bound (global.get $e.halfLn2Bound))
    (local.set $k.invLn2 (global.get $e.invLn2))
    (local.set $k.ln2Hi (global.get $e.ln2Hi))
    (local.set $k.ln2Lo (global.get $e.ln2Lo))
    (local.set $k.minus1021 (global.get $e.minus1021))
    (local.set $k.minusHalf (global.get $e.minusHalf))
    (local.set $k.one (global.get $e.one))
    (local.set $k.p1 (global.get $e.p1))
    (local.set $k.p2 (global.get $e.p2))
    (local.set $k.p3 (global.get $e.p3))
    (local.set $k.p4 (global.get $e.p4))
    (local.set $k.p5 (global.get $e.p5))
    (local.set $k.thousand (global.get $e.thousand))
    (local.set $k.two (global.get $e.two))
    (local.set $k.twoM1000 (global.get $e.twoM1000))
    (local.set $k.twoM28 (global.get $e.twoM28))
    (local.set $k.underflow (global.get $e.underflow))
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 3))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $two (i32.le_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $x (if (result v128) (local.get $two)
          (then (v128.load (local.get $p)))
          (else (v128.load64_zero (local.get $p)))))
        (local.set $ax (f64x2.abs (local.get $x)))
        ;; k = (int)(x / ln2 - 0.5) where |x| > 0.5 ln2 (high word above 0x3fd62e42), else 0
        (local.set $kf (v128.and
          (f64x2.trunc (f64x2.add (f64x2.mul (local.get $k.invLn2) (local.get $x)) (local.get $k.minusHalf)))
          (f64x2.ge (local.get $ax) (local.get $k.halfLn2Bound))))
        (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $kf) (local.get $k.ln2Hi))))
        (local.set $lo (f64x2.mul (local.get $kf) (local.get $k.ln2Lo)))
        (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
        (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
        ;; c = r - t*(P1 + t*(P2 + t*(P3 + t*(P4 + t*P5))))
        (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $t)
          (f64x2.add (local.get $k.p1) (f64x2.mul (local.get $t)
          (f64x2.add (local.get $k.p2) (f64x2.mul (local.get $t)
          (f64x2.add (local.get $k.p3) (f64x2.mul (local.get $t)
          (f64x2.add (local.get $k.p4) (f64x2.mul (local.get $t)
            (local.get $k.p5))))))))))))
        ;; y = 1 - ((lo - (r*c)/(2 - c)) - hi); where k = 0 this equals fdlibm's 1 - ((r*c)/(c - 2) - r)
        (local.set $y (f64x2.sub (local.get $k.one) (f64x2.sub
          (f64x2.sub (local.get $lo) (f64x2.div (f64x2.mul (local.get $r) (local.get $c)) (f64x2.sub (local.get $k.two) (local.get $c))))
          (local.get $hi))))
        ;; y * 2^k, or (y * 2^(k+1000)) * 2^-1000 where k < -1021
        (local.set $low (f64x2.lt (local.get $kf) (local.get $k.minus1021)))
        (local.set $y (f64x2.mul
          (f64x2.mul (local.get $y) (i64x2.shl (i64x2.add
            (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero
              (f64x2.add (local.get $kf) (v128.and (local.get $low) (local.get $k.thousand)))))
            (local.get $k.bias1023)) (i32.const 52)))
          (v128.bitselect (local.get $k.twoM1000) (local.get $k.one) (local.get $low))))
        ;; 1 + x where |x| < 2^-28; 0 below fdlibm's underflow threshold
        (local.set $y (v128.bitselect (f64x2.add (local.get $k.one) (local.get $x)) (local.get $y)
          (f64x2.lt (local.get $ax) (local.get $k.twoM28))))
        (local.set $y (v128.andnot (local.get $y) (f64x2.lt (local.get $x) (local.get $k.underflow))))
        (if (local.get $two)
          (then (v128.store (local.get $p) (local.get $y)))
          (else (v128.store64_lane 0 (local.get $p) (local.get $y))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $pairs))))
