import { describe, expect, it } from "vitest";
import { binIndex, buildCalibration, calibrationBins, chooseCumulative, type CalibrationBin } from "../../../src/calibration/accuracy-estimate.js";

describe("calibrationBins", () => {
  it("groups held-out rows from the most confident down, at least minRows per bin", () => {
    const conf = [0.99, 0.98, 0.97, 0.96, 0.6, 0.55, 0.52, 0.51];
    const correct = [true, true, true, true, true, false, false, true];
    const bins = calibrationBins(conf, correct, 4);
    expect(bins).toEqual([
      { low: 0.96, hits: 4, rows: 4 },
      { low: 0, hits: 2, rows: 4 },
    ]);
  });
  it("never splits rows of equal confidence across bins", () => {
    const bins = calibrationBins([1, 1, 1, 0.5, 0.4], [true, true, false, true, false], 2);
    expect(bins[0]).toEqual({ low: 1, hits: 2, rows: 3 });
  });
  it("folds a short last bin into the one before", () => {
    const bins = calibrationBins([0.9, 0.8, 0.7, 0.6, 0.5], [true, true, true, true, false], 2);
    expect(bins.map((b) => b.rows)).toEqual([2, 3]);
    expect(bins[1]?.low).toBe(0);
  });
  it("merges a confident bin that does worse than the next one (isotonic)", () => {
    const bins = calibrationBins([0.9, 0.9, 0.8, 0.8, 0.7, 0.7], [true, false, true, true, false, false], 2);
    // 1/2 right above 0.9, 2/2 at 0.8: not monotone, so pooled into 3/4; 0/2 below stays apart
    expect(bins).toEqual([
      { low: 0.8, hits: 3, rows: 4 },
      { low: 0, hits: 0, rows: 2 },
    ]);
  });
  it("places confidences in bins by their lower edges", () => {
    const bins = [{ low: 0.9, hits: 1, rows: 1 }, { low: 0.5, hits: 1, rows: 1 }, { low: 0, hits: 1, rows: 1 }];
    expect(binIndex(bins, 0.95)).toBe(0);
    expect(binIndex(bins, 0.9)).toBe(0);
    expect(binIndex(bins, 0.7)).toBe(1);
    expect(binIndex(bins, 0.1)).toBe(2);
  });
});

