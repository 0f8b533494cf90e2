import chalk from "chalk";
import ora, { type Ora } from "ora";
import { describeRound, nullReporter, type Reporter } from "./reporter.js";
import { stripTerminalControls } from "../util/terminal-text.js";

/** Spinner and colours for a person at a terminal. Writes to stderr; stdout stays for results. */
export function createTtyReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  let spinner: Ora | null = null;
  const clear = (): void => {
    spinner?.stop();
    spinner = null;
  };
  return {
    step(text) {
      if (!spinner) spinner = ora({ text, stream }).start();
      else spinner.text = text;
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

/** Plain lines for logs and pipelines: one per round, no spinner, no colour. */
export function createPlainReporter(stream: NodeJS.WritableStream = process.stderr): Reporter {
  return {
    step() {},
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
  return process.stderr.isTTY ? createTtyReporter() : createPlainReporter();
}
