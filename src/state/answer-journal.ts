import { join } from "node:path";
import type { Answer } from "../queue/read-answers.js";
import type { PendingTask } from "./types.js";
import { appendJournal, readJournal } from "../util/journal.js";

/**
 * `<workdir>/answers.jsonl`: every answer people gave, appended and synced *before* the state that
 * holds it is saved. It is the one thing a run cannot recompute (machine labels follow from the
 * seed and the answers), so it is what lets a work dir be rebuilt: a run that finds a task waiting
 * whose answer is journaled takes it from here (after a kill between the two writes, or when
 * state.json is lost and the rounds are played again).
 */
export interface JournalEntry {
  taskId: string;
  rowId: number;
  round: number;
  /** class index, or null for a skip */
  label: number | null;
  annotator: string;
  answeredAt: string;
  simulated: boolean;
}

export const answerJournalFile = (workdir: string): string => join(workdir, "answers.jsonl");

/** The journal's answers by task id; the first entry for a task wins, like the first answer in a queue. */
export async function readAnswerJournal(workdir: string): Promise<{ byTask: Map<string, JournalEntry>; torn: number[] }> {
  const { records, torn } = await readJournal(answerJournalFile(workdir));
  const byTask = new Map<string, JournalEntry>();
  for (const r of records) {
    if (typeof r.taskId !== "string" || byTask.has(r.taskId)) continue;
    if (!(r.label === null || typeof r.label === "number")) continue;
    byTask.set(r.taskId, {
      taskId: r.taskId,
      rowId: typeof r.rowId === "number" ? r.rowId : -1,
      round: typeof r.round === "number" ? r.round : -1,
      label: r.label,
      annotator: typeof r.annotator === "string" ? r.annotator : "unknown",
      answeredAt: typeof r.answeredAt === "string" ? r.answeredAt : "",
      simulated: r.simulated === true,
    });
  }
  return { byTask, torn };
}

/** Answers with who and when settled, so the journal and the state record the same thing. */
export function settleAnswers(answers: readonly Answer[], defaults: { annotator: string; at: string }): Answer[] {
  return answers.map((a) => ({ ...a, annotator: a.annotator ?? defaults.annotator, answeredAt: a.answeredAt ?? defaults.at }));
}

export function journalEntries(answers: readonly Answer[], pending: readonly PendingTask[], simulated: boolean): JournalEntry[] {
  const tasks = new Map(pending.map((t) => [t.taskId, t]));
  return answers.map((a) => {
    const task = tasks.get(a.taskId);
    return {
      taskId: a.taskId,
      rowId: task?.rowId ?? -1,
      round: task?.round ?? -1,
      label: a.label,
      annotator: a.annotator ?? "unknown",
      answeredAt: a.answeredAt ?? "",
      simulated,
    };
  });
}

export async function appendAnswerJournal(workdir: string, entries: readonly JournalEntry[]): Promise<void> {
  await appendJournal(answerJournalFile(workdir), entries);
}

/** Journaled answers for tasks now waiting: the tasks must match by id and row. */
export function journaledAnswers(byTask: ReadonlyMap<string, JournalEntry>, pending: readonly PendingTask[]): Answer[] {
  const out: Answer[] = [];
  for (const task of pending) {
    const e = byTask.get(task.taskId);
    if (!e || (e.rowId !== -1 && e.rowId !== task.rowId)) continue;
    out.push({ taskId: e.taskId, label: e.label, annotator: e.annotator, answeredAt: e.answeredAt || undefined, line: 0 });
  }
  return out;
}