describe("chooseCumulative", () => {
  // one bin of 1000 held-out rows, 990 right, above 0.9; one of 1000 rows, 600 right, below
  const global = [
    { low: 0.9, hits: 990, rows: 1000 },
    { low: 0, hits: 600, rows: 1000 },
  ];
  const bins = { global, byClass: new Map<number, CalibrationBin[]>() };
  const at = (confidence: number[]) => ({ confidence, label: confidence.map(() => 0) });
  const empty = { labels: 0, correct: 0, variance: 0 };

  it("takes the confident rows and stops before the accuracy bound drops under the target", () => {
    const pool = [0.99, 0.95, 0.93, 0.4, 0.3].flatMap((c) => Array<number>(300).fill(c));
    const { order, choice } = chooseCumulative(bins, at(pool), pool.map(() => true), empty, 0.95, 0.95);
    expect(order).toEqual(pool.map((_, i) => i));
    expect(choice.take).toBe(900);
    expect(choice.threshold).toBe(0.93);
    // each row is valued at its bin's share of right answers, 990/1000 (not the Jeffreys mean, 990.5/1001)
    expect(choice.round.correct / 900).toBeCloseTo(0.99, 10);
    expect(choice.cumulative.lowerBound).toBeGreaterThanOrEqual(0.95);
  });

  it("lets earlier rounds' surplus pay for a less certain row, and not when there is none", () => {
    const pool = [0.4];
    const rich = { labels: 1000, correct: 990, variance: 1 };
    expect(chooseCumulative(bins, at(pool), [true], rich, 0.95, 0.95).choice.take).toBe(1);
    const poor = { labels: 1000, correct: 951, variance: 100 };
    expect(chooseCumulative(bins, at(pool), [true], poor, 0.95, 0.95).choice.take).toBe(0);
  });

  it("skips rows that are not eligible", () => {
    const pool = [0.99, 0.98];
    const { order, choice } = chooseCumulative(bins, at(pool), [false, true], empty, 0.8, 0.95);
    expect(order).toEqual([1]);
    expect(choice.take).toBe(1);
  });

  it("bounds the accuracy of the labels written: a few labels need more certainty than many", () => {
    // rows estimated 99% right: 1,000 of them are surely over 95% right, 10 of them might be 90%
    const many = Array<number>(1000).fill(0.99);
    expect(chooseCumulative(bins, at(many), many.map(() => true), empty, 0.95, 0.95).choice.take).toBe(1000);
    const few = Array<number>(10).fill(0.99);
    expect(chooseCumulative(bins, at(few), few.map(() => true), empty, 0.95, 0.95).choice.take).toBe(0);
  });

  it("values a bin with no error at 100% in the sum but still counts it as uncertain; a label there is written, and audited, as less than 100%", () => {
    const perfect = { global: [{ low: 0.9, hits: 100, rows: 100 }, { low: 0, hits: 50, rows: 100 }], byClass: new Map<number, CalibrationBin[]>() };
    const ten = Array<number>(10).fill(0.99);
    const { choice, estimate, labelProbability, auditExpectation } = chooseCumulative(perfect, at(ten), ten.map(() => true), empty, 0.95, 0.95);
    expect(estimate(0)).toBe(1);
    // one label's chance of being right (the confidence written on it), and what its audit expects: the Jeffreys mean
    expect(labelProbability(0)).toBeCloseTo(100.5 / 101, 12);
    expect(auditExpectation(0)).toBeCloseTo(100.5 / 101, 12);
    // a failed audit's penalty lowers the written chance too, not what the next audit expects
    const penalized = chooseCumulative(perfect, at(ten), ten.map(() => true), empty, 0.95, 0.95, 0.5);
    expect(penalized.labelProbability(0)).toBeLessThan(100.5 / 101);
    expect(penalized.auditExpectation(0)).toBeCloseTo(100.5 / 101, 12);
    expect(choice.take).toBe(10);
    expect(choice.cumulative.lowerBound).toBeLessThan(0.97);
    // three such labels are not certified: with the Jeffreys variance, one wrong in three is not ruled out
    const three = Array<number>(3).fill(0.99);
    expect(chooseCumulative(perfect, at(three), three.map(() => true), empty, 0.95, 0.95).choice.take).toBe(0);
  });

  it("takes nothing when no prefix meets the target", () => {
    const weak = { global: [{ low: 0, hits: 50, rows: 100 }], byClass: new Map<number, CalibrationBin[]>() };
    const { choice } = chooseCumulative(weak, at([0.9, 0.8]), [true, true], empty, 0.95, 0.95);
    expect(choice).toMatchObject({ take: 0, threshold: null });
  });

  it("judges the classes without bins of their own by their rows together, not by every row", () => {
    // class 0 has enough rows for bins of its own and is 99% right; classes 1 and 2 have 100 rows each, 80% right
    const n = [400, 100, 100];
    const cal = buildCalibration(
      [...Array(600).fill(0.95)],
      [...Array(396).fill(true), ...Array(4).fill(false), ...Array(80).fill(true), ...Array(20).fill(false), ...Array(80).fill(true), ...Array(20).fill(false)],
      n.flatMap((count, cls) => Array<number>(count).fill(cls)),
      { minBinRows: 50, minClassRows: 300 },
    );
    expect([...cal.byClass.keys()]).toEqual([0]);
    expect(cal.global).toEqual([{ low: 0, hits: 160, rows: 200 }]);
    const { estimate } = chooseCumulative(cal, { confidence: [0.95, 0.95], label: [1, 2] }, [true, true], empty, 0.5, 0.5);
    expect(estimate(0)).toBeCloseTo(160 / 200, 12);
    // when every class has bins of its own, the global bins keep every row (they value no pool row then)
    const both = buildCalibration([...Array(600).fill(0.95)], Array<boolean>(600).fill(true), [...Array(300).fill(0), ...Array(300).fill(1)], { minBinRows: 50, minClassRows: 300 });
    expect(both.byClass.size).toBe(2);
    expect(both.global).toEqual([{ low: 0, hits: 600, rows: 600 }]);
  });

  it("judges a class by its own record when it has one", () => {
    // class 1 is right only 80% of the time even when confident; class 0 99%
    const cal = buildCalibration(
      [...Array(400).fill(0.95), ...Array(400).fill(0.95)],
      [...Array(396).fill(true), ...Array(4).fill(false), ...Array(320).fill(true), ...Array(80).fill(false)],
      [...Array(400).fill(0), ...Array(400).fill(1)],
      { minBinRows: 100, minClassRows: 300 },
    );
    expect(cal.byClass.size).toBe(2);
    const pool = { confidence: [0.96, 0.99, 0.96], label: [0, 1, 0] };
    const { order, choice, estimate } = chooseCumulative(cal, pool, [true, true, true], empty, 0.9, 0.5);
    expect(order).toEqual([1, 0, 2]);
    expect(estimate(1)).toBeCloseTo(0.8, 2);
    expect(estimate(0)).toBeCloseTo(0.99, 2);
    // the class-1 row, valued at 80%, pulls the bound under 0.9 on its own, but not with two class-0 rows
    expect(choice.take).toBe(3);
    expect(choice.thresholds).toEqual({ 0: 0.96, 1: 0.99 });
  });
});
