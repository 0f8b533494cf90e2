import { describe, expect, it } from "vitest";
import { createProgram } from "../../../src/cli/program.js";
import { parseFlags } from "../../../src/cli/parse-flags.js";
import { RUN_OPTIONS } from "../../../src/cli/run-options.js";
import { mergeConfig } from "../../../src/config/resolve.js";
import { pseudoLabelsByDefault, type RunConfig } from "../../../src/config/run-config.js";
import { repeatsRule } from "../../../src/loop/repeats.js";

/** The run config the CLI builds from these arguments (commander's parse, the option table, the defaults). */
function configFrom(args: string[]): RunConfig {
  const run = createProgram({ setExitCode: () => {}, exitOverride: true }).commands.find((c) => c.name() === "run");
  if (!run) throw new Error("no run command");
  run.parseOptions(args);
  return mergeConfig(parseFlags<RunConfig>(run.opts(), RUN_OPTIONS));
}

describe("run flags", () => {
  it("pseudo-labels are on by default with the dense model, off with fasttext, and the flags override both", () => {
    expect(pseudoLabelsByDefault(configFrom([]))).toBe(true);
    expect(pseudoLabelsByDefault(configFrom(["--model", "fasttext"]))).toBe(false);
    expect(pseudoLabelsByDefault(configFrom(["--no-pseudo-labels"]))).toBe(false);
    expect(pseudoLabelsByDefault(configFrom(["--model", "fasttext", "--pseudo-labels"]))).toBe(true);
    expect(configFrom(["--model", "fasttext"]).pseudoLabels).toBeUndefined();
  });

  it("parses numbers and keeps the defaults of flags not given", () => {
    const cfg = configFrom(["--audit-rate", "0.05", "--folds", "4"]);
    expect(cfg.auditRate).toBe(0.05);
    expect(cfg.folds).toBe(4);
    expect(cfg.model).toBe("dense+nb");
  });

  it("--repeats takes a number or auto; left out, the rule decides: by rows per class with an encoder, 3 with --encoder none", () => {
    expect(configFrom([]).repeats).toBeUndefined();
    expect(configFrom(["--repeats", "auto"]).repeats).toBe("auto");
    expect(configFrom(["--repeats", "4"]).repeats).toBe(4);
    expect(() => configFrom(["--repeats", "0"])).toThrow(/--repeats must be auto or an integer from 1 to 20/);
    expect(() => configFrom(["--repeats", "two"])).toThrow(/--repeats must be auto or an integer/);
    expect(repeatsRule(configFrom([]).repeats, true, configFrom([]).model)).toBe("by-rows-per-class");
    expect(repeatsRule(configFrom(["--model", "fasttext"]).repeats, true, "fasttext")).toBe(2);
    expect(repeatsRule(configFrom(["--repeats", "auto"]).repeats, false, "dense+nb")).toBe(3);
    expect(repeatsRule(configFrom(["--encoder", "none", "--repeats", "2"]).repeats, false, "dense+nb")).toBe(2);
  });
});
