import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { DataError } from "../errors.js";
import { LineIndex } from "./line-index.js";

export interface CsvRecord {
  fields: string[];
  /** 1-based line the record starts on (blank lines and every line break counted once) */
  line: number;
}

/**
 * The records of a CSV file as arrays of fields, the header first, each with the line it starts on.
 * Arrays, not objects keyed by the header: a column named `__proto__` is a column like any other.
 * `onChunk` sees the file's bytes (for its hash). A parse error is bad data (exit 65) at its line.
 */
export async function* csvRecords(path: string, onChunk?: (chunk: Buffer) => void): AsyncGenerator<CsvRecord> {
  const lines = new LineIndex();
  const input = createReadStream(path);
  input.on("data", (chunk) => {
    onChunk?.(chunk as Buffer);
    lines.feed(chunk as Buffer);
  });
  const parser = input.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }));
  let end = 0; // byte offset just past the last record
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      const line = lines.lineAt(lines.skipBreaks(end));
      end = info.bytes;
      yield { fields: record, line };
    }
  } catch (err) {
    const e = err as { code?: string; message: string };
    // the parser's own line count is off after a quoted CRLF: name the line the bad record starts on
    if (e.code?.startsWith("CSV_")) throw new DataError([{ file: path, line: lines.lineAt(lines.skipBreaks(end)), message: csvErrorInWords(e.code, e.message) }]);
    throw err;
  } finally {
    input.destroy();
  }
}

function csvErrorInWords(code: string, message: string): string {
  if (code === "CSV_QUOTE_NOT_CLOSED") return "a quoted cell starting in this record is never closed";
  if (code === "CSV_INVALID_CLOSING_QUOTE") return 'a quote inside a quoted cell must be doubled ("")';
  return message.replace(/\u0000/g, "\\0");
}
