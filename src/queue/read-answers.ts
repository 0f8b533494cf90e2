import { readFile } from "node:fs/promises";
import type { DataIssue } from "../errors.js";
import type { PendingTask } from "../state/types.js";
import { isBlank, labelIndex, unknownLabel } from "./label-value.js";

export interface Answer {
  taskId: string;
  /** class index, or null for a skip */
  label: number | null;
  annotator?: string;
  answeredAt?: string;
  line: number;
  /** the file the answer was read from, for messages */
  file?: string;
}

/** A line that could not be taken, verbatim, to be kept in answers-rejected.jsonl. */
export interface RejectedLine {
  file: string;
  line: number;
  text: string;
  problem: string;
}

export interface AnswerRead {
  answers: Answer[];
  problems: DataIssue[];
  /** answers that could not be taken, by task id, to keep in the next queue */
  rejected: Map<string, { answer: unknown; problem: string }>;
  rejectedLines: RejectedLine[];
}

/**
 * Reads answers from a queue file (pure over its text). Lines whose answer is still null are ignored;
 * a bad line never stops the good ones from being taken. A task answered on two lines with the same
 * label counts once; with different labels neither is taken, as nobody can tell which one is right.
 */
export function parseAnswers(text: string, file: string, labels: readonly string[], pending: readonly PendingTask[], taken: ReadonlySet<string> = new Set()): AnswerRead {
  const out: AnswerRead = { answers: [], problems: [], rejected: new Map(), rejectedLines: [] };
  const open = new Set(pending.map((t) => t.taskId));
  const byTask = new Map<string, { answer: Answer; given: unknown; src: string }[]>();
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((raw, i) => {
    const line = i + 1;
    const src = raw.replace(/\r$/, "");
    if (src.trim() === "") return;
    const reject = (message: string, field?: string, taskId?: unknown, given?: unknown): void => {
      out.problems.push({ file, line, ...(field ? { field } : {}), message });
      out.rejectedLines.push({ file, line, text: src, problem: message });
      if (typeof taskId === "string" && open.has(taskId)) out.rejected.set(taskId, { answer: given, problem: message });
    };
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(src) as Record<string, unknown>;
    } catch (err) {
      reject(`invalid JSON (${(err as Error).message}); line not read`);
      return;
    }
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
      reject("not a JSON object; line not read");
      return;
    }
    if ("kind" in obj) return; // the header
    const { taskId } = obj;
    const skip = obj.skip === true;
    const given = obj.answer;
    if (isBlank(given) && !skip) return;
    if (typeof taskId === "string" && taken.has(taskId)) return; // taken in by an earlier run
    if (typeof taskId !== "string" || !open.has(taskId)) {
      reject(`unknown task id ${JSON.stringify(taskId)}: no such task is waiting for an answer; answer not used`, "taskId");
      return;
    }
    const label = skip ? null : labelIndex(given, labels);
    if (label === undefined) {
      reject(`${unknownLabel(given, labels)}; task left open`, "answer", taskId, given);
      return;
    }
    const answer: Answer = { taskId, label, line, file };
    if (typeof obj.annotator === "string" && obj.annotator !== "") answer.annotator = obj.annotator;
    if (typeof obj.answeredAt === "string" && obj.answeredAt !== "") answer.answeredAt = obj.answeredAt;
    byTask.set(taskId, [...(byTask.get(taskId) ?? []), { answer, given: skip ? "skip" : given, src }]);
  });
  for (const [taskId, list] of byTask) {
    const first = list[0];
    if (!first) continue;
    const labelsGiven = new Set(list.map((e) => e.answer.label));
    if (labelsGiven.size === 1) {
      out.answers.push(first.answer);
      for (const dup of list.slice(1)) out.problems.push({ file, line: dup.answer.line, message: `task ${taskId} answered again (also line ${first.answer.line}, same label); counted once` });
      continue;
    }
    const where = list.map((e) => e.answer.line).join(", ");
    const message = `task ${taskId} has conflicting answers on lines ${where} (${list.map((e) => JSON.stringify(e.given)).join(" vs ")}); none was taken, task left open`;
    for (const e of list) {
      out.problems.push({ file, line: e.answer.line, field: "answer", message });
      out.rejectedLines.push({ file, line: e.answer.line, text: e.src, problem: message });
    }
    out.rejected.set(taskId, { answer: list.map((e) => e.given), problem: message });
  }
  out.answers.sort((a, b) => a.line - b.line);
  return out;
}

export async function readAnswersFile(path: string, labels: readonly string[], pending: readonly PendingTask[], taken?: ReadonlySet<string>): Promise<AnswerRead | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  return parseAnswers(text, path, labels, pending, taken);
}
