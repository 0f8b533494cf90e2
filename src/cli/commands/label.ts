import { userInfo } from "node:os";
import { UsageError } from "../../errors.js";
import { INBOX_SCHEMA_VERSION, type InboxEvent } from "../../queue/format.js";
import { appendInbox, inboxPath, readInbox } from "../../queue/inbox.js";
import { labelIndex } from "../../queue/label-value.js";
import { locateWorkdir, type Located } from "../../queue/locate.js";
import { readQueueTasks } from "../../queue/read-queue.js";
import { initialState, type Effect, type LabelerState, type LabelerTask } from "../../labeler/machine.js";
import { runLabeler, type TerminalIo } from "../../labeler/terminal.js";
import { groundTruthDate, systemClock, type Clock } from "../../util/clock.js";

export interface LabelOptions {
  workdir?: string;
  queue?: string;
  annotator?: string;
  cwd?: string;
  clock?: Clock;
  io?: TerminalIo;
}

export interface LabelOutcome {
  exitCode: number;
  workdir: string;
  manifest: string;
  inbox: string;
  answered: number;
  skipped: number;
  /** tasks still without an answer */
  left: number;
}

/** The tasks still to label: waiting in the state, in the queue file, and answered nowhere yet. */
export async function prepareLabeling(target: string | undefined, opts: LabelOptions): Promise<{ located: Located; state: LabelerState }> {
  const located = await locateWorkdir({ target, workdir: opts.workdir, queue: opts.queue }, opts.cwd ?? process.cwd());
  const { state: work, queue } = located;
  const labels = work.labels;
  const waiting = new Set(work.pending.map((t) => t.taskId));
  const read = await readQueueTasks(queue);
  const inbox = await readInbox(located.workdir, labels);
  const inQueue = read.tasks.filter((t) => waiting.has(t.taskId));
  const isDone = (id: string): boolean => read.answered.has(id) || inbox.answers.has(id);
  const tasks: LabelerTask[] = inQueue
    .filter((t) => !isDone(t.taskId))
    .map((t) => {
      const s = t.suggestion ? labelIndex(t.suggestion.label, labels) : undefined;
      const task: LabelerTask = { taskId: t.taskId, rowId: t.rowId, reason: String(t.reason), text: typeof t.text === "string" ? t.text : "", suggestion: t.suggestion && s !== undefined ? { label: s, confidence: Number(t.suggestion.confidence) || 0 } : null };
      if (typeof t.problem === "string") task.note = t.problem;
      return task;
    });
  return { located, state: initialState(tasks, labels, inQueue.length - tasks.length) };
}

/** `al-label label [queue|manifest]`: answer tasks one key at a time; every answer is saved as given. */
export async function label(target: string | undefined, opts: LabelOptions = {}): Promise<LabelOutcome> {
  const io = opts.io ?? { input: process.stdin, output: process.stdout, now: () => Date.now() };
  if (!io.input.isTTY) {
    throw new UsageError("al-label label needs an interactive terminal, and stdin is not one. From a script, fill the queue file's answers or use `al-label answer <file>`.");
  }
  const clock = opts.clock ?? systemClock();
  const { located, state } = await prepareLabeling(target, opts);
  const annotator = opts.annotator ?? safeUser();
  const save = async (e: Effect): Promise<void> => {
    if (e.kind === "quit") return;
    const at = groundTruthDate(clock());
    const event: InboxEvent =
      e.kind === "undo"
        ? { schemaVersion: INBOX_SCHEMA_VERSION, kind: "undo", taskId: e.task.taskId, at, source: "labeler" }
        : { schemaVersion: INBOX_SCHEMA_VERSION, kind: "answer", taskId: e.task.taskId, rowId: e.task.rowId, label: e.label === null ? null : (state.labels[e.label] ?? null), ...(e.label === null ? { skip: true } : {}), annotator, answeredAt: at, source: "labeler" };
    await appendInbox(located.workdir, [event]);
  };
  const end = state.tasks.length === 0 ? state : await runLabeler(state, io, save);
  const skipped = end.given.filter((g) => g.label === null).length;
  return {
    exitCode: 0,
    workdir: located.workdir,
    manifest: located.manifest,
    inbox: inboxPath(located.workdir),
    answered: end.given.length - skipped,
    skipped,
    left: end.tasks.length - end.given.length,
  };
}

function safeUser(): string | null {
  try {
    return userInfo().username || null;
  } catch {
    return null;
  }
}
