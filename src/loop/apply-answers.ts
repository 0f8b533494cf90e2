import type { DataIssue } from "../errors.js";
import type { ManifestRow } from "../manifest/types.js";
import type { Answer } from "../queue/read-answers.js";
import type { WorkState } from "../state/types.js";

/**
 * Takes answers into the state (mutates it): an answered task's row gets its human label, a skipped
 * row goes back to the pool and is marked so it is queued again only when nothing else is left.
 * Returns how many were taken.
 */
export function applyAnswers(state: WorkState, answers: Answer[], defaults: { annotator: string; at: string }): { taken: number; skipped: number } {
  const byTask = new Map(answers.map((a) => [a.taskId, a]));
  let taken = 0;
  let skipped = 0;
  state.pending = state.pending.filter((task) => {
    const a = byTask.get(task.taskId);
    if (!a) return true;
    if (a.label === null) {
      state.skipped = [...(state.skipped ?? []), task.rowId];
      skipped++;
    } else {
      state.human[String(task.rowId)] = {
        label: a.label,
        round: task.round,
        at: a.answeredAt ?? defaults.at,
        annotator: a.annotator ?? defaults.annotator,
        taskId: task.taskId,
        reason: task.reason,
        ...(task.suggestion ? { suggested: task.suggestion.label } : {}),
        ...(task.expected !== undefined ? { expected: task.expected } : {}),
      };
      taken++;
    }
    return false;
  });
  return { taken, skipped };
}

/**
 * Answers every waiting task from the row's gold field (--simulate-humans): the loop's experiments
 * run to completion in one command, the model never seeing gold labels of rows nobody was asked about.
 */
export function simulatedAnswers(state: WorkState, rows: readonly ManifestRow[], labels: readonly string[], file: string, field: string): { answers: Answer[]; problems: DataIssue[] } {
  const answers: Answer[] = [];
  const problems: DataIssue[] = [];
  for (const task of state.pending) {
    const row = rows[task.rowId];
    const gold = row?.gold;
    const label = typeof gold === "number" ? gold : typeof gold === "string" ? labels.indexOf(gold) : -1;
    if (label < 0 || label >= labels.length || !Number.isInteger(label)) {
      problems.push({ file, line: row?.line, field, message: gold === undefined ? "no gold label to simulate the answer with" : `gold label ${JSON.stringify(gold)} is not in the label set` });
      continue;
    }
    answers.push({ taskId: task.taskId, label, line: row?.line ?? 0 });
  }
  return { answers, problems };
}
