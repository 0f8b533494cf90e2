import { describe, expect, it } from "vitest";
import { evaluateAudits, optimism } from "../../../src/loop/audit.js";
import { calibratingReason, forecastHuman } from "../../../src/loop/play-round.js";
import type { HumanLabel, MachineLabel, WorkState } from "../../../src/state/types.js";
import { rowId } from "../../../src/manifest/types.js";
import { workState } from "../../helpers/work-state.js";

function stateWith(audits: { agree: number; disagree: number; waiting?: number; expected?: number }): WorkState {
  const human: Record<string, HumanLabel> = {};
  let id = 0;
  const add = (label: number, suggested: number) => {
    human[String(id)] = { label, suggested, round: 1, at: "t", annotator: "a", taskId: `r1-${id}`, reason: "audit", ...(audits.expected !== undefined ? { expected: audits.expected } : {}) };
    id++;
  };
  for (let i = 0; i < audits.agree; i++) add(0, 0);
  for (let i = 0; i < audits.disagree; i++) add(1, 0);
  const machine: Record<string, MachineLabel> = {};
  for (let i = 0; i < 10; i++) machine[String(1000 + i)] = { label: 0, confidence: 0.9 + i / 100, round: 1, at: "t" };
  return workState({
    manifest: { path: "m", sha256: "x", rows: 2000 },
    human,
    machine,
    pending: Array.from({ length: audits.waiting ?? 0 }, (_, i) => ({ taskId: `r1-w${i}`, rowId: rowId(500 + i), reason: "audit" as const, round: 1 })),
    rounds: [{ round: 1, kind: "train", at: "t", humanLabels: 0, machineLabels: 10, queued: 0, autoLabeled: 10, unlabeledLeft: 0 }],
  });
}

describe("evaluateAudits", () => {
  it("passes an audit where people agree with the machine labels, and records its interval", () => {
    const state = stateWith({ agree: 98, disagree: 2 });
    expect(evaluateAudits(state, 0.95, 0.95, false)).toBe(0);
    expect(state.rounds[0]?.audit).toMatchObject({ asked: 100, answered: 100, agreed: 98, passed: true, revoked: 0 });
    expect(state.rounds[0]?.audit?.low).toBeLessThan(0.98);
    expect(state.rounds[0]?.audit?.high).toBeGreaterThan(0.98);
  });
  it("fails an audit clearly under the target and revokes the round's less confident half", () => {
    const state = stateWith({ agree: 70, disagree: 30 });
    expect(evaluateAudits(state, 0.95, 0.95, false)).toBe(5);
    expect(state.rounds[0]?.audit).toMatchObject({ passed: false, revoked: 5 });
    const left = Object.values(state.machine).map((m) => m.confidence);
    expect(Math.min(...left)).toBeGreaterThanOrEqual(0.95);
  });
  it("does not judge an audit while some of its tasks are unanswered, and judges it only once", () => {
    const state = stateWith({ agree: 5, disagree: 5, waiting: 3 });
    expect(evaluateAudits(state, 0.95, 0.95, false)).toBe(0);
    expect(state.rounds[0]?.audit).toMatchObject({ asked: 13, answered: 10, passed: null });
    state.pending = [];
    expect(evaluateAudits(state, 0.95, 0.95, false)).toBe(5);
    expect(evaluateAudits(state, 0.95, 0.95, false)).toBe(0);
  });
});

