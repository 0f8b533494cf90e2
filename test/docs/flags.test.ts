import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { commandFlags, renderFlagsDoc } from "../../src/cli/flags-doc.js";
import { createProgram } from "../../src/cli/program.js";
import { RUN_OPTIONS } from "../../src/cli/run-options.js";
import { TRAIN_OPTIONS } from "../../src/cli/train-options.js";
import { RUN_DEFAULTS } from "../../src/config/run-config.js";
import { TRAIN_DEFAULTS } from "../../src/config/train-config.js";

const root = resolve(import.meta.dirname, "../..");
const program = () => createProgram({ setExitCode: () => {}, exitOverride: true });
const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** The option lines of `al-label <command> --help`, run as a user runs it (dist/ is built by npm test first). */
function helpOf(command: string): { flags: string[]; text: string } {
  const res = spawnSync(process.execPath, [resolve(root, "bin/al-label.js"), command, "--help"], { encoding: "utf8", env: { ...process.env, COLUMNS: "100" } });
  expect(res.status).toBe(0);
  const options = res.stdout.split("\nOptions:\n")[1] ?? "";
  const flags = options
    .split("\n")
    .map((line) => /^ {2}(-\S.*?)(?: {2,}|$)/.exec(line)?.[1])
    .filter((f): f is string => f !== undefined && f !== "-h, --help");
  return { flags, text: squash(options) };
}

describe("docs/flags.md", () => {
  it("is what npm run docs:flags writes (run it and commit the file when this fails)", () => {
    expect(readFileSync(resolve(root, "docs/flags.md"), "utf8")).toBe(renderFlagsDoc(program()));
  });

  it("lists, for every command, exactly the flags and descriptions that --help prints", () => {
    const commands = commandFlags(program());
    expect(commands.map((c) => c.name)).toEqual(expect.arrayContaining(["run", "train", "predict", "answer", "label", "status", "report", "doctor"]));
    for (const cmd of commands) {
      const help = helpOf(cmd.name);
      expect(help.flags, cmd.name).toEqual(cmd.flags.map((f) => f.flags));
      for (const f of cmd.flags) expect(help.text, `${cmd.name} ${f.flags}`).toContain(squash(f.description));
    }
  });

  it("says so in both commands' help where run and train give one flag name different defaults", () => {
    const shared = (Object.keys(RUN_OPTIONS) as string[]).filter((k) => k in TRAIN_OPTIONS);
    const differing = shared.filter((k) => {
      const a = (RUN_DEFAULTS as unknown as Record<string, unknown>)[k];
      const b = (TRAIN_DEFAULTS as unknown as Record<string, unknown>)[k];
      return a !== undefined && b !== undefined && typeof a !== "object" && a !== b && k !== "quiet";
    });
    // a new shared flag with different defaults joins this list, and its two descriptions must say so too
    expect(differing).toEqual(expect.arrayContaining(["epochs", "learningRate", "minCount", "model", "vectorDim", "wordNgrams"]));
    for (const k of differing) {
      expect((RUN_OPTIONS as Record<string, { description: string } | null>)[k]?.description, `run ${k}`).toMatch(/train's default/);
      expect((TRAIN_OPTIONS as Record<string, { description: string } | null>)[k]?.description, `train ${k}`).toMatch(/run's default/);
    }
  });
});
