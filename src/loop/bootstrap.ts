import { createRng, shuffled } from "../util/random.js";

/**
 * Picks the rows of the first human batch (pure). Random, and stratified where a predicted class is
 * known for the candidates (`predictedClass[i]` belongs to `candidates[i]`): classes are visited in turn so a rare class is not left out by chance.
 */
export function selectBootstrap(candidates: number[], need: number, seed: number, predictedClass?: Int32Array): number[] {
  const rng = createRng(seed);
  const order = shuffled(candidates, rng);
  if (!predictedClass || need >= candidates.length) return order.slice(0, need);
  const classOf = new Map(candidates.map((row, i) => [row, predictedClass[i] ?? 0]));
  const buckets = new Map<number, number[]>();
  order.forEach((row) => {
    const cls = classOf.get(row) ?? 0;
    const list = buckets.get(cls) ?? [];
    list.push(row);
    buckets.set(cls, list);
  });
  const lists = [...buckets.keys()].sort((a, b) => a - b).map((k) => buckets.get(k) ?? []);
  const picked: number[] = [];
  for (let depth = 0; picked.length < need; depth++) {
    let any = false;
    for (const list of lists) {
      const row = list[depth];
      if (row === undefined) continue;
      any = true;
      picked.push(row);
      if (picked.length === need) break;
    }
    if (!any) break;
  }
  return picked;
}
