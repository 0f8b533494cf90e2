import { describe, expect, it } from "vitest";
import type { ClassifierFactory, TextClassifier } from "../../../src/classifiers/types.js";
import { scaledAt } from "../../../src/calibration/temperature.js";
import { trainRound, type TrainRoundInput } from "../../../src/loop/train-round.js";
import { createStrategy } from "../../../src/strategies/index.js";

/**
 * A model that reads its prediction off the text: "<label>@<confidence>#<n>" predicts <label> with
 * that probability, whatever it was trained on. Every fold model agrees, so each row's held-out
 * prediction is known in advance.
 */
const oracle: ClassifierFactory = {
  describe: () => "oracle",
  create(): TextClassifier {
    return {
      async fit() {},
      predictProba(texts) {
        const out = new Float32Array(texts.length * 2);
        texts.forEach((t, i) => {
          const [label, conf] = (t.split("#")[0] as string).split("@").map(Number) as [number, number];
          out[i * 2 + label] = conf;
          out[i * 2 + 1 - label] = 1 - conf;
        });
        return out;
      },
      async save() {},
      dispose() {},
    };
  },
};

/**
 * The oracle, except that a model fitted on all 1,000 human rows (the round's model; fold models see four
 * fifths) is unsure (0.51) of the rows whose text ends in "!".
 */
const roundModelSees: ClassifierFactory = {
  describe: () => "oracle, unsure of marked rows once it has seen every label",
  create(seed) {
    const inner = oracle.create(seed);
    let rows = 0;
    return {
      ...inner,
      fit: async (texts) => {
        rows = texts.length;
      },
      predictProba(texts) {
        const out = inner.predictProba(texts);
        texts.forEach((t, i) => {
          if (rows === 1000 && t.endsWith("!")) out.set([0.51, 0.49], i * 2);
        });
        return out;
      },
    };
  },
};

/**
 * 1,000 random calibration rows (half predicted at 0.99 and right 99% of the time, half at 0.6 and
 * right half the time, for each predicted label), then the pool: 400 rows at 0.99 and 100 at 0.6.
 */
function setup(over: Partial<TrainRoundInput> = {}): TrainRoundInput {
  const texts: string[] = [];
  const humanRows: number[] = [];
  const humanLabels: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const confident = i < 500;
    const predicted = i % 2;
    const pair = Math.floor(i / 2); // rows 2k and 2k+1 (one of each predicted label) are alike
    const right = confident ? pair % 100 !== 0 : pair % 2 === 0;
    texts.push(`${predicted}@${confident ? 0.99 : 0.6}#${i}`);
    humanRows.push(i);
    humanLabels.push(right ? predicted : 1 - predicted);
  }
  const pool: number[] = [];
  for (let i = 0; i < 500; i++) {
    texts.push(`${i % 2}@${i < 400 ? 0.99 : 0.6}#p${i}`);
    pool.push(1000 + i);
  }
  return {
    texts,
    humanRows,
    humanLabels: Int32Array.from(humanLabels),
    calibrates: new Set(humanRows),
    selfTraining: false,
    machineRows: [],
    machineLabels: new Int32Array(0),
    pool,
    reviseMachineLabels: true,
    estimatePenalty: 0,
    skipped: new Set(),
    numLabels: 2,
    ledger: { labels: 0, correct: 0, variance: 0 },
    targetAccuracy: 0.95,
    confidenceLevel: 0.95,
    batchSize: 50,
    auditRate: 0.1,
    strategy: createStrategy("margin"),
    folds: 5,
    repeats: 1,
    seed: 1,
    round: 2,
    ...over,
  };
}

