import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { initialState, press, ratePerMinute, type Key, type LabelerState, type LabelerTask } from "../../src/labeler/machine.js";
import { render, wrap } from "../../src/labeler/render.js";
import { label, prepareLabeling } from "../../src/cli/commands/label.js";
import { run } from "../../src/cli/commands/run.js";
import { readInbox } from "../../src/queue/inbox.js";
import { loadState } from "../../src/state/store.js";
import { fixtureCopy, quiet as quietReporter } from "../helpers/fixture-run.js";

// fastText (milliseconds a model): these tests are about the labeler, not models, and npm test must stay short
const quiet = { ...quietReporter, model: "fasttext" } as const;

const LABELS = ["business", "entertainment", "health", "science_technology"];
const tasks: LabelerTask[] = [0, 1, 2].map((i) => ({ taskId: `r1-00000${i}`, rowId: i, reason: "uncertain", text: `text ${i}`, suggestion: i === 2 ? null : { label: 2, confidence: 0.6 } }));
const ch = (c: string): Key => ({ sequence: c, name: c });
const ENTER: Key = { name: "return", sequence: "\r" };
const keys = (s: LabelerState, ...ks: Key[]) => ks.reduce<{ s: LabelerState; effects: string[] }>(
  (acc, k) => {
    const step = press(acc.s, k);
    return { s: step.state, effects: [...acc.effects, ...step.effects.map((e) => (e.kind === "quit" ? "quit" : `${e.kind}:${e.task.taskId}:${e.label}`))] };
  },
  { s, effects: [] },
);

