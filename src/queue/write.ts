import { writeLinesAtomic } from "../util/atomic-stream.js";
import type { PendingTask } from "../state/types.js";
import { QUEUE_KIND, QUEUE_SCHEMA_VERSION, HOW_TO_ANSWER, type QueueHeader, type QueueTask } from "./format.js";
import { jsonText } from "../util/text-output.js";

export interface QueueContext {
  job: string;
  round: number;
  labels: string[];
  createdAt: string;
  textOf: (rowId: number) => string;
  /** earlier answers that were rejected, by task id, to carry over */
  rejected?: Map<string, { answer: unknown; problem: string }>;
}

/** Builds the queue file's lines (pure). */
export function queueLines(tasks: PendingTask[], ctx: QueueContext): string[] {
  return [...queueLineStream(tasks, ctx)];
}

/** The queue file's lines one at a time, as queueLines gives them (pure). */
export function* queueLineStream(tasks: PendingTask[], ctx: QueueContext): Generator<string> {
  const header: QueueHeader = {
    schemaVersion: QUEUE_SCHEMA_VERSION,
    kind: QUEUE_KIND,
    job: ctx.job,
    round: ctx.round,
    labels: ctx.labels,
    tasks: tasks.length,
    createdAt: ctx.createdAt,
    howToAnswer: HOW_TO_ANSWER,
  };
  yield jsonText(header);
  for (const t of tasks) {
    const task: QueueTask = {
      taskId: t.taskId,
      rowId: t.rowId,
      reason: t.reason,
      text: ctx.textOf(t.rowId),
      labels: ctx.labels,
      suggestion: t.suggestion ? { label: ctx.labels[t.suggestion.label] ?? String(t.suggestion.label), confidence: round6(t.suggestion.confidence) } : null,
      answer: null,
      annotator: null,
      answeredAt: null,
    };
    const rejected = ctx.rejected?.get(t.taskId);
    if (rejected) {
      task.rejectedAnswer = rejected.answer;
      task.problem = rejected.problem;
    }
    yield jsonText(task);
  }
}

/**
 * Writes the queue file atomically, a line at a time: a million-row round queues 50,000 tasks
 * (30 MB), which as one string and one buffer would sit in memory twice at the round's peak.
 */
export async function writeQueue(path: string, tasks: PendingTask[], ctx: QueueContext): Promise<void> {
  await writeLinesAtomic(path, queueLineStream(tasks, ctx));
}

export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
