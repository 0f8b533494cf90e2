import { open, rename, unlink, mkdir } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { IoError } from "../errors.js";

/**
 * Streams lines to a temporary file and renames it over `path` only when all were written and synced:
 * a large output appears whole or not at all.
 */
export async function writeLinesAtomic(path: string, lines: AsyncIterable<string> | Iterable<string>): Promise<number> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  let count = 0;
  try {
    await mkdir(dir, { recursive: true });
    const fh = await open(tmp, "w");
    try {
      let buf: string[] = [];
      let size = 0;
      for await (const line of lines) {
        buf.push(line, "\n");
        size += line.length + 1;
        count++;
        if (size > 1 << 20) {
          await fh.write(buf.join(""));
          buf = [];
          size = 0;
        }
      }
      if (buf.length > 0) await fh.write(buf.join(""));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    if (err instanceof IoError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new IoError(`Could not write ${path} (${e.code ?? e.message}); no partial file was left.`, { cause: err });
  }
  return count;
}
