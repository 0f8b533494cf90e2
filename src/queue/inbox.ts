import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DataIssue } from "../errors.js";
import { IoError } from "../errors.js";
import { INBOX_FILE, INBOX_SCHEMA_VERSION, type InboxEvent } from "./format.js";
import { labelIndex, unknownLabel } from "./label-value.js";
import { jsonText } from "../util/text-output.js";

export const inboxPath = (workdir: string): string => join(workdir, INBOX_FILE);

/** A task's standing answer in the inbox after replaying every event. */
export interface InboxAnswer {
  taskId: string;
  rowId: number;
  /** class index, or null for a skip */
  label: number | null;
  annotator: string | null;
  answeredAt: string;
  source: string;
  /** 1-based line of the event in the inbox */
  line: number;
}

export interface InboxReplay {
  answers: Map<string, InboxAnswer>;
  problems: DataIssue[];
  lines: number;
}

/**
 * Replays the inbox (pure over its text): per task the latest event wins, an undo clears the answer.
 * A last line without its newline is a write still under way (or cut by a crash) and is left for
 * the next read instead of being reported.
 */
export function replayInbox(text: string, file: string, labels: readonly string[]): InboxReplay {
  const answers = new Map<string, InboxAnswer>();
  const problems: DataIssue[] = [];
  const lines = text.split("\n");
  const unfinished = text !== "" && !text.endsWith("\n") ? lines.length - 1 : -1;
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    let ev: Partial<InboxEvent> & Record<string, unknown>;
    try {
      ev = JSON.parse(raw) as Partial<InboxEvent> & Record<string, unknown>;
    } catch (err) {
      if (i === unfinished) return;
      problems.push({ file, line, message: `invalid JSON (${(err as Error).message}); line ignored` });
      return;
    }
    if (typeof ev !== "object" || ev === null || typeof ev.taskId !== "string") {
      problems.push({ file, line, message: "not an inbox event (no taskId); line ignored" });
      return;
    }
    if (typeof ev.schemaVersion === "number" && ev.schemaVersion > INBOX_SCHEMA_VERSION) {
      problems.push({ file, line, field: "schemaVersion", message: `written by a newer al-label (version ${ev.schemaVersion}); line ignored` });
      return;
    }
    if (ev.kind === "undo") {
      answers.delete(ev.taskId);
      return;
    }
    const skip = ev.skip === true;
    const label = skip ? null : labelIndex(ev.label, labels);
    if (label === undefined) {
      problems.push({ file, line, field: "label", message: `${unknownLabel(ev.label, labels)}; line ignored` });
      return;
    }
    answers.set(ev.taskId, {
      taskId: ev.taskId,
      rowId: typeof ev.rowId === "number" ? ev.rowId : -1,
      label,
      annotator: typeof ev.annotator === "string" ? ev.annotator : null,
      answeredAt: typeof ev.answeredAt === "string" ? ev.answeredAt : "",
      source: typeof ev.source === "string" ? ev.source : "inbox",
      line,
    });
  });
  return { answers, problems, lines: lines.filter((l) => l.trim() !== "").length };
}

export async function readInboxText(workdir: string): Promise<string> {
  try {
    return await readFile(inboxPath(workdir), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw new IoError(`Could not read ${inboxPath(workdir)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
}

export async function readInbox(workdir: string, labels: readonly string[]): Promise<InboxReplay> {
  return replayInbox(await readInboxText(workdir), inboxPath(workdir), labels);
}

/**
 * Appends lines and fsyncs before returning, so an answer reported as saved survives a crash or a
 * power cut. One write per call with O_APPEND: concurrent writers (a run, a labeler) never interleave
 * inside a line of this size. A file whose last line was cut by a crash (no newline) gets one first,
 * so the cut line stays a line of its own (reported and ignored) and the new records are read whole.
 */
export async function appendJsonLines(path: string, records: readonly object[]): Promise<void> {
  if (records.length === 0) return;
  const data = records.map((r) => `${jsonText(r)}\n`).join("");
  let fh;
  try {
    fh = await open(path, "a+");
    const { size } = await fh.stat();
    const last = Buffer.alloc(1);
    const torn = size > 0 && (await fh.read(last, 0, 1, size - 1)).bytesRead === 1 && last[0] !== 0x0a;
    await fh.write(torn ? `\n${data}` : data);
    await fh.sync();
  } catch (err) {
    throw new IoError(`Could not append to ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)}); the answers given were not saved`, { cause: err });
  } finally {
    await fh?.close();
  }
}

export const appendInbox = (workdir: string, events: readonly InboxEvent[]): Promise<void> => appendJsonLines(inboxPath(workdir), events);
