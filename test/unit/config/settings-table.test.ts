import { describe, expect, it } from "vitest";
import { RUN_OPTIONS } from "../../../src/cli/run-options.js";
import { RUN_DEFAULTS } from "../../../src/config/run-config.js";
import { SETTINGS, storedKeys } from "../../../src/config/settings-table.js";
import { storeOf } from "../../../src/config/sticky.js";

describe("the settings table: one rule per RunConfig key", () => {
  it("classifies every key of RunConfig (every run flag), and nothing else", () => {
    // RUN_OPTIONS has an entry for every RunConfig key (its type requires it): a key added to RunConfig
    // without a rule in SETTINGS fails here (and to compile)
    const keys = Object.keys(RUN_OPTIONS).sort();
    expect(Object.keys(SETTINGS).sort()).toEqual(keys);
    for (const key of Object.keys(RUN_DEFAULTS)) expect(SETTINGS).toHaveProperty(key);
    for (const rule of Object.values(SETTINGS)) expect(["fixed", "sticky", "warn", "free"]).toContain(rule.kind);
  });

  it("stores the settings that decide rows and labels, and only those", () => {
    const stored = Object.keys(storeOf(RUN_DEFAULTS, {}));
    for (const key of ["targetAccuracy", "confidence", "model", "strategy", "seed", "policy", "batchSize", "auditRate", "bootstrapFraction", "folds", "repeats", "pseudoLabels", "selfTraining", "maxHuman", "textColumn", "labelColumn", "labelAttribute", "format", "threads", "backend", "engine", "epochs", "hiddenUnits"]) {
      expect(stored).toContain(key);
    }
    for (const key of ["json", "quiet", "output", "queue", "workdir", "maxRounds", "reconfigure", "jobName", "simulateHumans"]) expect(stored).not.toContain(key);
    expect(storedKeys().filter((k) => SETTINGS[k].kind === "warn").sort()).toEqual(["backend", "engine", "threads"]);
  });
});
