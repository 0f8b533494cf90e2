import { describe, expect, it } from "vitest";
import { auditCell } from "../../../src/report/format.js";
import { lowerLogOdds } from "../../../src/calibration/log-odds.js";

describe("auditCell", () => {
  it("shows the agreement, its interval, the estimate it was tested against and a failure", () => {
    expect(auditCell({ accuracy: 0.9, low: 0.8, high: 0.95, answered: 20, passed: false, expected: 0.97 })).toBe("90.0% (80.0%–95.0%) vs 97.0%, failed");
    expect(auditCell({ accuracy: 1, low: 0.8, high: 1, answered: 20, passed: true, expected: null })).toBe("100.0% (80.0%–100.0%)");
    expect(auditCell(null)).toBe("–");
  });
});

describe("lowerLogOdds", () => {
  it("moves a probability down in log-odds: a confident one by fewer points", () => {
    expect(lowerLogOdds(0.5, 0)).toBeCloseTo(0.5, 12);
    expect(lowerLogOdds(0.5, Math.log(3))).toBeCloseTo(0.25, 12);
    expect(0.999 - lowerLogOdds(0.999, 0.5)).toBeLessThan(0.88 - lowerLogOdds(0.88, 0.5));
  });
});
