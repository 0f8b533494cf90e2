import { describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { run } from "../../src/cli/commands/run.js";
import { quiet } from "../helpers/fixture-run.js";
import { tempDir } from "../helpers/temp-dir.js";

const BIN = resolve(import.meta.dirname, "../../bin/al-label.js");
const hasTmux = spawnSync("tmux", ["-V"]).status === 0;
const built = existsSync(resolve(import.meta.dirname, "../../dist/cli/main.js"));

/** A work dir waiting for bootstrap answers: 6 labeled rows of 2 classes and 20 unlabeled ones (no training needed). */
async function waitingDir(): Promise<{ dir: string; manifest: string }> {
  const dir = await tempDir("al-label-color-");
  const manifest = join(dir, "m.jsonl");
  const rows = [
    ...[0, 1, 2].flatMap((i) => [{ source: `free prize ${i}`, category: "spam" }, { source: `see you ${i}`, category: "ham" }]),
    ...Array.from({ length: 20 }, (_, i) => ({ source: `message number ${i}` })),
  ];
  await writeFile(manifest, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  expect((await run(manifest, { ...quiet, bootstrapFraction: 0.5 })).exitCode).toBe(3);
  return { dir, manifest };
}

// SGR sequences (colours, bold, dim) as tmux's capture-pane -e writes them
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/;

describe.skipIf(!hasTmux || !built)("NO_COLOR in a real terminal (issue 18, item 8)", () => {
  let sessions = 0;

  async function labelScreen(env: string): Promise<string> {
    const { dir, manifest } = await waitingDir();
    return screenOf(dir, `env -u FORCE_COLOR ${env} '${process.execPath}' '${BIN}' label '${manifest}'; sleep 20`, (s) => /0 of \d+ answered/.test(s) && /\[Enter accepts\]|no suggestion/.test(s));
  }

  async function screenOf(dir: string, cmd: string, ready: (screen: string) => boolean): Promise<string> {
    // a server per screen: a server being killed cannot take the next session down with it
    const socket = `al-label-color-${process.pid}-${sessions++}`;
    const tmux = (...args: string[]): string => execFileSync("tmux", ["-L", socket, ...args], { encoding: "utf8" });
    try {
      tmux("new-session", "-d", "-s", "c", "-x", "100", "-y", "40", "-c", dir, cmd);
      for (let i = 0; i < 200; i++) {
        const s = tmux("capture-pane", "-e", "-J", "-p", "-t", "c");
        if (ready(s)) return s;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the screen never got ready:\n${tmux("capture-pane", "-p", "-t", "c")}`);
    } finally {
      spawnSync("tmux", ["-L", socket, "kill-server"]);
    }
  }

  it("the labeler draws no colour with NO_COLOR set, and colours without it", async () => {
    expect(await labelScreen("NO_COLOR=1 TERM=xterm-256color")).not.toMatch(SGR);
    expect(await labelScreen("TERM=xterm-256color")).toMatch(SGR);
  }, 60_000);

  it("run's warnings on a terminal carry no colour with NO_COLOR set, and colours without it", async () => {
    const dir = await tempDir("al-label-color-run-");
    const manifest = join(dir, "m.jsonl");
    // a byte-order mark: a warning, printed by the terminal reporter
    const rows = [0, 1, 2].flatMap((i) => [{ source: `free prize ${i}`, category: "spam" }, { source: `see you ${i}`, category: "ham" }]);
    await writeFile(manifest, `\uFEFF${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const cmd = (env: string): string => `env -u FORCE_COLOR ${env} '${process.execPath}' '${BIN}' run '${manifest}' --workdir w-$RANDOM; echo EXIT=$?; sleep 20`;
    const ready = (s: string): boolean => /EXIT=\d+/.test(s);
    const plain = await screenOf(dir, cmd("NO_COLOR=1 TERM=xterm-256color"), ready);
    expect(plain).toMatch(/warning: .*byte-order mark/);
    expect(plain).not.toMatch(SGR);
    expect(await screenOf(dir, cmd("TERM=xterm-256color"), ready)).toMatch(SGR);
  }, 60_000);
});
