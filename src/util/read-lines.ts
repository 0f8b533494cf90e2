import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";

export interface FileLine {
  /** 1-based */
  line: number;
  /** decoded text without the line end, or null when the bytes are not valid UTF-8 */
  text: string | null;
  /** whether the line ended in CRLF */
  crlf: boolean;
}

/**
 * Reads a file line by line from raw bytes. Unlike readline, this reports invalid UTF-8 instead of
 * replacing it with U+FFFD, tells CRLF line ends apart, and hashes the bytes as they pass, so one
 * read gives the rows and the file's fingerprint.
 */
export async function* readFileLines(path: string, onDigest?: (sha256: string) => void): AsyncGenerator<FileLine> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const hash = createHash("sha256");
  let pending: Buffer[] = [];
  let line = 0;
  const decode = (bytes: Buffer): FileLine => {
    line++;
    let end = bytes.length;
    const crlf = end > 0 && bytes[end - 1] === 0x0d;
    if (crlf) end--;
    try {
      return { line, text: decoder.decode(bytes.subarray(0, end)), crlf };
    } catch {
      return { line, text: null, crlf };
    }
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      const bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
      pending = [];
      yield decode(bytes);
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  if (pending.length > 0) yield decode(Buffer.concat(pending));
  onDigest?.(hash.digest("hex"));
}
