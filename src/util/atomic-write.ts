import { open, rename, unlink, mkdir } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { IoError } from "../errors.js";

/**
 * Replaces `path` with `data` so that a reader (or a run resumed after kill -9) sees either the
 * old file or the new one, never a torn mix: write a temporary file beside it, fsync, rename,
 * fsync the folder. On failure (disk full, permissions) the old file is untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, "w");
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    await syncDir(dir);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    const e = err as NodeJS.ErrnoException;
    throw new IoError(`Could not write ${path} (${e.code ?? e.message}); the previous version was left as it was.`, { cause: err });
  }
}

async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some file systems do not allow fsync on a folder; the rename itself is still atomic.
  }
}
