/**
 * Scores predictions against gold labels the way `fasttext test` does: precision at k = gold labels
 * among the k predicted / predictions made, recall at k = gold labels found / gold labels. Accuracy
 * compares the top label with the row's first gold label. Rows without gold are not scored.
 */
export class TopKScore {
  private rows = 0;
  private correctTop1 = 0;
  private hits = 0;
  private predicted = 0;
  private goldTotal = 0;
  /** gold names the model has no label for (always wrong), with counts */
  readonly unknownGold = new Map<string, number>();
  private readonly index: Map<string, number>;

  constructor(
    labelNames: readonly string[],
    readonly k: number,
  ) {
    this.index = new Map(labelNames.map((n, i) => [n, i]));
  }

  /** `top` holds the row's predicted label indices, best first (at least one). */
  add(top: ArrayLike<number>, gold: readonly string[]): void {
    const goldIdx = new Set<number>();
    for (const name of gold) {
      const i = this.index.get(name);
      if (i === undefined) this.unknownGold.set(name, (this.unknownGold.get(name) ?? 0) + 1);
      else goldIdx.add(i);
    }
    this.rows++;
    this.goldTotal += gold.length;
    if (top[0] === this.index.get(gold[0]!)) this.correctTop1++;
    const k = Math.min(this.k, top.length);
    this.predicted += k;
    for (let j = 0; j < k; j++) if (goldIdx.has(top[j]!)) this.hits++;
  }

  summary(): { rows: number; accuracy: number; precisionAtK: number; recallAtK: number; k: number } | null {
    if (this.rows === 0) return null;
    return { rows: this.rows, accuracy: this.correctTop1 / this.rows, precisionAtK: this.hits / this.predicted, recallAtK: this.hits / this.goldTotal, k: this.k };
  }
}
