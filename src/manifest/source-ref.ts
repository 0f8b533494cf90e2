import { constants } from "node:fs";
import { lstat, open, realpath } from "node:fs/promises";
import { resolve, relative, isAbsolute, sep } from "node:path";

/** A source-ref file larger than this is refused unless --max-source-bytes raises it (10 MB). */
export const DEFAULT_MAX_SOURCE_BYTES = 10_000_000;

export interface SourceRefLimits {
  allowOutside: boolean;
  /** largest file read, in bytes */
  maxBytes: number;
}

/** True when `path` is `base` itself or outside it (pure: compares resolved paths, touches no file). */
export function outsideFolder(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

/**
 * The one message for a path refused as outside the folder, whether or not it exists: the manifest
 * is untrusted and must not learn which files exist elsewhere (no "not found" beside "outside").
 */
export const outsideMessage = (ref: string): string =>
  `source-ref ${JSON.stringify(ref)} is outside the manifest's folder; pass --allow-source-ref-outside to read it`;

/**
 * Reads the text a `source-ref` points at. The path is taken relative to the manifest's folder. A path
 * outside that folder is refused, unless the user allowed it, before anything touches it: the decision
 * is made on the path as written, then again on the file it resolves to (a link inside the folder
 * that leads out is refused with the same message). Only a regular file is read (a FIFO would block
 * the run forever, a device never end), and only up to `maxBytes`: its size is checked on the open
 * file before reading, and the read stops there whatever the size said.
 */
export async function readSourceRef(ref: string, manifestDir: string, limits: SourceRefLimits): Promise<{ text: string } | { error: string }> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref) && !ref.startsWith("file://")) {
    return { error: `source-ref ${JSON.stringify(ref)} is a remote URL; only local files can be read` };
  }
  let path: string;
  try {
    path = ref.startsWith("file://") ? new URL(ref).pathname : ref;
  } catch {
    return { error: `source-ref ${JSON.stringify(ref)} is not a valid file URL` };
  }
  const dir = resolve(manifestDir);
  const full = resolve(dir, path);
  if (!limits.allowOutside && outsideFolder(dir, full)) return { error: outsideMessage(ref) };
  let real: string;
  try {
    real = await realpath(full);
  } catch (err) {
    // a link inside the folder that leads nowhere may lead outside: the same message as outside
    const link = await lstat(full).then((s) => s.isSymbolicLink(), () => false);
    if (link && !limits.allowOutside) return { error: outsideMessage(ref) };
    return { error: `source-ref file not found: ${JSON.stringify(ref)} (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  }
  if (!limits.allowOutside && outsideFolder(await realpath(dir), real)) return { error: outsideMessage(ref) };
  return readRegularFile(real, ref, limits.maxBytes);
}

/** Reads a regular file of at most `maxBytes` (opened without blocking, checked on the open descriptor). */
async function readRegularFile(path: string, ref: string, maxBytes: number): Promise<{ text: string } | { error: string }> {
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { error: `cannot read source-ref ${JSON.stringify(ref)} (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  }
  try {
    const info = await fh.stat();
    if (!info.isFile()) {
      const kind = info.isDirectory() ? "a folder" : info.isFIFO() ? "a FIFO" : info.isSocket() ? "a socket" : info.isCharacterDevice() || info.isBlockDevice() ? "a device" : "not a regular file";
      return { error: `source-ref ${JSON.stringify(ref)} is ${kind}; only regular files are read` };
    }
    if (info.size > maxBytes) return { error: tooLarge(ref, info.size, maxBytes) };
    // read at most one byte past the limit: a file that grew since fstat is still caught
    const buf = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got === buf.length) break;
    }
    if (got > maxBytes) return { error: tooLarge(ref, got, maxBytes) };
    if (got === buf.length) return { error: `source-ref ${JSON.stringify(ref)} grew while it was read; run again` };
    return { text: buf.subarray(0, got).toString("utf8") };
  } catch (err) {
    return { error: `cannot read source-ref ${JSON.stringify(ref)} (${(err as NodeJS.ErrnoException).code ?? "error"})` };
  } finally {
    await fh.close();
  }
}

const tooLarge = (ref: string, size: number, max: number): string =>
  `source-ref ${JSON.stringify(ref)} is ${size.toLocaleString("en-US")} bytes or more, above the limit of ${max.toLocaleString("en-US")}; pass --max-source-bytes to raise it`;
