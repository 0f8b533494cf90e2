import { describe, expect, it } from "vitest";
import { createProgram } from "../../../src/cli/program.js";
import { parseFlags } from "../../../src/cli/parse-flags.js";
import { RUN_OPTIONS } from "../../../src/cli/run-options.js";
import { mergeConfig } from "../../../src/config/resolve.js";
import type { RunConfig } from "../../../src/config/run-config.js";

/** The run config the CLI builds from these arguments (commander's parse, the option table, the defaults). */
function configFrom(args: string[]): RunConfig {
  const run = createProgram({ setExitCode: () => {}, exitOverride: true }).commands.find((c) => c.name() === "run");
  if (!run) throw new Error("no run command");
  run.parseOptions(args);
  return mergeConfig(parseFlags<RunConfig>(run.opts(), RUN_OPTIONS));
}

describe("run flags", () => {
  it("pseudo-labels are on by default and --no-pseudo-labels turns them off", () => {
    expect(configFrom([]).pseudoLabels).toBe(true);
    expect(configFrom(["--no-pseudo-labels"]).pseudoLabels).toBe(false);
  });

  it("parses numbers and keeps the defaults of flags not given", () => {
    const cfg = configFrom(["--audit-rate", "0.05", "--folds", "4"]);
    expect(cfg.auditRate).toBe(0.05);
    expect(cfg.folds).toBe(4);
    expect(cfg.repeats).toBe(3);
    expect(cfg.model).toBe("dense");
  });
});
