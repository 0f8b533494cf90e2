import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { countProgress } from "../../../src/report/progress.js";
import { createPlainReporter, PLAIN_STEP_INTERVAL_MS } from "../../../src/report/reporters.js";
import { nullReporter } from "../../../src/report/reporter.js";

function sink(): { stream: Writable; text: () => string } {
  let out = "";
  const stream = new Writable({ write(chunk, _enc, cb) { out += String(chunk); cb(); } });
  return { stream, text: () => out };
}

describe("progress", () => {
  it("reports the count and the time left from the rate so far", () => {
    let t = 0;
    const steps: string[] = [];
    const p = countProgress({ ...nullReporter, step: (s) => steps.push(s) }, "round 2", "fold model", () => t);
    p(0, 15);
    t = 10_000;
    p(5, 15);
    p(15, 15);
    expect(steps).toEqual(["round 2: fold model 0/15", "round 2: fold model 5/15, 20 s left", "round 2: fold model 15/15"]);
  });

  it("prints plain progress lines only on long work, at a low rate, without terminal controls", () => {
    let t = 0;
    const out = sink();
    const r = createPlainReporter(out.stream as unknown as NodeJS.WritableStream, () => t);
    r.step("short work");
    t = PLAIN_STEP_INTERVAL_MS - 1;
    r.step("still short");
    t = PLAIN_STEP_INTERVAL_MS + 1;
    r.step("long \u001b[2Jwork");
    r.step("right after");
    expect(out.text()).toBe("long work\n");
  });
});
