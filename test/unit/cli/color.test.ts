import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { colorLevel, colorsFor } from "../../../src/util/color.js";
import { render } from "../../../src/labeler/render.js";
import { initialState } from "../../../src/labeler/machine.js";
import { createTtyReporter } from "../../../src/report/reporters.js";
import { rowId } from "../../../src/manifest/types.js";

const tty = { isTTY: true, getColorDepth: () => 8 };
const pipe = { isTTY: false };
const ESC = "\u001b[";

function screen(env: NodeJS.ProcessEnv, stream: Parameters<typeof colorLevel>[0] = tty): string {
  const state = initialState([{ taskId: "r1-000000", rowId: rowId(0), reason: "bootstrap", text: "hello", suggestion: { label: 0, confidence: 0.8 } }], ["ham", "spam"]);
  return render(state, { elapsedMs: 0, columns: 80, color: colorsFor(stream, env) });
}

describe("NO_COLOR and FORCE_COLOR (issue 18, item 8)", () => {
  it("colorLevel: FORCE_COLOR wins, then NO_COLOR, then whether the stream is a terminal", () => {
    expect(colorLevel(tty, {})).toBe(2);
    expect(colorLevel(tty, { NO_COLOR: "1" })).toBe(0);
    expect(colorLevel(tty, { NO_COLOR: "" })).toBe(2); // empty: not set (no-color.org)
    expect(colorLevel(pipe, {})).toBe(0);
    expect(colorLevel(pipe, { FORCE_COLOR: "1" })).toBe(1);
    expect(colorLevel(pipe, { FORCE_COLOR: "" })).toBe(1);
    expect(colorLevel(pipe, { FORCE_COLOR: "3" })).toBe(3);
    expect(colorLevel(tty, { FORCE_COLOR: "0" })).toBe(0);
    expect(colorLevel(tty, { FORCE_COLOR: "false" })).toBe(0);
    expect(colorLevel(tty, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(1);
    expect(colorLevel(tty, { TERM: "dumb" })).toBe(0);
  });

  it("the labeler's screen has no colour codes under NO_COLOR, and has them on a terminal or with FORCE_COLOR", () => {
    expect(screen({ NO_COLOR: "1" })).not.toContain(ESC);
    expect(screen({ NO_COLOR: "1" })).toContain("suggestion: ham (80%)");
    expect(screen({})).toContain(ESC);
    expect(screen({ FORCE_COLOR: "1" }, pipe)).toContain(ESC);
    expect(screen({}, pipe)).not.toContain(ESC);
  });

  it("run's progress lines on a terminal have no colour codes under NO_COLOR", () => {
    const written: string[] = [];
    const stream = Object.assign(
      new Writable({
        write(chunk, _enc, done) {
          written.push(String(chunk));
          done();
        },
      }),
      { isTTY: true, columns: 80, getColorDepth: () => 8 },
    ) as unknown as NodeJS.WriteStream;
    const plain = createTtyReporter(stream, { NO_COLOR: "1" });
    plain.warn("careful");
    plain.info("note");
    expect(written.join("")).toBe("warning: careful\nnote\n");
    written.length = 0;
    createTtyReporter(stream, {}).warn("careful");
    expect(written.join("")).toContain(ESC);
  });
});
