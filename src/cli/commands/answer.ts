import { readFile } from "node:fs/promises";
import { extname, resolve } from "node:path";
import { EXIT, UsageError, type DataIssue } from "../../errors.js";
import { parseAnswersCsv, parseAnswersJsonl } from "../../queue/answers-file.js";
import { appendInbox, inboxPath, readInbox } from "../../queue/inbox.js";
import { locateWorkdir } from "../../queue/locate.js";
import { validateImport } from "../../queue/validate-import.js";
import { groundTruthDate, systemClock, type Clock } from "../../util/clock.js";
import { isStdio, readStreamText, sniffFormat } from "../../util/stdin.js";

export interface AnswerOptions {
  workdir?: string;
  format?: "jsonl" | "csv";
  annotator?: string;
  replace?: boolean;
  cwd?: string;
  clock?: Clock;
  /** where `-` reads from (default process.stdin) */
  stdin?: NodeJS.ReadableStream;
}

export interface AnswerOutcome {
  /** 0: every answer line saved; 65: some lines were not (the others were saved all the same) */
  exitCode: number;
  file: string;
  inbox: string;
  workdir: string;
  manifest: string;
  saved: number;
  errors: DataIssue[];
  notes: DataIssue[];
  /** tasks of the work dir still without an answer after this import */
  open: number;
}

/**
 * `al-label answer <file> [manifest]`: checks an answers file (JSON Lines or CSV) against the work
 * dir and appends the good answers to the inbox, fsync'd, for the next `run` to take in.
 */
export async function answer(fileArg: string, manifestArg: string | undefined, opts: AnswerOptions = {}): Promise<AnswerOutcome> {
  const cwd = opts.cwd ?? process.cwd();
  const fromStdin = isStdio(fileArg);
  const file = fromStdin ? "stdin" : resolve(cwd, fileArg);
  let text: string;
  try {
    text = fromStdin ? await readStreamText(opts.stdin ?? process.stdin) : await readFile(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read the answers file ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
  const located = await locateWorkdir({ target: manifestArg, workdir: opts.workdir }, cwd);
  const { state, workdir } = located;
  // from stdin: JSON Lines when the first line is an object, else CSV (or say --format)
  const format = opts.format ?? (fromStdin ? (sniffFormat(text.split("\n", 1)[0] ?? "") === "jsonl" ? "jsonl" : "csv") : extname(file).toLowerCase() === ".csv" ? "csv" : "jsonl");
  const parsed = format === "csv" ? parseAnswersCsv(text, file) : parseAnswersJsonl(text, file);
  const inbox = await readInbox(workdir, state.labels);
  const result = validateImport(parsed.records, {
    file,
    labels: state.labels,
    pending: state.pending,
    human: state.human,
    inbox: inbox.answers,
    inboxFile: inboxPath(workdir),
    replace: opts.replace ?? false,
    annotator: opts.annotator ?? null,
    at: groundTruthDate((opts.clock ?? systemClock())()),
  });
  await appendInbox(workdir, result.accepted);
  const errors = [...parsed.problems, ...result.errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const answeredNow = new Set([...inbox.answers.keys(), ...result.accepted.map((a) => a.taskId)]);
  return {
    exitCode: errors.length > 0 ? EXIT.dataError : EXIT.ok,
    file,
    inbox: inboxPath(workdir),
    workdir,
    manifest: located.manifest,
    saved: result.accepted.length,
    errors,
    notes: result.notes,
    open: state.pending.filter((t) => !answeredNow.has(t.taskId)).length,
  };
}
