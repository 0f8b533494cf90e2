import ora, { type Ora } from "ora";
import { describeRound, nullReporter, type Reporter } from "./reporter.js";
import { stripTerminalControls } from "../util/terminal-text.js";
import { colorLevel, colorsFor } from "../util/color.js";

/** Spinner and colours for a person at a terminal. Writes to stderr; stdout stays for results. */
export function createTtyReporter(stream: NodeJS.WriteStream = process.stderr, env: NodeJS.ProcessEnv = process.env): Reporter {
  let spinner: Ora | null = null;
  // NO_COLOR and FORCE_COLOR decide the colours of the lines and of the spinner (ora's own chalk ignores NO_COLOR)
  const chalk = colorsFor(stream, env);
  const spinnerColor = colorLevel(stream, env) > 0 ? "cyan" : false;
  const clear = (): void => {
    spinner?.stop();
    spinner = null;
  };
  return {
    step(text) {
      const clean = stripTerminalControls(text);
      if (!spinner) spinner = ora({ text: clean, stream, color: spinnerColor }).start();
      else spinner.text = clean;
    },
    round(record, total) {
      clear();
      stream.write(`${chalk.green("✔")} ${describeRound(record, total)}\n`);
    },
    info(text) {
      clear();
      stream.write(`${stripTerminalControls(text)}\n`);
    },
    warn(text) {
      clear();
      stream.write(`${chalk.yellow("warning:")} ${stripTerminalControls(text)}\n`);
    },
    stop: clear,
  };
}

/** Plain reporters print a step (progress) line at most this often: logs stay short, long work shows it is alive. */
export const PLAIN_STEP_INTERVAL_MS = 15_000;

/**
 * Plain lines for logs and pipelines: one per round, no spinner, no colour; progress only on long
 * work, at most one line per PLAIN_STEP_INTERVAL_MS (a short run prints none).
 */
export function createPlainReporter(stream: NodeJS.WritableStream = process.stderr, now: () => number = () => performance.now()): Reporter {
  let last = now();
  return {
    step(text) {
      if (now() - last < PLAIN_STEP_INTERVAL_MS) return;
      last = now();
      stream.write(`${stripTerminalControls(text)}\n`);
    },
    round(record, total) {
      stream.write(`${describeRound(record, total)}\n`);
    },
    info(text) {
      stream.write(`${stripTerminalControls(text)}\n`);
    },
    warn(text) {
      stream.write(`warning: ${stripTerminalControls(text)}\n`);
    },
    stop() {},
  };
}

export function createReporter(opts: { quiet: boolean }): Reporter {
  if (opts.quiet) return { ...nullReporter, warn: createPlainReporter().warn };
  // a terminal that reports no width (a pty nobody sized) would make the spinner redraw endlessly
  return process.stderr.isTTY && (process.stderr.columns ?? 0) > 0 ? createTtyReporter() : createPlainReporter();
}
