import { join } from "node:path";
import { DataError, formatIssue, type DataIssue } from "../errors.js";
import type { Manifest } from "../manifest/types.js";
import { writeOutputManifest, type OutputLabel } from "../manifest/write-output.js";
import { readAnswersFile, type Answer } from "../queue/read-answers.js";
import { gatherAnswers } from "../queue/gather-answers.js";
import { appendInbox, appendJsonLines, inboxPath, readInbox } from "../queue/inbox.js";
import { INBOX_SCHEMA_VERSION, REJECTED_FILE } from "../queue/format.js";
import { writeQueue } from "../queue/write.js";
import type { Reporter } from "../report/reporter.js";
import { saveState } from "../state/store.js";
import { answerJournalFile, appendAnswerJournal, journaledAnswers, journalEntries, readAnswerJournal, settleAnswers, type JournalEntry } from "../state/answer-journal.js";
import type { RoundRecord, WorkState } from "../state/types.js";
import { groundTruthDate } from "../util/clock.js";
import { applyAnswers, simulatedAnswers } from "./apply-answers.js";
import { rowStatus } from "./row-status.js";
import { playRound } from "./play-round.js";
import type { LoopDeps, LoopResult, LoopSettings } from "./types.js";

export type { LoopDeps, LoopResult, LoopSettings } from "./types.js";
import { conflictingDuplicates } from "./conflicting-duplicates.js";

/**
 * Runs rounds until the output is complete, people must answer, or --max-rounds is reached.
 * Write order, so that a kill -9 anywhere loses and duplicates nothing (docs/reliability.md):
 * answers are journaled (synced) before the state that takes them is saved; a round's model files
 * are written before its state (a replayed round rewrites them); the state is saved before the
 * queue and output, which are derived from it and written atomically.
 */
export async function runLoop(manifest: Manifest, state: WorkState, cfg: LoopSettings, deps: LoopDeps): Promise<LoopResult> {
  const { reporter } = deps;
  const answerProblems: DataIssue[] = [];
  let roundsThisRun = 0;
  const journal = await readAnswerJournal(cfg.workdir);
  if (journal.torn.length > 0) reporter.info(`${answerJournalFile(cfg.workdir)}: skipped ${journal.torn.length} line(s) torn by a killed run (their answers were never taken, so they are read again)`);
  for (;;) {
    if (state.pending.length > 0) await takeJournaled(state, journal.byTask, cfg, reporter);
    if (state.pending.length > 0) {
      const got = await collectAnswers(manifest, state, cfg, groundTruthDate(deps.clock()));
      answerProblems.push(...got.problems);
      if (got.answers.length > 0) {
        const defaults = { annotator: cfg.simulateHumans ? `simulated:${cfg.simulateHumans}` : "unknown", at: groundTruthDate(deps.clock()) };
        const answers = settleAnswers(got.answers, defaults);
        // the journal first: once the state says an answer was taken, the answer is on disk
        const entries = journalEntries(answers, state.pending, cfg.simulateHumans !== undefined);
        await appendAnswerJournal(cfg.workdir, entries);
        for (const e of entries) if (!journal.byTask.has(e.taskId)) journal.byTask.set(e.taskId, e);
        const { taken, skipped } = applyAnswers(state, answers, defaults);
        await saveState(cfg.workdir, state);
        if (!cfg.simulateHumans) reporter.info(`took in ${taken} answer(s)${skipped ? `, ${skipped} skipped` : ""} (${got.from ?? cfg.queuePath})`);
      }
      for (const p of got.problems) reporter.warn(formatIssue(p));
      if (state.pending.length > 0) {
        await writeQueue(cfg.queuePath, state.pending, queueContext(manifest, state, cfg, deps, got.rejected));
        return summary("waiting", manifest, state, cfg, answerProblems, `waiting for ${state.pending.length} answer(s) in ${cfg.queuePath}${thenRun(cfg)}`);
      }
    }
    const status = rowStatus(manifest.rows, state);
    if (status.unlabeled === 0) {
      reporter.step("writing the output manifest");
      await writeOutputManifest(cfg.outputPath, manifest, outputContext(manifest, state, cfg, deps), cfg.textColumn);
      return summary("complete", manifest, state, cfg, answerProblems, cfg.outputPath === "-" ? "output complete: written to stdout" : `output complete: ${cfg.outputPath}`);
    }
    if (roundsThisRun >= cfg.maxRounds) {
      return summary("stopped", manifest, state, cfg, answerProblems, `stopped after --max-rounds ${cfg.maxRounds}; ${status.unlabeled} row(s) still unlabeled`);
    }
    roundsThisRun++;
    const record = await playRound(manifest, state, status, cfg, deps);
    state.rounds.push(record);
    await saveState(cfg.workdir, state);
    reporter.round(record, manifest.rows.length);
    // Nobody was asked anything, so no new label will come: another round would train on the same human
    // labels and only shuffle machine labels near its thresholds (with --self-training, new machine labels
    // still teach the next round). Stop, unless every row is labeled now.
    if (record.queued === 0 && (record.autoLabeled === 0 || !cfg.selfTraining) && rowStatus(manifest.rows, state).unlabeled > 0) {
      return summary("stopped", manifest, state, cfg, answerProblems, stopMessage(record, cfg));
    }
    // go on without people when the journal already holds answers for this round (a rebuilt state)
    if (state.pending.length > 0 && !cfg.simulateHumans && journaledAnswers(journal.byTask, state.pending).length === 0) {
      await writeQueue(cfg.queuePath, state.pending, queueContext(manifest, state, cfg, deps));
      return summary("waiting", manifest, state, cfg, answerProblems, `${state.pending.length} task(s) for people in ${cfg.queuePath}${thenRun(cfg)}`);
    }
  }
}

