import { wilsonInterval, wilsonLowerBound } from "../calibration/wilson.js";
import type { AuditRecord, WorkState } from "../state/types.js";

/**
 * Checks each round's audit once its tasks are answered (mutates the state): the share of audited
 * rows where the person agreed with the machine label, with its interval. An audit fails when even
 * the optimistic end of a one-sided interval is under the target; then the round's less confident
 * half of machine labels is revoked (the threshold raised) and those rows go back to the pool.
 * Returns how many machine labels were revoked.
 */
export function evaluateAudits(state: WorkState, target: number, level: number): number {
  let revoked = 0;
  for (const record of state.rounds) {
    if (record.kind !== "train" || record.audit?.passed === false || record.audit?.passed === true) continue;
    const answers = Object.values(state.human).filter((h) => h.reason === "audit" && h.round === record.round);
    const waiting = state.pending.filter((t) => t.reason === "audit" && t.round === record.round).length;
    if (answers.length === 0 && waiting === 0) continue;
    const agreed = answers.filter((h) => h.suggested === h.label).length;
    const audit = summarize(answers.length, agreed, waiting, level);
    if (waiting === 0 && answers.length > 0) {
      const optimistic = 1 - wilsonLowerBound(answers.length - agreed, answers.length, level);
      audit.passed = optimistic >= target;
      if (!audit.passed) audit.revoked = revokeLessConfident(state, record.round);
      revoked += audit.revoked;
    }
    record.audit = audit;
  }
  return revoked;
}

function summarize(answered: number, agreed: number, waiting: number, level: number): AuditRecord {
  const { low, high } = wilsonInterval(agreed, answered, level);
  return { asked: answered + waiting, answered, agreed, accuracy: answered > 0 ? agreed / answered : null, low, high, passed: null, revoked: 0 };
}

function revokeLessConfident(state: WorkState, round: number): number {
  const labels = Object.entries(state.machine).filter(([, m]) => m.round === round);
  const sorted = labels.map(([, m]) => m.confidence).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 1;
  let n = 0;
  for (const [id, m] of labels) {
    if (m.confidence < median) {
      delete state.machine[id];
      n++;
    }
  }
  return n;
}
