import { UsageError } from "../errors.js";
import { terminalLine } from "../util/terminal-text.js";
import { diversityStrategy } from "./diversity.js";
import { entropyStrategy } from "./entropy.js";
import { leastConfidenceStrategy } from "./least-confidence.js";
import { marginStrategy } from "./margin.js";
import { randomStrategy } from "./random.js";
import type { QueryStrategy } from "./types.js";

export type { QueryContext, QueryStrategy } from "./types.js";

/** Every strategy --strategy accepts, default first. */
export const STRATEGY_NAMES = ["margin", "least-confidence", "entropy", "random", "diversity"] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];
export const DEFAULT_STRATEGY: StrategyName = "margin";

/** The registry: a new strategy is one module plus one line here (tsc enforces the name list). */
export const STRATEGIES: Record<StrategyName, () => QueryStrategy> = {
  margin: marginStrategy,
  "least-confidence": leastConfidenceStrategy,
  entropy: entropyStrategy,
  random: randomStrategy,
  diversity: () => diversityStrategy(),
};

export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(name);
}

/** A fresh strategy by name; an unknown name is a usage error that lists the valid ones. */
export function createStrategy(name: string): QueryStrategy {
  if (!isStrategyName(name)) {
    throw new UsageError(`Unknown query strategy "${terminalLine(name, 60)}"; valid strategies: ${STRATEGY_NAMES.join(", ")}`);
  }
  return STRATEGIES[name]();
}
