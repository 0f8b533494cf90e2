import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";

/** `-` names stdin (or stdout), as in other Unix tools. */
export const isStdio = (arg: string): boolean => arg === "-";

/** The whole of a stream (stdin) as UTF-8 text. */
export async function readStreamText(stream: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Copies a stream (stdin) to a private temporary file, for readers that need a path (they read a
 * manifest twice, or stat it); `remove` deletes it.
 */
export async function spoolToFile(stream: NodeJS.ReadableStream = process.stdin, name = "stdin"): Promise<{ path: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "al-label-stdin-"));
  const path = join(dir, name);
  await pipeline(stream, createWriteStream(path, { mode: 0o600 }));
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The format of text read from stdin with no --format: a JSON object per line, fastText lines, or else plain text. */
export function sniffFormat(firstLine: string): "jsonl" | "fasttext" | "text" {
  const t = firstLine.trimStart();
  if (t.startsWith("{")) return "jsonl";
  if (t.startsWith("__label__")) return "fasttext";
  return "text";
}
