import { readFile } from "node:fs/promises";
import type { DataIssue } from "../errors.js";
import type { PendingTask } from "../state/types.js";

export interface Answer {
  taskId: string;
  /** class index, or null for a skip */
  label: number | null;
  annotator?: string;
  answeredAt?: string;
  line: number;
}

export interface AnswerRead {
  answers: Answer[];
  problems: DataIssue[];
  /** answers that could not be taken, by task id, to keep in the next queue */
  rejected: Map<string, { answer: unknown; problem: string }>;
}

/**
 * Reads answers from a queue file (pure over its text). Lines whose answer is still null are ignored;
 * a bad line never stops the good ones from being taken.
 */
export function parseAnswers(text: string, file: string, labels: readonly string[], pending: readonly PendingTask[], taken: ReadonlySet<string> = new Set()): AnswerRead {
  const out: AnswerRead = { answers: [], problems: [], rejected: new Map() };
  const open = new Set(pending.map((t) => t.taskId));
  const seen = new Map<string, number>();
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  lines.forEach((raw, i) => {
    const line = i + 1;
    const src = raw.replace(/\r$/, "");
    if (src.trim() === "") return;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(src) as Record<string, unknown>;
    } catch (err) {
      out.problems.push({ file, line, message: `invalid JSON (${(err as Error).message}); line ignored` });
      return;
    }
    if (obj === null || typeof obj !== "object" || Array.isArray(obj) || "kind" in obj) return; // header
    const taskId = obj.taskId;
    const skip = obj.skip === true;
    const given = obj.answer;
    if ((given === null || given === undefined || given === "") && !skip) return;
    const fail = (message: string): void => {
      out.problems.push({ file, line, field: "answer", message });
      if (typeof taskId === "string" && open.has(taskId)) out.rejected.set(taskId, { answer: given, problem: message });
    };
    if (typeof taskId === "string" && taken.has(taskId)) return; // taken in by an earlier run
    if (typeof taskId !== "string" || !open.has(taskId)) {
      fail(`unknown task id ${JSON.stringify(taskId)}: not waiting for an answer; answer ignored`);
      return;
    }
    const label = skip ? null : toLabel(given, labels);
    if (label === undefined) {
      fail(`label ${JSON.stringify(given)} is not one of ${labels.join(", ")}; task left open`);
      return;
    }
    const earlier = seen.get(taskId);
    if (earlier !== undefined) {
      const prev = out.answers[earlier];
      if (prev && prev.label !== label) {
        out.problems.push({ file, line, field: "answer", message: `task ${taskId} answered twice with different labels (also line ${prev.line}); the first answer is kept` });
      } else {
        out.problems.push({ file, line, message: `task ${taskId} answered twice (also line ${prev?.line}); the duplicate is ignored` });
      }
      return;
    }
    seen.set(taskId, out.answers.length);
    out.answers.push({
      taskId,
      label,
      annotator: typeof obj.annotator === "string" ? obj.annotator : undefined,
      answeredAt: typeof obj.answeredAt === "string" ? obj.answeredAt : undefined,
      line,
    });
  });
  return out;
}

function toLabel(given: unknown, labels: readonly string[]): number | undefined {
  if (typeof given === "number") return Number.isInteger(given) && given >= 0 && given < labels.length ? given : undefined;
  if (typeof given === "string") {
    const byName = labels.indexOf(given.trim());
    if (byName >= 0) return byName;
    if (/^\d+$/.test(given.trim()) && Number(given) < labels.length) return Number(given);
  }
  return undefined;
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
