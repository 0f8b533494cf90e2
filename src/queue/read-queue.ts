import { readFile } from "node:fs/promises";
import { IoError } from "../errors.js";
import type { QueueTask } from "./format.js";
import { isBlank } from "./label-value.js";

export interface QueueRead {
  tasks: QueueTask[];
  /** task ids with an answer (or a skip) filled in the file */
  answered: Set<string>;
}

/** The task lines of a queue file (pure); lines that are not tasks are left to the run to report. */
export function parseQueueTasks(text: string): QueueRead {
  const out: QueueRead = { tasks: [], answered: new Set() };
  for (const raw of text.replace(/^\uFEFF/, "").split("\n")) {
    if (raw.trim() === "") continue;
    let obj: Partial<QueueTask> & { kind?: unknown };
    try {
      obj = JSON.parse(raw) as Partial<QueueTask> & { kind?: unknown };
    } catch {
      continue;
    }
    if (typeof obj !== "object" || obj === null || obj.kind !== undefined || typeof obj.taskId !== "string" || typeof obj.rowId !== "number") continue;
    out.tasks.push(obj as QueueTask);
    if (obj.skip === true || !isBlank(obj.answer)) out.answered.add(obj.taskId);
  }
  return out;
}

export async function readQueueTasks(path: string): Promise<QueueRead> {
  try {
    return parseQueueTasks(await readFile(path, "utf8"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { tasks: [], answered: new Set() };
    throw new IoError(`Could not read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
}