describe("trainRound, revising earlier machine labels", () => {
  it("machine-labels the confident rows and leaves the others to people", async () => {
    const r = await trainRound(setup(), oracle);
    const labeled = new Set([...r.auto.map((a) => a.row), ...r.queue.filter((q) => q.reason === "audit").map((q) => q.row)]);
    expect(labeled.size).toBe(400);
    for (const row of labeled) expect(row).toBeLessThan(1400);
    expect(r.choice.cumulative.lowerBound).toBeGreaterThanOrEqual(0.95);
  });

  it("sends earlier machine labels the models now contradict confidently to people, and withdraws those it can no longer vouch for", async () => {
    const input = setup({
      // row 1000 (predicted 0 at 0.99) was machine-labeled 1; row 1400 (0 at 0.6) was machine-labeled 0
      machineRows: [1000, 1002, 1400],
      machineLabels: Int32Array.from([1, 0, 0]),
      auditRate: 0,
    });
    const r = await trainRound(input, oracle);
    expect(r.rechecks).toEqual([1000]);
    expect(r.queue.find((q) => q.row === 1000)).toMatchObject({ reason: "recheck", suggestion: { label: 0 } });
    expect(r.auto.find((a) => a.row === 1000)).toBeUndefined();
    expect(r.auto.find((a) => a.row === 1400)).toBeUndefined(); // back in the pool, not machine-labeled
    expect(r.auto.find((a) => a.row === 1002)).toMatchObject({ label: 0 }); // stands
  });

  it("audits a random sample of all the rows it machine-labels, as many as the audit rate of the new ones", async () => {
    const confident = Array.from({ length: 200 }, (_, i) => 1000 + i);
    const input = setup({ machineRows: confident, machineLabels: Int32Array.from(confident, (r) => (r - 1000) % 2), auditRate: 0.2 });
    const r = await trainRound(input, oracle);
    const audited = r.queue.filter((q) => q.reason === "audit").map((q) => q.row);
    expect(audited.length).toBe(40); // 20% of the 200 new ones
    expect(audited.some((row) => row < 1200)).toBe(true); // earlier labels are audited too
    for (const row of audited) expect(row).toBeLessThan(1400);
    // with nothing new to label, nothing is audited
    const none = await trainRound(setup({ pool: confident, machineRows: confident, machineLabels: Int32Array.from(confident, (r) => (r - 1000) % 2), auditRate: 0.2 }), oracle);
    expect(none.queue.filter((q) => q.reason === "audit")).toHaveLength(0);
    for (const q of r.queue.filter((t) => t.reason === "audit")) expect(q.expected).toBeGreaterThan(0.95);
  });

  it("stops calibrating on random rows the query strategy would have sent to people", async () => {
    const r = await trainRound(setup(), oracle);
    // the batch went to the 0.6 rows; the calibration rows like them (rows 500-999) retire
    expect(r.queue.filter((q) => q.reason === "uncertain").every((q) => q.row >= 1400)).toBe(true);
    expect(r.retireFromCalibration.length).toBe(500);
    expect(Math.min(...r.retireFromCalibration)).toBe(500);
  });

  it("asks the round's model, not the fold models, which rows people label; calibration rows retire by the fold models' scores", async () => {
    // The fold models see every 0.6 pool row alike. The round's model (fitted on all 1,000 human rows)
    // is unsure of the rows marked "!" (p450-p499) and sure of the others: those are the batch.
    const input = setup({ auditRate: 0 });
    const texts = input.texts.map((t, row) => (row >= 1450 ? `${t}!` : t));
    const folds = await trainRound({ ...input, texts }, oracle);
    const round = await trainRound({ ...input, texts }, roundModelSees);
    const uncertain = (r: typeof round) => r.queue.filter((q) => q.reason === "uncertain").map((q) => q.row).sort((a, b) => a - b);
    expect(uncertain(folds)).not.toEqual(uncertain(round));
    expect(uncertain(round)).toEqual(Array.from({ length: 50 }, (_, k) => 1450 + k));
    // the calibration rows like the batch by the fold models' scores (all the 0.6 rows) retire, as before
    expect(round.retireFromCalibration).toEqual(folds.retireFromCalibration);
    expect(round.retireFromCalibration.length).toBe(500);
  });

  it("on a pool of over 100,000 candidates asks the round's model only about those the fold models are least sure of", async () => {
    // the pool: setup's 500 rows, 500 rows the fold models give 0.7 and the round's model 0.51 ("!"), then `unsure` rows at 0.6
    const withPool = (unsure: number): TrainRoundInput => {
      const input = setup({ auditRate: 0 });
      const texts = input.texts.slice();
      for (let i = 0; i < 500; i++) texts.push(`${i % 2}@0.7#m${i}!`);
      for (let i = 0; i < unsure; i++) texts.push(`${i % 2}@0.6#u${i}`);
      return { ...input, texts, pool: Array.from({ length: texts.length - 1000 }, (_, k) => 1000 + k) };
    };
    const picked = (r: Awaited<ReturnType<typeof trainRound>>) => r.queue.filter((q) => q.reason === "uncertain").map((q) => q.row);
    const small = await trainRound(withPool(1000), roundModelSees);
    expect(picked(small)).toHaveLength(50);
    expect(picked(small).every((row) => row >= 1500 && row < 2000)).toBe(true); // the marked rows
    const stages: string[] = [];
    const large = await trainRound({ ...withPool(100_000), stage: (s) => stages.push(s) }, roundModelSees);
    expect(picked(large)).toHaveLength(50);
    expect(picked(large).some((row) => row >= 1500 && row < 2000)).toBe(false); // the rows at 0.6 were the shortlist
    expect(stages).toEqual(["the round's model: training on every label, scoring 100000 rows for people's next batch"]);
  });

  it("says when it trains the round's model, and disposes of it when the query fails", async () => {
    let created = 0;
    let disposed = 0;
    const counting: ClassifierFactory = {
      describe: () => "counting oracle",
      create(seed) {
        created++;
        return { ...oracle.create(seed), dispose: () => void disposed++ };
      },
    };
    const stages: string[] = [];
    const broken = { ...createStrategy("margin"), select: () => { throw new Error("strategy broke"); } };
    await expect(trainRound(setup({ strategy: broken, stage: (s) => stages.push(s) }), counting)).rejects.toThrow("strategy broke");
    expect(stages).toEqual(["the round's model: training on every label, scoring 100 rows for people's next batch"]);
    expect(disposed).toBe(created);
  });

  it("lowers its estimates, and labels fewer rows, after audits found them optimistic", async () => {
    const before = await trainRound(setup(), oracle);
    const after = await trainRound(setup({ estimatePenalty: 3 }), oracle);
    expect(after.auto.length).toBeLessThan(before.auto.length);
  });

  it("with pseudo-labels, trains its artifact a second time on the pool rows it is sure of", async () => {
    const fits: string[][] = [];
    const counting: ClassifierFactory = {
      describe: () => "counting oracle",
      create(seed) {
        const inner = oracle.create(seed);
        return {
          ...inner,
          fit: async (texts, labels, k) => {
            fits.push(texts.slice());
            await inner.fit(texts, labels, k);
          },
        };
      },
    };
    const input = setup({ pseudoLabels: { confidence: 0.9, drawPerTrainingRow: 2 } });
    await trainRound(input, counting);
    // 5 fold models and the artifact, each fitted twice; the second fit adds only pool rows predicted at 0.99
    expect(fits).toHaveLength(12);
    const artifact = fits.slice(-2) as [string[], string[]];
    expect(artifact[0]).toHaveLength(1000);
    const added = artifact[1].slice(1000);
    expect(added.length).toBe(400); // 2 x 1,000 drawn: the whole pool, of which 400 rows are sure
    expect(added.every((t) => t.includes("@0.99#p"))).toBe(true);
  });
});

