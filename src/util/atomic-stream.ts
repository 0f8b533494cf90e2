import { open, rename, unlink, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { IoError } from "../errors.js";
import { syncDir, tempName, writeFailed } from "./atomic-write.js";
import { writePieces } from "./buffered-write.js";

/**
 * Streams lines to a temporary file and renames it over `path` only when all were written and synced:
 * a large output appears whole or not at all.
 */
export async function writeLinesAtomic(path: string, lines: AsyncIterable<string> | Iterable<string>): Promise<number> {
  const dir = dirname(path);
  const tmp = tempName(path);
  let count = 0;
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, "w");
    try {
      count = await writePieces(fh, lines, "\n");
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
    await syncDir(dir);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    // an error from the line source (e.g. the input changed while running) is not an I/O error
    if (!(err as NodeJS.ErrnoException).syscall && !(err instanceof IoError)) throw err;
    // the same words as writeFileAtomic's: the old file stands (the rename is the last step)
    throw writeFailed(path, err);
  }
  return count;
}