describe("evaluateAudits when machine labels are revised each round", () => {
  it("tests the agreement against the estimates the rows were queued with, not the target", () => {
    // 88 of 100 agreed: under a 95% target, but just what estimates of 0.88 expected
    const state = stateWith({ agree: 88, disagree: 12, expected: 0.88 });
    expect(evaluateAudits(state, 0.95, 0.95, true)).toBe(0);
    expect(state.rounds[0]?.audit).toMatchObject({ passed: true });
    expect(state.rounds[0]?.audit?.expected).toBeCloseTo(0.88, 9);
    expect(state.estimatePenalty).toBeUndefined();
  });
  it("on failure lowers later estimates (a log-odds penalty) and revokes nothing at once", () => {
    const state = stateWith({ agree: 70, disagree: 30, expected: 0.95 });
    expect(evaluateAudits(state, 0.95, 0.95, true)).toBe(0);
    expect(state.rounds[0]?.audit).toMatchObject({ passed: false, revoked: 0 });
    expect(Object.keys(state.machine)).toHaveLength(10);
    expect(state.estimatePenalty).toBeGreaterThan(0);
  });
  it("passes audits that the penalty already taken off the estimates explains", () => {
    const state = stateWith({ agree: 70, disagree: 30, expected: 0.95 });
    evaluateAudits(state, 0.95, 0.95, true);
    const penalty = state.estimatePenalty as number;
    // round 2: audits as good as the lowered estimates expect; pooled with round 1 they need no more
    state.rounds.push({ round: 2, kind: "train", at: "t", humanLabels: 0, machineLabels: 10, queued: 0, autoLabeled: 0, unlabeledLeft: 0 });
    for (let i = 0; i < 100; i++) state.human[String(5000 + i)] = { label: i < 85 ? 0 : 1, suggested: 0, round: 2, at: "t", annotator: "a", taskId: `r2-${i}`, reason: "audit", expected: 0.95 };
    evaluateAudits(state, 0.95, 0.95, true);
    expect(state.rounds[1]?.audit?.passed).toBe(true);
    expect(state.estimatePenalty).toBeLessThanOrEqual(penalty);
  });

  it("pools all answered audits, so one small unlucky round does not fail alone", () => {
    const state = stateWith({ agree: 190, disagree: 10, expected: 0.95 });
    // round 2's 8 audits: 6 agreed where 0.95 was expected (alone, its one-sided interval fails)
    state.rounds.push({ round: 2, kind: "train", at: "t", humanLabels: 0, machineLabels: 10, queued: 0, autoLabeled: 0, unlabeledLeft: 0 });
    for (let i = 0; i < 8; i++) state.human[String(5000 + i)] = { label: i < 6 ? 0 : 1, suggested: 0, round: 2, at: "t", annotator: "a", taskId: `r2-${i}`, reason: "audit", expected: 0.95 };
    evaluateAudits(state, 0.95, 0.95, true);
    expect(state.rounds[1]?.audit).toMatchObject({ answered: 8, agreed: 6, passed: true });
    expect(state.estimatePenalty).toBeUndefined();
  });
});

describe("optimism", () => {
  const outcomes = (agreed: number, n: number, expected: number) => Array.from({ length: n }, (_, i) => ({ agreed: i < agreed, expected }));
  it("is 0 when the agreement is within chance of the estimates", () => {
    expect(optimism(outcomes(95, 100, 0.95), 1.645)).toBe(0);
    expect(optimism(outcomes(92, 100, 0.95), 1.645)).toBe(0);
    expect(optimism([], 1.645)).toBe(0);
  });
  it("grows with the shortfall, and is the least shift that explains it", () => {
    const small = optimism(outcomes(85, 100, 0.95), 1.645);
    const large = optimism(outcomes(70, 100, 0.95), 1.645);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small);
    // shifted by it, the estimates expect exactly what was seen plus z standard deviations
    const p = 1 / (1 + Math.exp(small - Math.log(0.95 / 0.05)));
    expect(100 * p - 85).toBeCloseTo(1.645 * Math.sqrt(100 * p * (1 - p)), 4);
  });
});

describe("forecastHuman", () => {
  it("counts the waiting tasks plus a batch per round still needed", () => {
    // 1,000 rows left, 200 of them waiting; each round settles 500 rows and asks people about 100
    expect(forecastHuman(1000, 400, 100, 100, 200)).toBe(200 + 2 * 100);
    expect(forecastHuman(200, 400, 100, 100, 200)).toBe(200);
    expect(forecastHuman(1000, 0, 0, 100, 0)).toBe(1000);
  });
});

describe("calibratingReason", () => {
  it("lets only randomly chosen rows calibrate", () => {
    expect(calibratingReason(undefined)).toBe(true); // labeled in the input
    expect(calibratingReason("bootstrap")).toBe(true);
    expect(calibratingReason("uncertain")).toBe(false);
    expect(calibratingReason("audit")).toBe(false);
    expect(calibratingReason("recheck")).toBe(false);
  });
});
