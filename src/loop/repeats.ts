/**
 * How many times a round cross-fits (calibration/cross-fit.ts): pure rules, no I/O. `--repeats` sets a number;
 * left to the default ("auto"), the rule below decides each round. A work dir stores "auto" or the number
 * (config/sticky.ts), so a later version can tell which rule it started with.
 */

/** Human-labeled rows per class from which one cross-fitting repetition is enough (with an encoder). */
export const ONE_REPEAT_ROWS_PER_CLASS = 250;

/**
 * How many times a round cross-fits: a number (`--repeats`), or, by default ("auto"), by the rows people have
 * labeled: with a pretrained encoder and the default model (dense+nb) 2 while they are fewer than
 * ONE_REPEAT_ROWS_PER_CLASS per class, then 1; 2 with an encoder and another model (not measured with one); 3
 * with `--encoder none`. Measured (docs/encoders.md, "Figures"): with the encoder head in the mean one repetition
 * left as many rows to people as two on UCI News, AG News, IMDB 6k and SMS (380 to 670 rows per class at the
 * start) in about two thirds of the loop's CPU time, but more on 20 Newsgroups 6k (60 per class) and on the
 * bundled 2,000-row sample (100), where the fold models' luck of the draw weighs more; without the encoder, fewer
 * repetitions asked people for more.
 */
export type RepeatsRule = number | "by-rows-per-class";

export function repeatsRule(repeats: number | "auto" | undefined, hasEncoder: boolean, model: string): RepeatsRule {
  if (typeof repeats === "number") return repeats;
  if (!hasEncoder) return 3;
  return model === "dense+nb" ? "by-rows-per-class" : 2;
}

/** The repetitions of a round with this many human-labeled rows among this many classes. */
export function repeatsForRound(rule: RepeatsRule, humanRows: number, numLabels: number): number {
  if (typeof rule === "number") return rule;
  return humanRows >= ONE_REPEAT_ROWS_PER_CLASS * numLabels ? 1 : 2;
}
