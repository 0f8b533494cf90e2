import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { parse } from "csv-parse";
import { DataError, type DataIssue } from "../errors.js";
import type { RawRow } from "./raw-row.js";
import { LineIndex } from "./line-index.js";
import { checkCsvHeader, csvRecordRow, type CsvColumns, type CsvLayout } from "./csv-record.js";

export type { CsvColumns } from "./csv-record.js";

/**
 * Reads a CSV manifest with a header row; an empty label cell means "unlabeled". Records are read as
 * arrays and checked against the header (csvRecordRow): a record with more or fewer fields than the
 * header is reported with its line, never shifted into other columns. Lines are counted by LineIndex:
 * each problem names the line its record starts on.
 */
export async function readCsvRows(path: string, cols: CsvColumns): Promise<{ rows: RawRow[]; issues: DataIssue[]; sha256: string }> {
  const rows: RawRow[] = [];
  const issues: DataIssue[] = [];
  const hash = createHash("sha256");
  const lines = new LineIndex();
  const input = createReadStream(path);
  input.on("data", (chunk) => {
    hash.update(chunk);
    lines.feed(chunk as Buffer);
  });
  const parser = input.pipe(parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: false }));
  let layout: CsvLayout | null = null;
  let end = 0; // byte offset just past the last record
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { bytes: number } }>) {
      const { record, info } = item;
      const line = lines.lineAt(lines.skipBreaks(end));
      end = info.bytes;
      if (layout === null) {
        const checked = checkCsvHeader(record, cols, path);
        if (Array.isArray(checked)) throw new DataError(checked, `${path}: the header row cannot be used; nothing was changed`);
        layout = checked;
        continue;
      }
      const got = csvRecordRow(record, layout, line, path, cols.textColumn);
      if ("message" in got) issues.push(got);
      else rows.push(got);
    }
  } catch (err) {
    if (err instanceof DataError) throw err;
    const e = err as { code?: string; message: string };
    if (e.code?.startsWith("CSV_")) {
      // the parser's own line count is off after a quoted CRLF: name the line the bad record starts on
      throw new DataError([...issues, { file: path, line: lines.lineAt(lines.skipBreaks(end)), message: csvErrorInWords(e.code, e.message) }]);
    }
    throw err;
  }
  if (layout === null) throw new DataError([{ file: path, message: "the file is empty: a CSV manifest needs a header row" }]);
  return { rows, issues, sha256: hash.digest("hex") };
}

function csvErrorInWords(code: string, message: string): string {
  if (code === "CSV_QUOTE_NOT_CLOSED") return "a quoted cell starting in this record is never closed";
  if (code === "CSV_INVALID_CLOSING_QUOTE") return "a quote inside a quoted cell must be doubled (\"\")";
  return message.replace(/\u0000/g, "\\0");
}
