import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative } from "node:path";

/** Every file and folder under `dir` with its size, mtime and content hash: equal snapshots mean nothing was touched. */
export async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  async function walk(d: string): Promise<void> {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      const s = await stat(p);
      if (entry.isDirectory()) {
        out[`${relative(dir, p)}/`] = `dir ${s.mtimeMs}`;
        await walk(p);
      } else {
        out[relative(dir, p)] = `${s.size} ${s.mtimeMs} ${createHash("sha256").update(await readFile(p)).digest("hex")}`;
      }
    }
  }
  await walk(dir);
  return out;
}
