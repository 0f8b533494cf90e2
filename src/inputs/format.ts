import { extname } from "node:path";

/**
 * Input files `train` and `predict` read. "fasttext" is `__label__<name> tokens...` per line (lines
 * without a label are plain text); "text" is one text per line taken verbatim, labels never parsed.
 */
export type InputFormat = "jsonl" | "csv" | "fasttext" | "text";

export function detectInputFormat(path: string, explicit?: InputFormat): InputFormat {
  if (explicit) return explicit;
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".txt" || ext === ".ft") return "fasttext";
  return "jsonl";
}
