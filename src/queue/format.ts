import type { TaskReason } from "../state/types.js";

export const QUEUE_SCHEMA_VERSION = 1;
export const QUEUE_KIND = "al-label/queue";

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
  taskId: string;
  rowId: number;
  reason: TaskReason;
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
  'Set "answer" on each task line to one of "labels" (the name, or its 0-based index), optionally "annotator"; or set "skip": true. Then run al-label run again.';
