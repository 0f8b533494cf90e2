import { lowerLogOdds } from "../calibration/log-odds.js";
import { normalQuantile, wilsonInterval } from "../calibration/wilson.js";
import type { AuditRecord, HumanLabel, MachineLabel, WorkState } from "../state/types.js";

/**
 * Checks each round's audit once its tasks are answered (mutates the state). Audited rows are a
 * random sample of the rows a round machine-labeled, each queued with its estimated probability of
 * being right; people's agreement is compared with what the estimates expected.
 *
 * One round's audit is a dozen rows, and a run has many rounds: tested alone, some round would fail
 * by chance in most runs. So the test is on every audit answered so far, pooled: it finds the least
 * shift of the calibration's estimates, in log-odds, that makes people's agreement no lower than the
 * estimates expect by more than chance explains at the run's confidence level (a one-sided z-test of
 * the sum of the rows' outcomes). The audit fails when that shift is more than the rounds already
 * take off every estimate; then later rounds take it off instead (a row estimated 99.9% right moves
 * far less than one at 88%): their thresholds rise and rows below them go back to the pool. When
 * machine labels are not revised each round (self-training), the round's less confident half is also
 * revoked at once. Returns how many machine labels were revoked.
 */
export function evaluateAudits(state: WorkState, target: number, level: number, revise: boolean): number {
  let revoked = 0;
  const pooled: { agreed: boolean; expected: number }[] = [];
  const z = normalQuantile(level);
  for (const record of state.rounds) {
    if (record.kind !== "train") continue;
    const answers = Object.values(state.human).filter((h) => h.reason === "audit" && h.round === record.round);
    const waiting = state.pending.filter((t) => t.reason === "audit" && t.round === record.round).length;
    if (answers.length === 0 && waiting === 0) continue;
    // audits queued before estimates were stored with them are held to the target
    const outcomes = answers.map((h: HumanLabel) => ({ agreed: h.suggested === h.label, expected: h.expected ?? target }));
    if (waiting === 0) pooled.push(...outcomes);
    if (record.audit?.passed === false || record.audit?.passed === true) continue;
    const agreed = outcomes.filter((o) => o.agreed).length;
    const expected = outcomes.reduce((acc, o) => acc + o.expected, 0) / Math.max(1, outcomes.length);
    const audit = summarize(answers.length, agreed, waiting, level, expected);
    if (waiting === 0 && answers.length > 0) {
      const shift = optimism(pooled, z);
      audit.passed = shift <= (state.estimatePenalty ?? 0);
      if (!audit.passed) {
        state.estimatePenalty = shift;
        if (!revise) audit.revoked = revokeLessConfident(state, record.round);
      }
      revoked += audit.revoked;
    }
    record.audit = audit;
  }
  return revoked;
}

/**
 * The least log-odds shift of the estimates that the audits' agreement is consistent with at z (pure):
 * 0 when people agreed with at least (expected - z * sd) labels, else found by bisection.
 */
export function optimism(outcomes: readonly { agreed: boolean; expected: number }[], z: number): number {
  const agreed = outcomes.filter((o) => o.agreed).length;
  const shortfall = (shift: number): number => {
    let mean = 0;
    let variance = 0;
    for (const o of outcomes) {
      const p = lowerLogOdds(o.expected, shift);
      mean += p;
      variance += p * (1 - p);
    }
    return mean - agreed - z * Math.sqrt(variance);
  };
  if (outcomes.length === 0 || shortfall(0) <= 0) return 0;
  let low = 0;
  let high = 1;
  while (shortfall(high) > 0 && high < 64) high *= 2;
  for (let k = 0; k < 50; k++) {
    const mid = (low + high) / 2;
    if (shortfall(mid) > 0) low = mid;
    else high = mid;
  }
  return high;
}

function summarize(answered: number, agreed: number, waiting: number, level: number, expected: number): AuditRecord {
  const { low, high } = wilsonInterval(agreed, answered, level);
  return { asked: answered + waiting, answered, agreed, accuracy: answered > 0 ? agreed / answered : null, low, high, expected, passed: null, revoked: 0 };
}

function revokeLessConfident(state: WorkState, round: number): number {
  const labels = Object.entries(state.machine).filter(([, m]) => m.round === round);
  // by the model's own probability: the written confidence is a bin's estimate, shared by many labels
  const score = (m: MachineLabel): number => m.score ?? m.confidence;
  const sorted = labels.map(([, m]) => score(m)).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 1;
  let n = 0;
  for (const [id, m] of labels) {
    if (score(m) < median) {
      delete state.machine[id];
      n++;
    }
  }
  return n;
}
