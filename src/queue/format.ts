import type { TaskReason } from "../state/types.js";

/**
 * The files people work in (see docs/people-in-the-loop.md, "People in the loop"):
 * - the queue file: a header line (schemaVersion, kind "al-label/queue") then one task per line;
 *   a person or a script fills `answer` in place;
 * - the answers inbox `<workdir>/answers-inbox.jsonl`: an append-only log of answer and undo events
 *   written by `al-label answer` and `al-label label`, every line carrying its schemaVersion;
 * - `<workdir>/answers-rejected.jsonl`: every queue-file line a run could not take, kept verbatim,
 *   because a run rewrites the queue file and nothing a person wrote may disappear with it.
 * Readers accept files of this schema version and earlier; new fields are only ever added.
 */
export const QUEUE_SCHEMA_VERSION = 1;
export const QUEUE_KIND = "al-label/queue";

/**
 * Why a row was queued. The loop writes "bootstrap" (random rows that calibrate the model) and
 * "uncertain" (rows the model is least sure of); "audit" (a check of machine labels) and "recheck"
 * (a second opinion on a human label) are reserved so that readers already accept them.
 */
export type QueueReason = TaskReason | "audit" | "recheck";
export const QUEUE_REASONS: readonly QueueReason[] = ["bootstrap", "uncertain", "audit", "recheck"];

/** First line of a queue file. */
export interface QueueHeader {
  schemaVersion: typeof QUEUE_SCHEMA_VERSION;
  kind: typeof QUEUE_KIND;
  job: string;
  round: number;
  labels: string[];
  tasks: number;
  createdAt: string;
  howToAnswer: string;
}

/** One task line. A person (or a script) fills `answer`. */
export interface QueueTask {
  /** stable: "r<round>-<row, 6 digits>", the same in every file that names the task */
  taskId: string;
  /** 0-based position of the row among the manifest's data rows */
  rowId: number;
  reason: QueueReason;
  text: string;
  labels: string[];
  suggestion: { label: string; confidence: number } | null;
  /** a label name, a class index, or null while unanswered */
  answer: string | number | null;
  annotator: string | null;
  answeredAt: string | null;
  skip?: boolean;
  /** an answer the last run could not take, kept so nothing a person wrote is lost */
  rejectedAnswer?: unknown;
  problem?: string;
}

export const HOW_TO_ANSWER =
  'Set "answer" on each task line to one of "labels" (the name, or its 0-based index), optionally "annotator"; or set "skip": true. Or use al-label label / al-label answer. Then run al-label run again.';

export const INBOX_FILE = "answers-inbox.jsonl";
export const REJECTED_FILE = "answers-rejected.jsonl";
export const INBOX_SCHEMA_VERSION = 1;

/** An answer given through `al-label answer` or `al-label label`. A later event for the same task replaces it. */
export interface InboxAnswerEvent {
  schemaVersion: typeof INBOX_SCHEMA_VERSION;
  kind: "answer";
  taskId: string;
  rowId: number;
  /** label name; null with skip: true */
  label: string | null;
  skip?: boolean;
  annotator: string | null;
  answeredAt: string;
  /** where the answer came from: "labeler", or "<file>:<line>" of an imported answers file */
  source: string;
}

/** Withdraws the task's current inbox answer: the labeler's undo, or a run that found it conflicting. */
export interface InboxUndoEvent {
  schemaVersion: typeof INBOX_SCHEMA_VERSION;
  kind: "undo";
  taskId: string;
  at: string;
  source: string;
  reason?: string;
}

export type InboxEvent = InboxAnswerEvent | InboxUndoEvent;
