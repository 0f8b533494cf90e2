import { describe, expect, it } from "vitest";
import { summarize } from "../../../src/report/summarize.js";
import type { HumanLabel, RoundRecord, WorkState } from "../../../src/state/types.js";
import { rowId } from "../../../src/manifest/types.js";
import { workState } from "../../helpers/work-state.js";

/**
 * 100 rows, 20 labeled in the input. Round 1 queues 10; round 2 (after those 10 answers)
 * machine-labels 30 and queues 10 more, of which 4 are answered and 6 still wait.
 */
function twoRounds(): WorkState {
  const human: Record<string, HumanLabel> = {};
  const answer = (row: number, round: number) => {
    human[String(row)] = { label: 0, round, at: "t", annotator: "a", taskId: `r${round}-${row}`, reason: "uncertain" };
  };
  for (let r = 20; r < 30; r++) answer(r, 1);
  for (let r = 30; r < 34; r++) answer(r, 2);
  const machine = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(50 + i), { label: 1, confidence: 0.99, round: 2, at: "t" }]));
  const rounds: RoundRecord[] = [
    { round: 1, kind: "train", at: "t", humanLabels: 20, machineLabels: 0, queued: 10, autoLabeled: 0, unlabeledLeft: 80, threshold: null, heldOutAccuracy: 0.6 },
    {
      round: 2, kind: "train", at: "t", humanLabels: 30, machineLabels: 30, queued: 10, autoLabeled: 30, unlabeledLeft: 40, threshold: 0.95,
      estimatedAccuracy: 0.97, cumulativeAccuracy: 0.97, accuracyLowerBound: 0.93, heldOutAccuracy: 0.7,
      audit: { asked: 2, answered: 2, agreed: 2, accuracy: 1, low: 0.34, high: 1, expected: 0.96, passed: true, revoked: 0 },
      confusion: [[8, 2], [1, 9]],
    },
  ];
  return workState({
    round: 2,
    human,
    machine,
    pending: Array.from({ length: 6 }, (_, i) => ({ taskId: `r2-${40 + i}`, rowId: rowId(40 + i), reason: "uncertain" as const, round: 2 })),
    rounds,
  });
}

describe("summarize", () => {
  it("splits each round's rows by source, every row counted once", () => {
    const s = summarize(twoRounds());
    expect(s.byRound).toEqual([
      { round: 1, kind: "train", inputHuman: 20, answeredHuman: 0, machine: 0, queued: 10, unlabeled: 70, inputMachine: 0 },
      { round: 2, kind: "train", inputHuman: 20, answeredHuman: 10, machine: 30, queued: 10, unlabeled: 30, inputMachine: 0 },
    ]);
    expect(s.now).toEqual({ inputHuman: 20, answeredHuman: 14, machine: 30, waiting: 6, unlabeled: 30, inputMachine: 0 });
    for (const r of s.byRound) expect(r.inputHuman + r.answeredHuman + r.machine + r.queued + r.unlabeled + r.inputMachine).toBe(100);
  });

  it("counts human labels saved against labeling every row by hand", () => {
    expect(summarize(twoRounds()).saving).toEqual({ humanLabels: 34, byHand: 100, saved: 66, savedShare: 0.66 });
  });

  it("keeps per-round accuracy, audits with their interval, the learning curve and the last confusion matrix", () => {
    const s = summarize(twoRounds());
    expect(s.accuracy[1]).toMatchObject({ round: 2, threshold: 0.95, estimatedAccuracy: 0.97, accuracyLowerBound: 0.93, audit: { accuracy: 1, low: 0.34, high: 1, expected: 0.96 } });
    expect(s.accuracy[0]?.audit).toBeNull();
    expect(s.learningCurve).toEqual([{ humanLabels: 20, heldOutAccuracy: 0.6 }, { humanLabels: 30, heldOutAccuracy: 0.7 }]);
    expect(s.confusion).toEqual({ round: 2, matrix: [[8, 2], [1, 9]] });
    expect(s.machineAccuracy).toEqual({ estimated: 0.97, lowerBound: 0.93, audited: { asked: 2, agreed: 2 } });
  });

  it("works on a work dir with no rounds yet", () => {
    const st = { ...twoRounds(), rounds: [], human: {}, machine: {}, pending: [] };
    const s = summarize(st);
    expect(s.byRound).toEqual([]);
    expect(s.confusion).toBeNull();
    expect(s.saving.saved).toBe(100);
  });
});
