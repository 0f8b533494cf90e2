import { describe, expect, it } from "vitest";
import { chooseWorkdir, workdirNames } from "../../../src/state/workdir-name.js";
import { nextRunCommand } from "../../../src/state/next-command.js";

describe("default work dir names", () => {
  it("keep the manifest's extension, so pp2.csv and pp2.jsonl never share one", () => {
    expect(workdirNames("/d/pp2.csv").current).toBe("/d/pp2.csv.al-label");
    expect(workdirNames("/d/pp2.jsonl").current).toBe("/d/pp2.jsonl.al-label");
    expect(workdirNames("/d/pp2.csv").legacy).toBe("/d/pp2.al-label");
  });

  it("an older pp2.al-label is used only when its state was started for this manifest", () => {
    expect(chooseWorkdir("/d/pp2.csv", { current: false, legacyManifest: "/d/pp2.csv" })).toBe("/d/pp2.al-label");
    expect(chooseWorkdir("/d/pp2.csv", { current: false, legacyManifest: "/old/place/pp2.csv" })).toBe("/d/pp2.al-label"); // folder moved
    expect(chooseWorkdir("/d/pp2.jsonl", { current: false, legacyManifest: "/d/pp2.csv" })).toBe("/d/pp2.jsonl.al-label");
    expect(chooseWorkdir("/d/pp2.csv", { current: true, legacyManifest: "/d/pp2.csv" })).toBe("/d/pp2.csv.al-label");
    expect(chooseWorkdir("/d/pp2.csv", { current: false })).toBe("/d/pp2.csv.al-label");
  });

  it("the next command names --workdir, --queue and --output only where a run would not find them", () => {
    expect(nextRunCommand("/d/pp2.csv", "/d/pp2.csv.al-label")).toBe("al-label run /d/pp2.csv");
    expect(nextRunCommand("/d/pp2.csv", "/d/pp2.al-label")).toBe("al-label run /d/pp2.csv");
    expect(nextRunCommand("/d/my data.csv", "/w")).toBe("al-label run '/d/my data.csv' --workdir /w");
    expect(nextRunCommand("/d/a.csv", "/d/a.csv.al-label", { queue: "/q.jsonl", output: "/d/a.csv.al-label/output.jsonl" })).toBe("al-label run /d/a.csv --queue /q.jsonl");
  });
});
