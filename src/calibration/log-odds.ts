/** A probability moved down by `shift` in log-odds (pure): 0.999 moves far less than 0.88 for the same shift. */
export function lowerLogOdds(p: number, shift: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return 1 / (1 + Math.exp(shift - Math.log(q / (1 - q))));
}