/**
 * Three classes, every row predicted class 0, from a table of texts' probabilities: "near" rows have a close
 * runner-up, "spread" rows share the rest between two classes.
 */
function threeClasses(near: number[], spread: number[]): ClassifierFactory {
  return {
    describe: () => "three-class oracle",
    create(): TextClassifier {
      return {
        async fit() {},
        predictProba(texts) {
          const out = new Float32Array(texts.length * 3);
          texts.forEach((t, i) => out.set(t.startsWith("near") ? near : spread, i * 3));
          return out;
        },
        async save() {},
        dispose() {},
      };
    },
  };
}

/** 1,000 calibration rows, near and spread in turn, labeled by `label(near, k)` (k counts each kind from 0); 400 pool rows in turn. */
function threeClassSetup(label: (near: boolean, k: number) => number): TrainRoundInput {
  const texts: string[] = [];
  const humanLabels: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const near = i % 2 === 0;
    texts.push(`${near ? "near" : "spread"}#${i}`);
    humanLabels.push(label(near, Math.floor(i / 2)));
  }
  const pool: number[] = [];
  for (let i = 0; i < 400; i++) {
    texts.push(`${i % 2 === 0 ? "near" : "spread"}#p${i}`);
    pool.push(1000 + i);
  }
  const humanRows = Array.from({ length: 1000 }, (_, i) => i);
  return { ...setup(), texts, humanRows, humanLabels: Int32Array.from(humanLabels), calibrates: new Set(humanRows), pool, numLabels: 3, auditRate: 0 };
}

