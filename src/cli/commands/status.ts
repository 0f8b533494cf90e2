import { stat } from "node:fs/promises";
import { join } from "node:path";
import { readManifest } from "../../manifest/read.js";
import { gatherAnswers } from "../../queue/gather-answers.js";
import { inboxPath, readInbox } from "../../queue/inbox.js";
import { locateWorkdir, nextRunCommand } from "../../queue/locate.js";
import { readAnswersFile } from "../../queue/read-answers.js";
import type { WorkState } from "../../state/types.js";
import type { SettingChange, StoredSettings } from "../../config/sticky.js";
import { shellQuote } from "../../util/shell-quote.js";
import { conflictingDuplicates, conflictWarning } from "../../loop/conflicting-duplicates.js";

export interface StatusOptions {
  workdir?: string;
  queue?: string;
  cwd?: string;
}

export interface StatusReport {
  workdir: string;
  manifest: string;
  queue: string;
  inbox: string;
  round: number;
  rows: number;
  /** rows labeled by people: in the input manifest, and answered through al-label */
  people: { input: number | null; answered: number; total: number | null };
  /** rows labeled by the model (machine labels) */
  machine: number;
  /** rows with neither label; null when the input manifest could not be read */
  unlabeled: number | null;
  tasks: { waiting: number; answered: number; inQueue: number; inInbox: number; open: number; problems: number };
  complete: boolean;
  output: string | null;
  next: string;
  /** the settings the work dir stored (null: made before settings were stored) and their changes since */
  settings: StoredSettings | null;
  settingChanges: SettingChange[];
  /** texts people labeled differently on different rows; null when the manifest could not be read */
  conflictingDuplicates: number | null;
  /** what the conflicts are, when there are any */
  warning?: string;
  note?: string;
}

/** `al-label status`: where a work dir stands, read only (no lock, nothing written). */
export async function status(target: string | undefined, opts: StatusOptions = {}): Promise<StatusReport> {
  const located = await locateWorkdir({ target, workdir: opts.workdir, queue: opts.queue }, opts.cwd ?? process.cwd());
  const { state, workdir, queue, manifest } = located;
  const inputHuman = await countInputHuman(manifest, state);
  const taken = new Set(Object.values(state.human).map((h) => h.taskId));
  const got = gatherAnswers({
    queue: await readAnswersFile(queue, state.labels, state.pending, taken),
    inbox: await readInbox(workdir, state.labels),
    inboxFile: inboxPath(workdir),
    labels: state.labels,
    pending: state.pending,
    human: state.human,
    at: "",
  });
  const answered = Object.keys(state.human).length;
  const machine = Object.keys(state.machine).length;
  const unlabeled = typeof inputHuman.labeled === "number" ? state.manifest.rows - inputHuman.labeled - answered - machine : null;
  const waiting = state.pending.length;
  const given = got.answers.length;
  const open = waiting - given;
  const output = join(workdir, "output.jsonl");
  const complete = waiting === 0 && unlabeled === 0;
  const run = nextRunCommand(manifest, workdir, { queue });
  const next =
    complete ? ((await exists(output)) ? `nothing: the output is complete (${output})` : `${run} to write the output`)
    : given > 0 && open === 0 ? `${run} to take in the ${given} answer(s)`
    : open > 0 ? `answer the ${open} open task(s) (al-label label ${shellQuote(located.queue)}, or al-label answer <file>), then: ${run}${given ? ` (or run it now to take in the ${given} given so far)` : ""}`
    : `${run} to play the next round`;
  const notes = [
    ...(inputHuman.note ? [inputHuman.note] : []),
    ...(state.settings ? [] : ["this work dir predates stored settings: the next run asks for them once (exit 2, with the command to give them with --reconfigure)"]),
  ];
  return {
    workdir,
    manifest,
    queue,
    inbox: inboxPath(workdir),
    round: state.round,
    rows: state.manifest.rows,
    people: { input: inputHuman.human, answered, total: inputHuman.human === null ? null : inputHuman.human + answered },
    machine,
    unlabeled,
    tasks: { waiting, answered: given, inQueue: got.taken.queue, inInbox: got.taken.inbox, open, problems: got.problems.length },
    complete,
    output: complete && (await exists(output)) ? output : null,
    next,
    settings: state.settings ?? null,
    settingChanges: state.settingChanges ?? [],
    conflictingDuplicates: inputHuman.conflicts?.texts ?? null,
    ...(inputHuman.conflicts && conflictWarning(inputHuman.conflicts, manifest) ? { warning: conflictWarning(inputHuman.conflicts, manifest) as string } : {}),
    ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
  };
}

/**
 * Input labels are not kept in the state: read them from the manifest, when it can still be read,
 * the way the run read it (its stored format, columns and --on-invalid).
 */
async function countInputHuman(path: string, state: WorkState): Promise<{ human: number | null; labeled: number | null; conflicts?: ReturnType<typeof conflictingDuplicates>; note?: string }> {
  const s = state.settings ?? {};
  try {
    const m = await readManifest({
      path,
      labelAttribute: state.labelAttribute,
      labels: { labels: state.labels, source: "flag" },
      format: s.format ?? undefined,
      textColumn: s.textColumn ?? undefined,
      labelColumn: s.labelColumn || undefined,
      onInvalid: s.onInvalid ?? undefined,
    });
    return { human: m.rows.filter((r) => r.label?.human).length, labeled: m.rows.filter((r) => r.label).length, conflicts: conflictingDuplicates(m.rows, state.human, state.labels) };
  } catch (err) {
    return { human: null, labeled: null, note: `could not read the manifest for its input labels: ${(err as Error).message.split("\n")[0]}` };
  }
}

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);