describe("the labeler's state machine", () => {
  it("answers with a number key, accepts the suggestion with Enter, skips with s", () => {
    const { s, effects } = keys(initialState(tasks, LABELS), ch("2"), ENTER, ch("s"));
    expect(effects).toEqual(["answer:r1-000000:1", "answer:r1-000001:2", "answer:r1-000002:null"]);
    expect(s.finished).toBe(true);
    expect(s.position).toBe(3);
  });

  it("undoes the last answer, going back to its task, and carries on from the first open task", () => {
    const { s, effects } = keys(initialState(tasks, LABELS), ch("1"), ch("3"), ch("u"));
    expect(effects).toEqual(["answer:r1-000000:0", "answer:r1-000001:2", "undo:r1-000001:2"]);
    expect(s.position).toBe(1);
    const again = keys(s, ch("u"), ch("u"));
    expect(again.effects).toEqual(["undo:r1-000000:0"]);
    expect(again.s.message).toMatch(/nothing to undo/);
    expect(keys(again.s, ch("4")).s.position).toBe(1);
  });

  it("refuses Enter without a suggestion and a number with no label, changing nothing", () => {
    const at2 = keys(initialState(tasks, LABELS), ch("1"), ch("1")).s;
    const { s, effects } = keys(at2, ENTER, ch("7"), ch("x"));
    expect(effects).toEqual([]);
    expect(s.position).toBe(2);
    expect(s.message).toMatch(/keys:/);
  });

  it("quits on q and on Ctrl-C, and then takes no more keys", () => {
    const q = keys(initialState(tasks, LABELS), ch("q"), ch("1"));
    expect(q.effects).toEqual(["quit"]);
    expect(q.s.finished).toBe(true);
    expect(keys(initialState(tasks, LABELS), { name: "c", ctrl: true }).effects).toEqual(["quit"]);
  });

  it("with more than 9 labels, collects digits until Enter or until no longer number fits", () => {
    const many = Array.from({ length: 12 }, (_, i) => `l${i}`);
    const one = keys(initialState(tasks, many), ch("1"));
    expect(one.effects).toEqual([]);
    expect(one.s.digits).toBe("1");
    expect(keys(one.s, ch("2")).effects).toEqual(["answer:r1-000000:11"]);
    expect(keys(one.s, ENTER).effects).toEqual(["answer:r1-000000:0"]);
    expect(keys(initialState(tasks, many), ch("5")).effects).toEqual(["answer:r1-000000:4"]);
  });

  it("gives the rate in tasks per minute only once there is one", () => {
    expect(ratePerMinute(0, 1000)).toBeNull();
    expect(ratePerMinute(3, 60_000)).toBe(3);
  });

  it("shows untrusted text and labels with terminal controls stripped", () => {
    const evil: LabelerTask = { taskId: "r1-000001\u001b]0;pwned\u0007", rowId: 1, reason: "uncertain", text: "hello \u001b[2Jworld\u001b[31m red", suggestion: { label: 0, confidence: 0.5 } };
    const screen = render(initialState([evil], ["a\u001b[1Ab", "c"]), { elapsedMs: 0, columns: 80 });
    // chalk may add its own colour codes: only those (SGR "m" sequences) may remain
    const leftover = screen.replace(/\u001b\[[0-9;]*m/g, "");
    expect(leftover).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(leftover).toContain("hello world red");
    expect(leftover).toContain("ab");
  });

  it("wraps long text at word boundaries", () => {
    expect(wrap("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
  });
});

describe("al-label label", () => {
  it("exits 2 when stdin is not a terminal", async () => {
    const io = { input: { isTTY: false } as NodeJS.ReadStream, output: process.stdout, now: () => 0 };
    await expect(label(undefined, { io })).rejects.toMatchObject({ exitCode: 2, message: expect.stringMatching(/interactive terminal/) });
  });

  it("offers the waiting tasks that have no answer yet, in queue order", async () => {
    const { manifest } = await fixtureCopy();
    await run(manifest, quiet);
    const { state } = await prepareLabeling(manifest, {});
    expect(state.tasks).toHaveLength(100);
    expect(state.answeredBefore).toBe(0);
  });
});

const BIN = resolve(import.meta.dirname, "../../bin/al-label.js");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const built = existsSync(resolve(import.meta.dirname, "../../dist/cli/main.js"));
if (!hasTmux) console.warn("test/cli/label.test.ts: tmux is not installed; the terminal labeler's end-to-end test is skipped (apt-get install tmux)");

describe.skipIf(!hasTmux || !built)("al-label label in a real terminal (tmux)", () => {
  const socket = `al-label-test-${process.pid}`;
  const tmux = (...args: string[]): string => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
  const screen = (): string => tmux("capture-pane", "-p", "-t", "lab");
  async function waitFor(pattern: RegExp): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const s = screen();
      if (pattern.test(s)) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`screen never showed ${pattern}:\n${screen()}`);
  }

  it("labels, skips, undoes and quits; the next run takes the answers in, and a new session resumes", async () => {
    const { dir, manifest } = await fixtureCopy();
    await run(manifest, quiet);
    const { state: before } = await prepareLabeling(manifest, {});
    const [t1, t2, t3] = before.tasks;
    const cmd = `'${process.execPath}' '${BIN}' label '${manifest}' --annotator tmux-user; echo "EXIT=$?"; sleep 20`;
    try {
      tmux("new-session", "-d", "-s", "lab", "-x", "120", "-y", "40", "-c", dir, cmd);
      await waitFor(/0 of 100 answered/);
      tmux("send-keys", "-t", "lab", "2");
      await waitFor(/1 of 100 answered/);
      tmux("send-keys", "-t", "lab", "Enter");
      await waitFor(/2 of 100 answered/);
      tmux("send-keys", "-t", "lab", "s");
      await waitFor(/3 of 100 answered/);
      tmux("send-keys", "-t", "lab", "u");
      await waitFor(/undid/);
      tmux("send-keys", "-t", "lab", "4");
      await waitFor(/3 of 100 answered.*\n[\s\S]*4 of 100 in this session/);
      tmux("send-keys", "-t", "lab", "q");
      const end = await waitFor(/EXIT=\d+/);
      expect(end).toMatch(/EXIT=0/);
      expect(end).toMatch(/saved 3 answer\(s\) and 0 skip\(s\)/);
    } finally {
      spawnSync("tmux", ["-L", socket, "kill-server"]);
    }
    const workdir = join(dir, "uci.jsonl.al-label");
    const inbox = await readInbox(workdir, LABELS);
    expect([...inbox.answers.values()].map((a) => [a.taskId, a.label, a.annotator])).toEqual([
      [t1!.taskId, 1, "tmux-user"],
      [t2!.taskId, t2!.suggestion!.label, "tmux-user"],
      [t3!.taskId, 3, "tmux-user"],
    ]);
    const resumed = await prepareLabeling(manifest, {});
    expect(resumed.state.answeredBefore).toBe(3);
    expect(resumed.state.tasks[0]?.taskId).toBe(before.tasks[3]?.taskId);
    const next = await run(manifest, quiet);
    expect(next.exitCode).toBe(3);
    const state = await loadState(workdir);
    expect(state?.human[String(t3!.rowId)]).toMatchObject({ label: 3, annotator: "tmux-user", taskId: t3!.taskId });
    expect(Object.keys(state?.human ?? {})).toHaveLength(3);
  });
});
