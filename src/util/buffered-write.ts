import type { FileHandle } from "node:fs/promises";

/** Characters gathered before each write. */
const WRITE_CHARS = 1 << 20;

/**
 * Writes the pieces to an open file in order, each followed by `suffix` (e.g. a newline), gathering about a
 * megabyte per write, so that neither a write per piece nor the whole text as one string is paid for.
 * Returns how many pieces were written.
 */
export async function writePieces(fh: FileHandle, pieces: AsyncIterable<string> | Iterable<string>, suffix = ""): Promise<number> {
  let buf: string[] = [];
  let size = 0;
  let count = 0;
  for await (const piece of pieces) {
    buf.push(piece, suffix);
    size += piece.length + suffix.length;
    count++;
    if (size >= WRITE_CHARS) {
      await fh.write(buf.join(""));
      buf = [];
      size = 0;
    }
  }
  if (buf.length > 0) await fh.write(buf.join(""));
  return count;
}
