import type { ChalkInstance } from "chalk";
import { colorsFor } from "../util/color.js";
import { stripTerminalControls, terminalLine } from "../util/terminal-text.js";
import { current, keysHelp, ratePerMinute, type LabelerState } from "./machine.js";

export interface Frame {
  /** ms since the session started, for the rate */
  elapsedMs: number;
  columns: number;
  /** colours for the output stream (util/color.ts: NO_COLOR, FORCE_COLOR); default: stdout's */
  color?: ChalkInstance;
}

/** Longest text shown: a manifest row can be a whole document. */
const MAX_TEXT = 3000;

/**
 * The screen for a state (pure but for the colours, which are dropped when the terminal has none or
 * NO_COLOR is set: frame.color). Every string from the queue, the manifest or the label set is untrusted: controls stripped.
 */
export function render(s: LabelerState, frame: Frame): string {
  const chalk = frame.color ?? colorsFor(process.stdout);
  const width = Math.max(40, Math.min(frame.columns, 160));
  const total = s.answeredBefore + s.tasks.length;
  const done = s.answeredBefore + s.given.length;
  const rate = ratePerMinute(s.given.length, frame.elapsedMs);
  const head = `al-label label · ${done} of ${total} answered · ${s.given.length} this session${rate === null ? "" : ` · ${rate.toFixed(1)} tasks/min`}`;
  const out: string[] = [chalk.bold(terminalLine(head, width)), ""];
  const task = current(s);
  if (!task) {
    out.push(chalk.green(terminalLine(s.message ?? "nothing left to label", width)), "");
    return out.join("\n");
  }
  out.push(chalk.dim(terminalLine(`task ${task.taskId} · row ${task.rowId} · ${task.reason} · ${s.position + 1} of ${s.tasks.length} in this session`, width)), "");
  out.push(...wrap(shownText(task.text), width - 2).map((l) => `  ${l}`), "");
  if (task.note) out.push(chalk.yellow(terminalLine(`earlier answer not taken: ${task.note}`, width)), "");
  if (task.suggestion) {
    const name = s.labels[task.suggestion.label] ?? String(task.suggestion.label);
    out.push(`suggestion: ${chalk.cyan(terminalLine(name, 60))} (${(100 * task.suggestion.confidence).toFixed(0)}%)  ${chalk.dim("[Enter accepts]")}`);
  } else {
    out.push(chalk.dim("no suggestion"));
  }
  out.push("");
  s.labels.forEach((label, i) => {
    const mark = task.suggestion?.label === i ? chalk.cyan("*") : " ";
    out.push(`${mark} ${chalk.bold(String(i + 1).padStart(2))}  ${terminalLine(label, width - 8)}`);
  });
  out.push("", chalk.dim(terminalLine(keysHelp(s), width)));
  if (s.digits) out.push(chalk.yellow(`typed: ${s.digits}`));
  if (s.message) out.push(chalk.yellow(terminalLine(s.message, width)));
  return out.join("\n");
}

function shownText(text: string): string {
  const clean = stripTerminalControls(text).replace(/\t/g, " ").trim();
  return clean.length > MAX_TEXT ? `${clean.slice(0, MAX_TEXT - 1)}…` : clean;
}

/** Greedy word wrap; long words are cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (const word of para.split(/ +/)) {
      for (let w = word; w.length > 0; ) {
        const room = line ? width - line.length - 1 : width;
        if (w.length <= room) {
          line = line ? `${line} ${w}` : w;
          w = "";
        } else if (line) {
          lines.push(line);
          line = "";
        } else {
          lines.push(w.slice(0, width));
          w = w.slice(width);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}
