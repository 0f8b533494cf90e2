import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// scripts/pack-test.mjs: npm pack, install the tarball offline into a temporary folder (dependencies from the npm
// cache the project's npm install filled), and run the README tour's commands from the installed copy.
describe("the npm package", () => {
  it("installs offline from its tarball and runs the tour: run, answer, status, report", () => {
    const res = spawnSync(process.execPath, [resolve(import.meta.dirname, "../../scripts/pack-test.mjs")], { encoding: "utf8" });
    expect(res.stderr).toContain("packaging test passed");
    expect(res.status).toBe(0);
  });
});