/**
 * The answers people gave since the last run: the queue file's filled lines and the answers inbox
 * (`al-label answer`, `al-label label`), merged by gatherAnswers. Lines that cannot be taken are
 * copied to answers-rejected.jsonl before the queue file is rewritten, and inbox answers found
 * conflicting are withdrawn with an undo event, so each problem is reported once and nothing is lost.
 */
async function collectAnswers(manifest: Manifest, state: WorkState, cfg: LoopSettings, at: string): Promise<{ answers: Answer[]; problems: DataIssue[]; rejected?: Map<string, { answer: unknown; problem: string }>; from?: string }> {
  if (cfg.simulateHumans) {
    const sim = simulatedAnswers(state, manifest.rows, manifest.labels, manifest.path, cfg.simulateHumans);
    if (sim.problems.length > 0) throw new DataError(sim.problems, `--simulate-humans ${cfg.simulateHumans}: ${sim.problems.length} row(s) cannot be answered`);
    return sim;
  }
  const taken = new Set(Object.values(state.human).map((h) => h.taskId));
  const queue = await readAnswersFile(cfg.queuePath, manifest.labels, state.pending, taken);
  const inbox = await readInbox(cfg.workdir, manifest.labels);
  const got = gatherAnswers({ queue, inbox, inboxFile: inboxPath(cfg.workdir), labels: manifest.labels, pending: state.pending, human: state.human, at });
  await appendJsonLines(join(cfg.workdir, REJECTED_FILE), got.rejectedLines.map((r) => ({ schemaVersion: INBOX_SCHEMA_VERSION, ...r, at })));
  await appendInbox(cfg.workdir, got.undo);
  const from = [got.taken.queue ? `${got.taken.queue} from ${cfg.queuePath}` : "", got.taken.inbox ? `${got.taken.inbox} from ${inboxPath(cfg.workdir)}` : ""].filter(Boolean).join(", ");
  return { ...got, from };
}

/**
 * Takes answers already in the journal for tasks the state still has waiting: a run killed between
 * journaling answers and saving the state, or a state rebuilt by playing the rounds again.
 */
async function takeJournaled(state: WorkState, byTask: ReadonlyMap<string, JournalEntry>, cfg: LoopSettings, reporter: Reporter): Promise<void> {
  const answers = journaledAnswers(byTask, state.pending);
  if (answers.length === 0) return;
  applyAnswers(state, answers, { annotator: "unknown", at: "" });
  await saveState(cfg.workdir, state);
  if (!cfg.simulateHumans) reporter.info(`took ${answers.length} answer(s) from ${answerJournalFile(cfg.workdir)} that the last run journaled but did not finish taking in`);
}

function queueContext(manifest: Manifest, state: WorkState, cfg: LoopSettings, deps: LoopDeps, rejected?: Map<string, { answer: unknown; problem: string }>) {
  return {
    job: cfg.jobName,
    round: state.round,
    labels: manifest.labels,
    createdAt: groundTruthDate(deps.clock()),
    textOf: (id: number) => manifest.rows[id]?.text ?? "",
    rejected,
  };
}

function outputContext(manifest: Manifest, state: WorkState, cfg: LoopSettings, deps: LoopDeps) {
  return {
    labelAttribute: cfg.labelAttribute,
    jobName: cfg.jobName,
    labels: manifest.labels,
    now: groundTruthDate(deps.clock()),
    labelOf: (id: number): OutputLabel | undefined => {
      const h = state.human[String(id)];
      if (h) return { label: h.label, confidence: 1, human: true, at: h.at };
      const m = state.machine[String(id)];
      return m ? { label: m.label, confidence: m.confidence, human: false, at: m.at } : undefined;
    },
  };
}

function summary(status: LoopResult["status"], manifest: Manifest, state: WorkState, cfg: LoopSettings, answerProblems: DataIssue[], message: string): LoopResult {
  const s = rowStatus(manifest.rows, state);
  return {
    status,
    rows: manifest.rows.length,
    human: s.humanRows.length,
    machine: s.machineCount,
    inputLabeled: s.inputLabeled,
    unlabeled: s.unlabeled,
    waitingTasks: state.pending.length,
    rounds: state.rounds,
    output: status === "complete" ? cfg.outputPath : null,
    queue: status === "waiting" ? cfg.queuePath : null,
    answerProblems,
    conflicts: conflictingDuplicates(manifest.rows, state.human, manifest.labels),
    message,
  };
}

/** The next step when people must answer: the exact command that takes the answers in. */
const thenRun = (cfg: LoopSettings): string => (cfg.next ? `; answer them (al-label label, al-label answer, or in the file), then: ${cfg.next}` : "");

/** Why nothing more can happen, and what labeling the rest by machine would cost in accuracy. */
function stopMessage(record: RoundRecord, cfg: LoopSettings): string {
  const rest = record.restEstimatedAccuracy;
  const how = rest == null ? "" : `; labeled by the model now they would be about ${(100 * rest).toFixed(1)}% right (see --target-accuracy)`;
  if (cfg.maxHuman !== undefined && record.humanLabels >= cfg.maxHuman) {
    return `the human budget (--max-human ${cfg.maxHuman}) is spent: ${record.unlabeledLeft} row(s) are still unlabeled${how}`;
  }
  return `no row could be labeled or queued this round (every remaining row was skipped by people): ${record.unlabeledLeft} row(s) unlabeled${how}`;
}
