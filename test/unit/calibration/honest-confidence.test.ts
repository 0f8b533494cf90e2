import { describe, expect, it } from "vitest";
import { fitTemperature, fitTemperatureIfWarranted, temperatureFitWarranted, TEMPERATURE_MIN_ERRORS } from "../../../src/calibration/temperature.js";
import { calibratedClasses, MAX_WRITTEN_CONFIDENCE, writtenConfidence } from "../../../src/calibration/written-confidence.js";
import { wilsonInterval } from "../../../src/calibration/wilson.js";

describe("honest confidences: the rules (issue 18, item 4)", () => {
  it("temperatureFitWarranted: two classes and enough errors, else T = 1", () => {
    const labels = [0, 0, 0, 1, 1, 1, 0, 1, 0, 1];
    const right = labels.slice();
    const wrong = (k: number): number[] => labels.map((l, i) => (i < k ? 1 - l : l));
    expect(temperatureFitWarranted(labels, right)).toBe(false);
    expect(temperatureFitWarranted(labels, wrong(TEMPERATURE_MIN_ERRORS - 1))).toBe(false);
    expect(temperatureFitWarranted(labels, wrong(TEMPERATURE_MIN_ERRORS))).toBe(true);
    expect(temperatureFitWarranted([0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1])).toBe(false); // one class
    // what the unguarded fit does with all rows right: runs to its bound (T ~ 0.05)
    const probs = new Float32Array(Array.from({ length: 77 }, () => [0.9, 0.1]).flat());
    const hams = new Array<number>(77).fill(0);
    expect(fitTemperature(probs, hams, 2)).toBeLessThan(0.06);
    expect(fitTemperatureIfWarranted(probs, hams, hams, 2)).toBe(1);
  });

  it("writtenConfidence: the estimate, capped by the bin's upper bound and short of 1", () => {
    expect(writtenConfidence(0.9, { hits: 90, rows: 100 }, 0.95)).toBe(0.9);
    const high = wilsonInterval(5, 10, 0.95).high;
    expect(writtenConfidence(0.99, { hits: 5, rows: 10 }, 0.95)).toBe(high);
    expect(writtenConfidence(1, { hits: 1e7, rows: 1e7 }, 0.95)).toBe(MAX_WRITTEN_CONFIDENCE);
    expect(Math.round(MAX_WRITTEN_CONFIDENCE * 1e6) / 1e6).toBeLessThan(1); // survives the output's rounding
  });

  it("calibratedClasses: labeled by people and predicted by the model among the calibration rows", () => {
    expect([...calibratedClasses([0, 0, 1], [0, 0, 0])]).toEqual([0]);
    expect([...calibratedClasses([0, 1, 1], [0, 1, 0])].sort()).toEqual([0, 1]);
    expect([...calibratedClasses([0, 0], [0, 2])]).toEqual([0]);
  });
});
