/**
 * fastText 0.9.2's hashing, reproduced bit for bit so our feature ids equal the binary's.
 *
 * Word hash: FNV-1a 32-bit over the UTF-8 bytes, except that fastText XORs `uint32(int8(byte))`,
 * so bytes >= 0x80 are sign-extended (0xC3 becomes 0xFFFFFFC3). ASCII words hash like plain FNV-1a.
 */
const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;
/** Multiplier of fastText's word n-gram hash (`h = h * 116049371 + hash(next)` in uint64). */
const NGRAM_MUL = 116049371;
const TWO32 = 4294967296;

/** Feeds one byte with the sign-extension quirk. */
function fnvByte(h: number, byte: number): number {
  return Math.imul(h ^ ((byte << 24) >> 24), FNV_PRIME) >>> 0;
}

/** Feeds the UTF-8 encoding of one code point (lone surrogates become U+FFFD, as Node writes them). */
export function fnvCodePoint(h: number, cp: number): number {
  if (cp < 0x80) return fnvByte(h, cp);
  if (cp < 0x800) return fnvByte(fnvByte(h, 0xc0 | (cp >> 6)), 0x80 | (cp & 63));
  if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
  if (cp < 0x10000) {
    h = fnvByte(h, 0xe0 | (cp >> 12));
    return fnvByte(fnvByte(h, 0x80 | ((cp >> 6) & 63)), 0x80 | (cp & 63));
  }
  h = fnvByte(fnvByte(h, 0xf0 | (cp >> 18)), 0x80 | ((cp >> 12) & 63));
  return fnvByte(fnvByte(h, 0x80 | ((cp >> 6) & 63)), 0x80 | (cp & 63));
}

/** fastText `Dictionary::hash`: returns a uint32. */
export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  const len = word.length;
  for (let i = 0; i < len; i++) {
    let c = word.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME) >>> 0; // hot path: ASCII needs no UTF-8 encoding
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < len) {
      const d = word.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    h = fnvCodePoint(h, c);
  }
  return h;
}

/**
 * Appends `offset + bucket` for every word n-gram of length 2..n (fastText `addWordNgrams`).
 * fastText keeps word hashes in an `int32` vector and widens them to uint64, so each hash is
 * sign-extended before `h = h * 116049371 + hash` (mod 2^64), then reduced `% buckets`.
 * The uint64 arithmetic is done in two 32-bit halves because doubles hold only 53 bits.
 */
export function pushWordNgrams(hashes: ArrayLike<number>, count: number, n: number, buckets: number, offset: number, out: number[]): void {
  for (let i = 0; i < count; i++) {
    let lo = hashes[i]!;
    let hi = lo >= 0x80000000 ? 0xffffffff : 0;
    const end = Math.min(count, i + n);
    for (let j = i + 1; j < end; j++) {
      const add = hashes[j]!;
      // (hi:lo) * NGRAM_MUL, with lo split in 16-bit halves to stay exact.
      const aC = (lo >>> 16) * NGRAM_MUL;
      const sumLo = (lo & 0xffff) * NGRAM_MUL + (aC % 65536) * 65536 + add;
      const carry = Math.floor(sumLo / TWO32);
      lo = sumLo - carry * TWO32;
      hi = (Math.imul(hi, NGRAM_MUL) + Math.floor(aC / 65536) + carry + (add >= 0x80000000 ? 0xffffffff : 0)) >>> 0;
      out.push(offset + mod64(hi, lo, buckets));
    }
  }
}

/** (hi * 2^32 + lo) mod m without leaving exact double range (m < 2^36). */
function mod64(hi: number, lo: number, m: number): number {
  let r = hi % m;
  r = (r * 65536 + (lo >>> 16)) % m;
  return (r * 65536 + (lo & 0xffff)) % m;
}

/**
 * Appends `offset + hash % buckets` for the char n-grams (minn..maxn code points) of `<word>`,
 * skipping the lone boundary markers, like fastText `computeSubwords`. Hashes grow incrementally
 * because FNV is a left fold over bytes, so no substring is allocated.
 */
export function pushCharNgrams(word: string, minn: number, maxn: number, buckets: number, offset: number, out: number[]): void {
  const cps = [60]; // '<'
  for (const ch of word) cps.push(ch.codePointAt(0)!);
  cps.push(62); // '>'
  const len = cps.length;
  for (let i = 0; i < len; i++) {
    let h = FNV_OFFSET;
    for (let n = 1; n <= maxn && i + n <= len; n++) {
      h = fnvCodePoint(h, cps[i + n - 1]!);
      if (n >= minn && !(n === 1 && (i === 0 || i + n === len))) out.push(offset + (h % buckets));
    }
  }
}
