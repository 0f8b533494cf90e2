import * as nodeFs from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { IoError } from "../errors.js";

/** The few file calls an atomic write makes; a seam so tests can make the disk fail (ENOSPC, EIO). */
export interface AtomicFs {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  unlink: typeof nodeFs.unlink;
  mkdir: typeof nodeFs.mkdir;
}

/** Temporary files are named `.<file>.<pid>.<ms>.tmp`, so a later run can tell whose they were (see stale-temps.ts). */
export const tempName = (path: string): string => join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);

/**
 * Replaces `path` with `data` so that a reader (or a run resumed after kill -9) sees either the
 * old file or the new one, never a torn mix: write a temporary file beside it, fsync, rename,
 * fsync the folder. On failure (disk full, permissions) the old file is untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, fs: AtomicFs = nodeFs): Promise<void> {
  const dir = dirname(path);
  const tmp = tempName(path);
  try {
    await fs.mkdir(dir, { recursive: true });
    const fh = await fs.open(tmp, "w");
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, path);
    await syncDir(dir);
  } catch (err) {
    await fs.unlink(tmp).catch(() => undefined);
    throw writeFailed(path, err);
  }
}

/** The user-facing error for a failed write: what failed, that the old file is intact, what to do. */
export function writeFailed(path: string, err: unknown): IoError {
  if (err instanceof IoError) return err;
  const e = err as NodeJS.ErrnoException;
  const hint = e.code === "ENOSPC" || e.code === "EDQUOT" ? " Free some disk space and run the same command again." : " Fix the cause and run the same command again.";
  return new IoError(`Could not write ${path} (${e.code ?? e.message}); the previous version was left as it was.${hint}`, { cause: err });
}

export async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await nodeFs.open(dir, "r");
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    // Some file systems do not allow fsync on a folder; the rename itself is still atomic.
  }
}
