import { copyFile, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { nullReporter } from "../../src/report/reporter.js";
import { tempDir } from "./temp-dir.js";

export const FIXTURE = resolve(import.meta.dirname, "../../fixtures/manifests/uci-2000.jsonl");
export const PINNED_CLOCK = () => new Date(Date.UTC(2026, 10, 23, 12, 0, 0));

/** A fresh temp folder holding a copy of the 2,000-row UCI fixture. */
export async function fixtureCopy(): Promise<{ dir: string; manifest: string }> {
  const dir = await tempDir("al-label-test-");
  const manifest = join(dir, "uci.jsonl");
  await copyFile(FIXTURE, manifest);
  return { dir, manifest };
}

export const quiet = { reporter: nullReporter, clock: PINNED_CLOCK };

export async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path, "utf8"))
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
