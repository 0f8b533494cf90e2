/** "1-5" -> [1..5], "1,3,7" -> [1, 3, 7], "4" -> [4]; null for anything else (a descending range, a word, a negative). */
export function parseIntList(text: string): number[] | null {
  const t = text.trim();
  const range = /^(\d+)-(\d+)$/.exec(t);
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])];
    if (low > high || high - low > 10_000) return null;
    return Array.from({ length: high - low + 1 }, (_, k) => low + k);
  }
  if (!/^\d+(\s*,\s*\d+)*$/.test(t)) return null;
  return [...new Set(t.split(",").map((s) => Number(s.trim())))];
}

/** "a,b , c" -> ["a", "b", "c"] (empty items dropped, repeats kept once, order kept). */
export function parseNameList(text: string): string[] {
  return [...new Set(text.split(",").map((s) => s.trim()).filter(Boolean))];
}
