import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { DEFAULT_STRATEGY, STRATEGIES, STRATEGY_NAMES, createStrategy, isStrategyName } from "../../../src/strategies/index.js";

describe("strategy registry", () => {
  it("lists every registered strategy, margin first as the default", () => {
    expect([...STRATEGY_NAMES].sort()).toEqual(Object.keys(STRATEGIES).sort());
    expect(STRATEGY_NAMES[0]).toBe("margin");
    expect(DEFAULT_STRATEGY).toBe("margin");
  });

  it("creates a fresh strategy per call", () => {
    expect(createStrategy("entropy")).not.toBe(createStrategy("entropy"));
  });

  it("throws a UsageError listing the valid names for an unknown one", () => {
    expect(() => createStrategy("uncertainty")).toThrow(UsageError);
    expect(() => createStrategy("uncertainty")).toThrow(/"uncertainty".*margin, least-confidence, entropy, random, diversity/);
  });

  it("strips terminal controls from the unknown name it echoes", () => {
    expect(() => createStrategy("x\u001b[2Jy")).toThrow(/"xy"/);
  });

  it("recognises names, not prototype keys", () => {
    expect(isStrategyName("random")).toBe(true);
    expect(isStrategyName("toString")).toBe(false);
  });
});
