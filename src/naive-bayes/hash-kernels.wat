;; Naive Bayes' term hashing (features.ts, hashTerms): the character n-grams of a text's words, then every
;; id sorted and counted. Each step is the one the JavaScript of features.ts did before (kept as
;; test/naive-bayes/reference-hash.ts), on the same 32-bit integers, so the ids and counts are the same.
;; All pointers are byte offsets into the exported memory; the caller lays the buffers out and grows it.
(module
  (memory (export "memory") 1)

  ;; 32-bit FNV-1a: the prime, and the offset basis mixed with the character block's seed
  (global $P i32 (i32.const 0x01000193))
  (global $CHAR_BASIS i32 (i32.const 0x04f757ae)) ;; 0x811c9dc5 ^ 0x85ebca6b

  ;; JavaScript's \s (ECMAScript WhiteSpace and LineTerminator): what `split(/\s+/u)` splits words on.
  (func $isSpace (param $c i32) (result i32)
    (if (i32.le_u (local.get $c) (i32.const 0x20))
      (then (return (i32.or (i32.eq (local.get $c) (i32.const 0x20))
                            (i32.and (i32.ge_u (local.get $c) (i32.const 0x09)) (i32.le_u (local.get $c) (i32.const 0x0d)))))))
    (if (i32.lt_u (local.get $c) (i32.const 0xa0)) (then (return (i32.const 0))))
    (i32.or
      (i32.or
        (i32.or (i32.eq (local.get $c) (i32.const 0xa0)) (i32.eq (local.get $c) (i32.const 0x1680)))
        (i32.or (i32.and (i32.ge_u (local.get $c) (i32.const 0x2000)) (i32.le_u (local.get $c) (i32.const 0x200a)))
                (i32.or (i32.eq (local.get $c) (i32.const 0x2028)) (i32.eq (local.get $c) (i32.const 0x2029)))))
      (i32.or
        (i32.or (i32.eq (local.get $c) (i32.const 0x202f)) (i32.eq (local.get $c) (i32.const 0x205f)))
        (i32.or (i32.eq (local.get $c) (i32.const 0x3000)) (i32.eq (local.get $c) (i32.const 0xfeff))))))

  ;; asciiWords(text, len, ids, n, ngrams, starts, mask, bounds) -> n
  ;; The word n-grams of an ASCII text (lowercased by the caller): words are runs of two or more of
  ;; [A-Za-z0-9_], what /[\p{L}\p{N}_]{2,}/gu finds in ASCII; their (start, end) pairs go to `bounds`. For
  ;; each length g in 1..ngrams, each run of g words is hashed from the i32 at starts + 4 (g - 1) (FNV-1a
  ;; of the length's digits), a space before each word, to (FNV-1a & mask), appended to the ids at `ids`
  ;; after the first n. Returns the new count. Room: ngrams x (len / 2 + 1) ids, 4 (len + 2) bytes of bounds.
  (func (export "asciiWords")
    (param $text i32) (param $len i32) (param $ids i32) (param $n i32) (param $ngrams i32) (param $starts i32)
    (param $mask i32) (param $bounds i32) (result i32)
    (local $pos i32) (local $start i32) (local $c i32) (local $words i32) (local $g i32) (local $i i32)
    (local $k i32) (local $p i32) (local $end i32) (local $h i32) (local $out i32) (local $b i32)
    (local.set $out (i32.add (local.get $ids) (i32.shl (local.get $n) (i32.const 2))))
    ;; the words
    (block $scanned
      (loop $scan
        (br_if $scanned (i32.ge_u (local.get $pos) (local.get $len)))
        (local.set $start (local.get $pos))
        (block $runEnd
          (loop $run
            (br_if $runEnd (i32.ge_u (local.get $pos) (local.get $len)))
            (local.set $c (i32.load16_u (i32.add (local.get $text) (i32.shl (local.get $pos) (i32.const 1)))))
            (br_if $runEnd (i32.eqz (call $isWordUnit (local.get $c))))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br $run)))
        (if (i32.ge_u (i32.sub (local.get $pos) (local.get $start)) (i32.const 2))
          (then
            (local.set $b (i32.add (local.get $bounds) (i32.shl (local.get $words) (i32.const 3))))
            (i32.store (local.get $b) (local.get $start))
            (i32.store (i32.add (local.get $b) (i32.const 4)) (local.get $pos))
            (local.set $words (i32.add (local.get $words) (i32.const 1)))))
        ;; past the unit that ended the run (none when the run reached the end)
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (br $scan)))
    (local.set $g (i32.const 1))
    (block $lensDone
      (loop $lens
        (br_if $lensDone (i32.gt_s (local.get $g) (local.get $ngrams)))
        (local.set $i (i32.const 0))
        (block $startsDone
          (loop $each
            (br_if $startsDone (i32.gt_s (i32.add (local.get $i) (local.get $g)) (local.get $words)))
            (local.set $h (i32.load (i32.add (local.get $starts) (i32.shl (i32.sub (local.get $g) (i32.const 1)) (i32.const 2)))))
            (local.set $k (local.get $i))
            (loop $word
              (local.set $h (i32.mul (i32.xor (local.get $h) (i32.const 0x20)) (global.get $P)))
              (local.set $b (i32.add (local.get $bounds) (i32.shl (local.get $k) (i32.const 3))))
              (local.set $p (i32.load (local.get $b)))
              (local.set $end (i32.load (i32.add (local.get $b) (i32.const 4))))
              (loop $unit
                (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load16_u (i32.add (local.get $text) (i32.shl (local.get $p) (i32.const 1))))) (global.get $P)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br_if $unit (i32.lt_u (local.get $p) (local.get $end))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $word (i32.lt_s (local.get $k) (i32.add (local.get $i) (local.get $g)))))
            (i32.store (local.get $out) (i32.and (local.get $h) (local.get $mask)))
            (local.set $out (i32.add (local.get $out) (i32.const 4)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $each)))
        (local.set $g (i32.add (local.get $g) (i32.const 1)))
        (br $lens)))
    (i32.shr_u (i32.sub (local.get $out) (local.get $ids)) (i32.const 2)))

  ;; A unit of an ASCII word: a letter, a digit or the underscore.
  (func $isWordUnit (param $c i32) (result i32)
    (i32.or
      (i32.or (i32.lt_u (i32.sub (local.get $c) (i32.const 0x61)) (i32.const 26)) (i32.lt_u (i32.sub (local.get $c) (i32.const 0x41)) (i32.const 26)))
      (i32.or (i32.lt_u (i32.sub (local.get $c) (i32.const 0x30)) (i32.const 10)) (i32.eq (local.get $c) (i32.const 0x5f)))))

  ;; charNgrams(text, len, ids, n, lo, hi, size, mask, word) -> n
  ;; The text's `len` UTF-16 code units at `text` (lowercased by the caller) are cut into words at
  ;; whitespace; each word, padded with a space on each side (written at `word`, 4 bytes a unit), gives
  ;; its character n-grams of lengths lo..hi, each hashed to size + (FNV-1a & mask) and appended to the i32
  ;; ids at `ids` after the first `n`. A word shorter than an n-gram length gives itself once (scikit-learn's
  ;; char_wb). Returns the new count. Room: (hi - lo + 1) x (2 len + 1) ids after the first n.
  (func (export "charNgrams")
    (param $text i32) (param $len i32) (param $ids i32) (param $n i32) (param $lo i32) (param $hi i32)
    (param $size i32) (param $mask i32) (param $word i32) (result i32)
    (local $pos i32) (local $start i32) (local $padded i32) (local $k i32) (local $g i32) (local $seed i32)
    (local $last i32) (local $i i32) (local $end i32) (local $h i32) (local $out i32)
    (local.set $out (i32.add (local.get $ids) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $words
        ;; skip whitespace
        (block $found
          (loop $skip
            (br_if $done (i32.ge_u (local.get $pos) (local.get $len)))
            (br_if $found (i32.eqz (call $isSpace (i32.load16_u (i32.add (local.get $text) (i32.shl (local.get $pos) (i32.const 1)))))))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br $skip)))
        ;; the word: units start..pos, written padded at `word`
        (local.set $start (local.get $pos))
        (i32.store (local.get $word) (i32.const 0x20))
        (block $ended
          (loop $copy
            (br_if $ended (i32.ge_u (local.get $pos) (local.get $len)))
            (local.set $h (i32.load16_u (i32.add (local.get $text) (i32.shl (local.get $pos) (i32.const 1)))))
            (br_if $ended (call $isSpace (local.get $h)))
            (i32.store (i32.add (local.get $word) (i32.shl (i32.add (i32.sub (local.get $pos) (local.get $start)) (i32.const 1)) (i32.const 2))) (local.get $h))
            (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
            (br $copy)))
        (local.set $padded (i32.add (i32.sub (local.get $pos) (local.get $start)) (i32.const 2)))
        (i32.store (i32.add (local.get $word) (i32.shl (i32.sub (local.get $padded) (i32.const 1)) (i32.const 2))) (i32.const 0x20))
        (local.set $g (local.get $lo))
        (block $lensDone
          (loop $lens
            (br_if $lensDone (i32.gt_s (local.get $g) (local.get $hi)))
            (local.set $seed (i32.mul (i32.xor (global.get $CHAR_BASIS) (local.get $g)) (global.get $P)))
            ;; last start: max(0, padded - g)
            (local.set $last (i32.sub (local.get $padded) (local.get $g)))
            (if (i32.lt_s (local.get $last) (i32.const 0)) (then (local.set $last (i32.const 0))))
            (local.set $i (i32.const 0))
            (loop $starts
              ;; end: min(padded, i + g)
              (local.set $end (i32.add (local.get $i) (local.get $g)))
              (if (i32.gt_s (local.get $end) (local.get $padded)) (then (local.set $end (local.get $padded))))
              (local.set $h (local.get $seed))
              (local.set $k (local.get $i))
              (loop $chars
                (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load (i32.add (local.get $word) (i32.shl (local.get $k) (i32.const 2))))) (global.get $P)))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br_if $chars (i32.lt_s (local.get $k) (local.get $end))))
              (i32.store (local.get $out) (i32.add (local.get $size) (i32.and (local.get $h) (local.get $mask))))
              (local.set $out (i32.add (local.get $out) (i32.const 4)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $starts (i32.le_s (local.get $i) (local.get $last))))
            (local.set $g (i32.add (local.get $g) (i32.const 1)))
            (br $lens)))
        (br $words)))
    (i32.shr_u (i32.sub (local.get $out) (local.get $ids)) (i32.const 2)))

  ;; sortCount(ids, n, spare, bits, digits, outIds, outCounts, outCounts16, size, meta) -> m
  ;; Sorts the n non-negative i32 ids at `ids` (each below 2^bits) with a least-significant-digit radix
  ;; sort, 8 bits a pass, between `ids` and `spare`: one reading pass counts every pass's digits (256 i32
  ;; counters a pass at `digits`, 4 KB), then each pass places the ids. Writes the m distinct ids
  ;; ascending to `outIds` with their counts as i32 at `outCounts` and as u16 at `outCounts16` (exact when
  ;; the largest fits), the largest count at meta and the index of the first id >= size at meta + 4 (m if
  ;; none). Returns m.
  (func (export "sortCount")
    (param $ids i32) (param $n i32) (param $spare i32) (param $bits i32) (param $digits i32)
    (param $outIds i32) (param $outCounts i32) (param $outCounts16 i32) (param $size i32) (param $meta i32) (result i32)
    (local $from i32) (local $to i32) (local $swap i32) (local $shift i32) (local $i i32) (local $d i32)
    (local $sum i32) (local $c i32) (local $v i32) (local $m i32) (local $most i32) (local $wordEnd i32) (local $prev i32)
    (local $passes i32) (local $p i32) (local $table i32)
    (local.set $passes (i32.shr_u (i32.add (local.get $bits) (i32.const 7)) (i32.const 3)))
    ;; zero the counters of every pass
    (local.set $i (i32.const 0))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $i) (i32.shl (local.get $passes) (i32.const 10))))
        (v128.store (i32.add (local.get $digits) (local.get $i)) (v128.const i64x2 0 0))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $zero)))
    ;; count every pass's digits in one read
    (local.set $i (i32.const 0))
    (block $counted
      (loop $count
        (br_if $counted (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $v (i32.load (i32.add (local.get $ids) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $p (i32.const 0))
        (loop $eachPass
          (local.set $d (i32.add (i32.add (local.get $digits) (i32.shl (local.get $p) (i32.const 10)))
            (i32.shl (i32.and (i32.shr_u (local.get $v) (i32.shl (local.get $p) (i32.const 3))) (i32.const 255)) (i32.const 2))))
          (i32.store (local.get $d) (i32.add (i32.load (local.get $d)) (i32.const 1)))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $eachPass (i32.lt_u (local.get $p) (local.get $passes))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $count)))
    (local.set $from (local.get $ids))
    (local.set $to (local.get $spare))
    (local.set $p (i32.const 0))
    (block $sorted
      (loop $pass
        (br_if $sorted (i32.ge_u (local.get $p) (local.get $passes)))
        (local.set $table (i32.add (local.get $digits) (i32.shl (local.get $p) (i32.const 10))))
        (local.set $shift (i32.shl (local.get $p) (i32.const 3)))
        ;; counts to starting positions
        (local.set $sum (i32.const 0))
        (local.set $i (i32.const 0))
        (loop $prefix
          (local.set $d (i32.add (local.get $table) (i32.shl (local.get $i) (i32.const 2))))
          (local.set $c (i32.load (local.get $d)))
          (i32.store (local.get $d) (local.get $sum))
          (local.set $sum (i32.add (local.get $sum) (local.get $c)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $prefix (i32.lt_s (local.get $i) (i32.const 256))))
        (local.set $i (i32.const 0))
        (block $placed
          (loop $place
            (br_if $placed (i32.ge_s (local.get $i) (local.get $n)))
            (local.set $v (i32.load (i32.add (local.get $from) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $d (i32.add (local.get $table) (i32.shl (i32.and (i32.shr_u (local.get $v) (local.get $shift)) (i32.const 255)) (i32.const 2))))
            (local.set $c (i32.load (local.get $d)))
            (i32.store (i32.add (local.get $to) (i32.shl (local.get $c) (i32.const 2))) (local.get $v))
            (i32.store (local.get $d) (i32.add (local.get $c) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $place)))
        (local.set $swap (local.get $from))
        (local.set $from (local.get $to))
        (local.set $to (local.get $swap))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $pass)))
    ;; distinct ids and their counts
    (local.set $most (i32.const 0))
    (local.set $wordEnd (i32.const -1))
    (local.set $i (i32.const 0))
    (block $counted
      (loop $dedupe
        (br_if $counted (i32.ge_s (local.get $i) (local.get $n)))
        (local.set $v (i32.load (i32.add (local.get $from) (i32.shl (local.get $i) (i32.const 2)))))
        (if (i32.and (i32.gt_s (local.get $m) (i32.const 0)) (i32.eq (local.get $v) (local.get $prev)))
          (then
            (local.set $d (i32.add (local.get $outCounts) (i32.shl (i32.sub (local.get $m) (i32.const 1)) (i32.const 2))))
            (local.set $c (i32.add (i32.load (local.get $d)) (i32.const 1)))
            (i32.store (local.get $d) (local.get $c))
            (i32.store16 (i32.add (local.get $outCounts16) (i32.shl (i32.sub (local.get $m) (i32.const 1)) (i32.const 1))) (local.get $c))
            (if (i32.gt_s (local.get $c) (local.get $most)) (then (local.set $most (local.get $c)))))
          (else
            (if (i32.and (i32.lt_s (local.get $wordEnd) (i32.const 0)) (i32.ge_s (local.get $v) (local.get $size)))
              (then (local.set $wordEnd (local.get $m))))
            (i32.store (i32.add (local.get $outIds) (i32.shl (local.get $m) (i32.const 2))) (local.get $v))
            (i32.store (i32.add (local.get $outCounts) (i32.shl (local.get $m) (i32.const 2))) (i32.const 1))
            (i32.store16 (i32.add (local.get $outCounts16) (i32.shl (local.get $m) (i32.const 1))) (i32.const 1))
            (if (i32.lt_s (local.get $most) (i32.const 1)) (then (local.set $most (i32.const 1))))
            (local.set $prev (local.get $v))
            (local.set $m (i32.add (local.get $m) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $dedupe)))
    (if (i32.lt_s (local.get $wordEnd) (i32.const 0)) (then (local.set $wordEnd (local.get $m))))
    (i32.store (local.get $meta) (local.get $most))
    (i32.store (i32.add (local.get $meta) (i32.const 4)) (local.get $wordEnd))
    (local.get $m))
)
