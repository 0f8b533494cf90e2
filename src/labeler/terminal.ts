import { emitKeypressEvents } from "node:readline";
import { press, type Effect, type Key, type LabelerState } from "./machine.js";
import { render } from "./render.js";
import { colorsFor } from "../util/color.js";

export interface TerminalIo {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  now: () => number;
}

const CLEAR = "\u001b[2J\u001b[H";

/**
 * Drives the state machine from key presses in raw mode. Each key's effects are saved (awaited)
 * before the next screen is drawn and before the next key is handled; if saving fails, the state
 * goes back to what it was and the error is shown, so the screen never claims an unsaved answer.
 */
export function runLabeler(initial: LabelerState, io: TerminalIo, save: (effect: Effect) => Promise<void>): Promise<LabelerState> {
  const { input, output } = io;
  const started = io.now();
  let state = initial;
  const color = colorsFor(output);
  const draw = (): void => {
    output.write(`${CLEAR}${render(state, { elapsedMs: io.now() - started, columns: output.columns ?? 80, color })}\n`);
  };
  return new Promise((resolve, reject) => {
    let chain = Promise.resolve();
    const finish = (): void => {
      input.off("keypress", onKey);
      if (input.isTTY) input.setRawMode(false);
      input.pause();
      resolve(state);
    };
    const handle = async (key: Key): Promise<void> => {
      if (state.finished) return;
      const before = state;
      const step = press(state, key);
      try {
        for (const e of step.effects) await save(e);
        state = step.state;
      } catch (err) {
        state = { ...before, message: `NOT SAVED: ${(err as Error).message}` };
      }
      draw();
      if (state.finished) finish();
    };
    const onKey = (_str: string | undefined, key: Key | undefined): void => {
      const k: Key = key ?? { sequence: _str };
      chain = chain.then(() => handle(k)).catch(reject);
    };
    emitKeypressEvents(input);
    if (input.isTTY) input.setRawMode(true);
    input.on("keypress", onKey);
    input.resume();
    draw();
    if (state.finished) finish();
  });
}