describe("trainRound, more than two classes", () => {
  it("where the temperature sharpens, orders and calibrates rows by the scaled confidence, which can reorder them", async () => {
    // near: 0.6 against 0.4, right 70% of the time; spread: 0.5 against 0.25 and 0.25, right 99% of the time.
    // The raw probability puts the near rows first; the fitted T < 1 puts the spread rows first.
    const input = threeClassSetup((near, k) => (near ? (k % 10 < 7 ? 0 : 1) : k % 100 === 0 ? 2 : 0));
    const r = await trainRound(input, threeClasses([0.6, 0.4, 0], [0.5, 0.25, 0.25]));
    expect(r.temperature).toBeLessThan(0.5);
    const machine = r.auto.map((a) => input.texts[a.row] as string);
    expect(machine.length).toBe(200);
    expect(machine.every((t) => t.startsWith("spread"))).toBe(true);
    // the score and the suggestions are the scaled probability: the spread rows' 0.5 sharpened past the near rows' 0.6
    expect(r.auto[0]!.score).toBeGreaterThan(0.8);
    const near = r.queue.find((q) => (input.texts[q.row] as string).startsWith("near"));
    expect(near!.suggestion.confidence).toBeLessThan(r.auto[0]!.score);
  });

  it("where the temperature softens, keeps the raw order, and shows the scaled confidence on suggestions", async () => {
    // near: 0.85 against 0.15, right 40% of the time and otherwise of the class it gave 0; spread: 0.9 against 0.05
    // and 0.05, right 99% of the time. The fitted T is large, and the scaled confidence would put the near rows first.
    const input = threeClassSetup((near, k) => (near ? (k % 10 < 4 ? 0 : 2) : k % 100 === 0 ? 2 : 0));
    const r = await trainRound(input, threeClasses([0.85, 0.15, 0], [0.9, 0.05, 0.05]));
    expect(r.temperature).toBeGreaterThan(5);
    expect(scaledAt([0.85, 0.15, 0], r.temperature, 0)).toBeGreaterThan(scaledAt([0.9, 0.05, 0.05], r.temperature, 0));
    const machine = r.auto.map((a) => input.texts[a.row] as string);
    expect(machine.length).toBe(200);
    expect(machine.every((t) => t.startsWith("spread"))).toBe(true);
    const near = r.queue.find((q) => (input.texts[q.row] as string).startsWith("near"));
    expect(near!.suggestion.confidence).toBeCloseTo(scaledAt([0.85, 0.15, 0], r.temperature, 0), 6);
  });
});
