import type { DataIssue } from "../errors.js";
import type { HumanLabel, PendingTask } from "../state/types.js";
import type { AnswerRecord } from "./answers-file.js";
import { INBOX_SCHEMA_VERSION, type InboxAnswerEvent } from "./format.js";
import type { InboxAnswer } from "./inbox.js";
import { labelIndex, unknownLabel } from "./label-value.js";

export interface ImportContext {
  file: string;
  labels: readonly string[];
  pending: readonly PendingTask[];
  /** the work dir's human labels, by row id */
  human: Readonly<Record<string, HumanLabel>>;
  inbox: ReadonlyMap<string, InboxAnswer>;
  inboxFile: string;
  /** let an answer replace a different one already in the inbox */
  replace: boolean;
  annotator: string | null;
  at: string;
}

export interface ImportResult {
  accepted: InboxAnswerEvent[];
  /** lines not saved: each says why */
  errors: DataIssue[];
  /** harmless repeats: the same answer given twice, or already saved */
  notes: DataIssue[];
}

interface Candidate {
  rec: AnswerRecord;
  task: PendingTask;
  label: number | null;
}

const shown = (labels: readonly string[], l: number | null): string => (l === null ? "skip" : (labels[l] ?? String(l)));

/**
 * Checks an answers file against the work dir (pure). Every line is judged on its own, so one bad
 * line never stops the good ones: unknown ids, unknown labels and conflicting answers are errors
 * with file and line; the same answer given twice is a note and is saved once.
 */
export function validateImport(records: readonly AnswerRecord[], ctx: ImportContext): ImportResult {
  const out: ImportResult = { accepted: [], errors: [], notes: [] };
  const { labels, file } = ctx;
  const byTask = new Map(ctx.pending.map((t) => [t.taskId, t]));
  const byRow = new Map(ctx.pending.map((t) => [t.rowId as number, t]));
  const takenByTask = new Map(Object.entries(ctx.human).map(([row, h]) => [h.taskId, { ...h, row: Number(row) }]));
  const groups = new Map<string, Candidate[]>();
  const error = (line: number, message: string, field?: string): void => void out.errors.push({ file, line, ...(field ? { field } : {}), message });

  for (const rec of records) {
    const label = rec.skip ? null : labelIndex(rec.label, labels);
    const task = rec.taskId !== undefined ? byTask.get(rec.taskId) : rec.rowId !== undefined ? byRow.get(rec.rowId) : undefined;
    if (!task) {
      const taken = rec.taskId !== undefined ? takenByTask.get(rec.taskId) : rec.rowId !== undefined ? ctx.human[String(rec.rowId)] : undefined;
      const id = rec.taskId !== undefined ? `task ${rec.taskId}` : `row ${rec.rowId}`;
      if (taken && label === taken.label) out.notes.push({ file, line: rec.line, message: `${id} was already taken in with this label; nothing to do` });
      else if (taken) error(rec.line, `${id} was already taken in by a run as "${shown(labels, taken.label)}" (round ${taken.round}); an answer cannot change once taken`, "label");
      else if (rec.taskId !== undefined) error(rec.line, `unknown task id "${rec.taskId}": no such task is waiting for an answer`, "taskId");
      else error(rec.line, `row ${rec.rowId} has no task waiting for an answer`, "rowId");
      continue;
    }
    if (rec.taskId !== undefined && rec.rowId !== undefined && rec.rowId !== (task.rowId as number)) {
      error(rec.line, `taskId ${rec.taskId} is row ${task.rowId}, but rowId says ${rec.rowId}`, "rowId");
      continue;
    }
    if (label === undefined) {
      error(rec.line, unknownLabel(rec.label, labels), "label");
      continue;
    }
    groups.set(task.taskId, [...(groups.get(task.taskId) ?? []), { rec, task, label }]);
  }

  for (const [taskId, list] of groups) {
    const first = list[0];
    if (!first) continue;
    if (new Set(list.map((c) => c.label)).size > 1) {
      const message = `task ${taskId} has conflicting answers on lines ${list.map((c) => c.rec.line).join(", ")} (${list.map((c) => shown(labels, c.label)).join(" vs ")}); none was saved`;
      for (const c of list) error(c.rec.line, message, "label");
      continue;
    }
    for (const dup of list.slice(1)) out.notes.push({ file, line: dup.rec.line, message: `task ${taskId} answered again (also line ${first.rec.line}, same label); saved once` });
    const saved = ctx.inbox.get(taskId);
    if (saved && saved.label === first.label) {
      out.notes.push({ file, line: first.rec.line, message: `task ${taskId}: the same answer is already saved (${ctx.inboxFile} line ${saved.line})` });
      continue;
    }
    if (saved && !ctx.replace) {
      error(first.rec.line, `task ${taskId} already has the answer "${shown(labels, saved.label)}" (${ctx.inboxFile} line ${saved.line}); pass --replace to change it to "${shown(labels, first.label)}"`, "label");
      continue;
    }
    out.accepted.push(toEvent(first, ctx));
  }
  out.accepted.sort((a, b) => a.source.localeCompare(b.source, "en", { numeric: true }));
  return out;
}

function toEvent(c: Candidate, ctx: ImportContext): InboxAnswerEvent {
  const ev: InboxAnswerEvent = {
    schemaVersion: INBOX_SCHEMA_VERSION,
    kind: "answer",
    taskId: c.task.taskId,
    rowId: c.task.rowId as number,
    label: c.label === null ? null : (ctx.labels[c.label] ?? null),
    annotator: c.rec.annotator ?? ctx.annotator,
    answeredAt: c.rec.answeredAt ?? ctx.at,
    source: `${ctx.file}:${c.rec.line}`,
  };
  if (c.label === null) ev.skip = true;
  return ev;
}
