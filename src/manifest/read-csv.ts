import { createHash } from "node:crypto";
import { DataError, type DataIssue } from "../errors.js";
import type { RawRow } from "./raw-row.js";
import { csvRecords } from "./csv-records.js";
import { checkCsvHeader, csvRecordRow, type CsvColumns, type CsvLayout } from "./csv-record.js";

export type { CsvColumns } from "./csv-record.js";

/**
 * Reads a CSV manifest with a header row; an empty label cell means "unlabeled". Records are read as
 * arrays and checked against the header (csvRecordRow): a record with more or fewer fields than the
 * header is reported with its line, never shifted into other columns.
 */
export async function readCsvRows(path: string, cols: CsvColumns): Promise<{ rows: RawRow[]; issues: DataIssue[]; sha256: string }> {
  const rows: RawRow[] = [];
  const issues: DataIssue[] = [];
  const hash = createHash("sha256");
  let layout: CsvLayout | null = null;
  try {
    for await (const { fields, line } of csvRecords(path, (chunk) => hash.update(chunk))) {
      if (layout === null) {
        const checked = checkCsvHeader(fields, cols, path);
        if (Array.isArray(checked)) throw new DataError(checked, `${path}: the header row cannot be used; nothing was changed`);
        layout = checked;
        continue;
      }
      const got = csvRecordRow(fields, layout, line, path, cols.textColumn);
      if ("message" in got) issues.push(got);
      else rows.push(got);
    }
  } catch (err) {
    // a parse error ends the read: report it with the problems found before it
    if (err instanceof DataError && err.issues.length === 1 && issues.length > 0 && layout !== null) throw new DataError([...issues, ...err.issues]);
    throw err;
  }
  if (layout === null) throw new DataError([{ file: path, message: "the file is empty: a CSV manifest needs a header row" }]);
  return { rows, issues, sha256: hash.digest("hex") };
}
