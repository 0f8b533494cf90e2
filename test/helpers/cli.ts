import { spawnSync } from "node:child_process";
import { copyFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { tempDir } from "./temp-dir.js";

const BIN = resolve(import.meta.dirname, "../../bin/al-label.js");

/** The built al-label in a child process, creation dates pinned; `input` is its stdin. */
export function cli(args: string[], opts: { cwd?: string; input?: string } = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd, input: opts.input ?? "", encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1795435200" } });
}

/** A temp folder holding copies of small fixtures (300 rows of the UCI sample: 49 labeled, gold in `gold`). */
export async function smallFixtures(names: string[] = ["uci-300.csv"]): Promise<string> {
  const dir = await tempDir("al-label-cli-");
  for (const n of names) await copyFile(resolve(import.meta.dirname, "../../fixtures/manifests", n), join(dir, n));
  return dir;
}

/** Fast loop settings for tests: three big batches, cheap cross-fitting. */
export const FAST = ["--batch-size", "100", "--folds", "2", "--repeats", "1"];
