import { stat } from "node:fs/promises";
import { DataError, UsageError } from "../errors.js";
import { LABEL_PREFIX } from "../fasttext/index.js";
import { readFileLines } from "../util/read-lines.js";

/** fastText's separators (`Dictionary::readWord`): splitting on them keeps its tokens exactly. */
const FASTTEXT_SPACE = /[ \n\r\t\v\f\0]+/;

export interface FastTextLine {
  /** label names without the `__label__` prefix, in line order */
  labels: string[];
  /** the other tokens, joined by single spaces (the tokenizer sees the same tokens) */
  text: string;
}

/**
 * Like fastText, every token that starts with `__label__` is a label wherever it stands on the line;
 * a bare `__label__` names nothing and stays a word.
 */
export function parseFastTextLine(line: string): FastTextLine {
  const labels: string[] = [];
  const words: string[] = [];
  for (const token of line.split(FASTTEXT_SPACE)) {
    if (token === "") continue;
    if (token.startsWith(LABEL_PREFIX) && token.length > LABEL_PREFIX.length) labels.push(token.slice(LABEL_PREFIX.length));
    else words.push(token);
  }
  return { labels, text: words.join(" ") };
}

/** Missing inputs are a usage error (exit 2), as for manifests. */
export async function checkInputFile(path: string): Promise<void> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`input not found: ${path} (${err.code ?? err.message})`);
  });
  if (!info.isFile()) throw new UsageError(`input is not a file: ${path}`);
}

/**
 * Lines of a fastText-format or plain-text file with 1-based numbers. `parse: false` keeps each line
 * verbatim (plain text that may contain "__label__"). Bytes that are not UTF-8 stop the read.
 */
export async function* readTextLines(path: string, parse: boolean): AsyncGenerator<FastTextLine & { line: number }> {
  for await (const l of readFileLines(path)) {
    if (l.text === null) throw new DataError([{ file: path, line: l.line, message: "not valid UTF-8" }]);
    const text = l.line === 1 ? l.text.replace(/^\uFEFF/, "") : l.text;
    yield parse ? { line: l.line, ...parseFastTextLine(text) } : { line: l.line, labels: [], text };
  }
}
