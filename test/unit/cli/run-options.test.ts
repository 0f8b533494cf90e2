import { describe, expect, it } from "vitest";
import { createProgram } from "../../../src/cli/program.js";
import { parseFlags } from "../../../src/cli/parse-flags.js";
import { RUN_OPTIONS } from "../../../src/cli/run-options.js";
import { mergeConfig } from "../../../src/config/resolve.js";
import { pseudoLabelsByDefault, repeatsByDefault, type RunConfig } from "../../../src/config/run-config.js";

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

  it("cross-fitting runs once with an encoder and three times with --encoder none, unless --repeats says", () => {
    expect(configFrom([]).repeats).toBeUndefined();
    expect(repeatsByDefault(configFrom([]))).toBe(1);
    expect(repeatsByDefault(configFrom(["--encoder", "some/folder"]))).toBe(1);
    expect(repeatsByDefault(configFrom(["--encoder", "none"]))).toBe(3);
    expect(repeatsByDefault(configFrom(["--encoder", "none", "--repeats", "2"]))).toBe(2);
    expect(repeatsByDefault(configFrom(["--repeats", "4"]))).toBe(4);
  });
});
