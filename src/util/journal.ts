import { open, readFile } from "node:fs/promises";
import { writeFailed } from "./atomic-write.js";
import { jsonText } from "./text-output.js";

/**
 * An append-only JSON Lines journal. Appends are synced before they return, so what a caller
 * journaled survives a kill -9 or a power cut. A kill in the middle of an append can leave a torn
 * last line: the next append starts on a fresh line, and the reader skips lines it cannot parse.
 */
export async function appendJournal(path: string, records: readonly unknown[]): Promise<void> {
  if (records.length === 0) return;
  const body = `${records.map((r) => jsonText(r)).join("\n")}\n`;
  try {
    const fh = await open(path, "a+");
    try {
      const { size } = await fh.stat();
      let lead = "";
      if (size > 0) {
        const last = Buffer.alloc(1);
        await fh.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) lead = "\n"; // a torn line from a killed append: close it off
      }
      await fh.appendFile(lead + body);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw writeFailed(path, err);
  }
}

/** Reads a journal: the records, and the numbers of lines that could not be parsed (torn by a kill). */
export async function readJournal(path: string): Promise<{ records: Record<string, unknown>[]; torn: number[] }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { records: [], torn: [] };
    throw err;
  }
  const records: Record<string, unknown>[] = [];
  const torn: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const value: unknown = JSON.parse(line);
      if (value !== null && typeof value === "object" && !Array.isArray(value)) records.push(value as Record<string, unknown>);
      else torn.push(i + 1);
    } catch {
      torn.push(i + 1);
    }
  });
  return { records, torn };
}
