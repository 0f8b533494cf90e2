import type { DataIssue } from "../errors.js";
import type { HumanLabel, PendingTask } from "../state/types.js";
import { INBOX_SCHEMA_VERSION, type InboxUndoEvent } from "./format.js";
import type { InboxAnswer, InboxReplay } from "./inbox.js";
import type { Answer, AnswerRead, RejectedLine } from "./read-answers.js";

export interface GatherInput {
  /** answers read from the queue file, or null when there is none */
  queue: AnswerRead | null;
  inbox: InboxReplay;
  inboxFile: string;
  labels: readonly string[];
  pending: readonly PendingTask[];
  human: Readonly<Record<string, HumanLabel>>;
  /** time stamp for undo events */
  at: string;
}

export interface Gathered {
  answers: Answer[];
  problems: DataIssue[];
  rejected: Map<string, { answer: unknown; problem: string }>;
  rejectedLines: RejectedLine[];
  /** inbox answers withdrawn because they conflict: appended to the inbox so they are reported once */
  undo: InboxUndoEvent[];
  taken: { queue: number; inbox: number };
}

const name = (labels: readonly string[], label: number | null): string => (label === null ? "skip" : (labels[label] ?? String(label)));

/**
 * Merges the queue file's answers with the inbox's (pure). One answer per task is taken; the same
 * answer in both places counts once; different answers in the two places are a conflict: neither is
 * taken, both lines are reported, the inbox answer is withdrawn (an undo event) and the queue answer
 * is carried into the next queue, so the person answers that task again.
 */
export function gatherAnswers(input: GatherInput): Gathered {
  const { labels } = input;
  const open = new Set(input.pending.map((t) => t.taskId));
  const takenByTask = new Map(Object.values(input.human).map((h) => [h.taskId, h]));
  const out: Gathered = {
    answers: [],
    problems: [...(input.queue?.problems ?? []), ...input.inbox.problems],
    rejected: new Map(input.queue?.rejected ?? []),
    rejectedLines: [...(input.queue?.rejectedLines ?? [])],
    undo: [],
    taken: { queue: 0, inbox: 0 },
  };
  const withdraw = (ia: InboxAnswer, reason: string): void => {
    out.undo.push({ schemaVersion: INBOX_SCHEMA_VERSION, kind: "undo", taskId: ia.taskId, at: input.at, source: "run", reason });
  };
  const inboxOpen = new Map<string, InboxAnswer>();
  for (const ia of input.inbox.answers.values()) {
    if (open.has(ia.taskId)) {
      inboxOpen.set(ia.taskId, ia);
      continue;
    }
    const before = takenByTask.get(ia.taskId);
    if (before && before.label !== ia.label) {
      const message = `task ${ia.taskId} was already taken in as "${name(labels, before.label)}" (round ${before.round}); this answer "${name(labels, ia.label)}" is not used and was withdrawn`;
      out.problems.push({ file: input.inboxFile, line: ia.line, field: "label", message });
      withdraw(ia, message);
    }
    // otherwise the task was settled by an earlier run (taken, or skipped): nothing to do
  }
  for (const qa of input.queue?.answers ?? []) {
    const ia = inboxOpen.get(qa.taskId);
    if (!ia) {
      out.answers.push(qa);
      out.taken.queue++;
      continue;
    }
    if (ia.label === qa.label) continue; // the inbox's copy is taken below, once
    inboxOpen.delete(qa.taskId);
    const message = `task ${qa.taskId} has conflicting answers: "${name(labels, qa.label)}" in ${qa.file ?? "the queue"} line ${qa.line} and "${name(labels, ia.label)}" in ${input.inboxFile} line ${ia.line}; neither was taken, answer it again`;
    out.problems.push({ file: qa.file ?? "queue", line: qa.line, field: "answer", message });
    out.problems.push({ file: input.inboxFile, line: ia.line, field: "label", message });
    out.rejected.set(qa.taskId, { answer: name(labels, qa.label), problem: message });
    out.rejectedLines.push({ file: qa.file ?? "queue", line: qa.line, text: JSON.stringify({ taskId: qa.taskId, answer: name(labels, qa.label), annotator: qa.annotator ?? null }), problem: message });
    withdraw(ia, message);
  }
  for (const ia of inboxOpen.values()) {
    const a: Answer = { taskId: ia.taskId, label: ia.label, line: ia.line, file: input.inboxFile };
    if (ia.annotator) a.annotator = ia.annotator;
    if (ia.answeredAt) a.answeredAt = ia.answeredAt;
    out.answers.push(a);
    out.taken.inbox++;
  }
  return out;
}
