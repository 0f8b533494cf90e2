import { describe, expect, it } from "vitest";
import { normalQuantile, wilsonInterval, wilsonLowerBound } from "../../../src/calibration/wilson.js";

describe("normalQuantile", () => {
  it("matches standard normal quantiles", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
  it("rejects probabilities outside (0, 1)", () => {
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });
});

describe("wilsonLowerBound", () => {
  it("matches a hand-computed Wilson bound: 95 of 100 at one-sided 95%", () => {
    // z = 1.644854; centre = 0.95 + z^2/200; spread = z*sqrt(0.95*0.05/100 + z^2/40000); / (1 + z^2/100)
    const z = 1.644854;
    const expected = (0.95 + (z * z) / 200 - z * Math.sqrt(0.000475 + (z * z) / 40000)) / (1 + (z * z) / 100);
    expect(wilsonLowerBound(95, 100, 0.95)).toBeCloseTo(expected, 6);
    expect(expected).toBeCloseTo(0.9008, 4);
  });
  it("is below the observed share and tightens with more rows", () => {
    expect(wilsonLowerBound(100, 100, 0.95)).toBeLessThan(1);
    expect(wilsonLowerBound(990, 1000, 0.95)).toBeGreaterThan(wilsonLowerBound(99, 100, 0.95));
  });
  it("is zero with no rows", () => {
    expect(wilsonLowerBound(0, 0, 0.95)).toBe(0);
  });
  it("gives a two-sided interval around the share", () => {
    const { low, high } = wilsonInterval(80, 100, 0.95);
    expect(low).toBeLessThan(0.8);
    expect(high).toBeGreaterThan(0.8);
    expect(low).toBeCloseTo(0.7112, 3);
    expect(high).toBeCloseTo(0.8666, 3);
  });
});
