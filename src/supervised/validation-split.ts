import { createRng, deriveSeed, shuffled } from "../util/random.js";

export interface Split {
  /** row positions, ascending */
  train: number[];
  validation: number[];
}

/**
 * Holds out `fraction` of each label's rows (rounded, seeded), so every label is in the validation
 * set in proportion. A label's last row always stays in training: a label the model never saw would
 * only make validation accuracy look worse.
 */
export function stratifiedSplit(labels: ArrayLike<number>, numLabels: number, fraction: number, seed: number): Split {
  const byLabel: number[][] = Array.from({ length: numLabels }, () => []);
  for (let i = 0; i < labels.length; i++) byLabel[labels[i]!]?.push(i);
  const rng = createRng(deriveSeed(seed, "validation-split"));
  const held = new Set<number>();
  for (const rows of byLabel) {
    const take = Math.min(Math.round(rows.length * fraction), rows.length - 1);
    for (const i of shuffled(rows, rng).slice(0, Math.max(0, take))) held.add(i);
  }
  const train: number[] = [];
  const validation: number[] = [];
  for (let i = 0; i < labels.length; i++) (held.has(i) ? validation : train).push(i);
  return { train, validation };
}
