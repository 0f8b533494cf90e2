import { createReadStream } from "node:fs";
import { createHash } from "node:crypto";
import { parse } from "csv-parse";
import { DataError, UsageError, type DataIssue } from "../errors.js";
import type { RawRow } from "./raw-row.js";

export interface CsvColumns {
  textColumn: string;
  labelColumn?: string;
  goldField?: string;
}

/** Reads a CSV manifest with a header row; an empty label cell means "unlabeled". */
export async function readCsvRows(path: string, cols: CsvColumns): Promise<{ rows: RawRow[]; issues: DataIssue[]; sha256: string }> {
  const rows: RawRow[] = [];
  const issues: DataIssue[] = [];
  const hash = createHash("sha256");
  const input = createReadStream(path);
  input.on("data", (chunk) => hash.update(chunk));
  const parser = input.pipe(parse({ columns: true, bom: true, info: true, skip_empty_lines: true, relax_column_count: true }));
  let checkedHeader = false;
  try {
    for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const { record, info } = item;
      if (!checkedHeader) {
        checkHeader(path, Object.keys(record), cols);
        checkedHeader = true;
      }
      const line = info.lines;
      const text = record[cols.textColumn];
      if (text === undefined || text.trim() === "") {
        issues.push({ file: path, line, field: cols.textColumn, message: "text is empty" });
        continue;
      }
      const row: RawRow = { line, text };
      const label = cols.labelColumn !== undefined ? record[cols.labelColumn] : undefined;
      if (label !== undefined && label.trim() !== "") row.label = { value: label.trim(), human: true };
      if (cols.goldField !== undefined) row.gold = record[cols.goldField];
      rows.push(row);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as { code?: string; lines?: number; message: string };
    if (e.code?.startsWith("CSV_")) throw new DataError([...issues, { file: path, line: e.lines, message: e.message }]);
    throw err;
  }
  return { rows, issues, sha256: hash.digest("hex") };
}

function checkHeader(path: string, header: string[], cols: CsvColumns): void {
  const need = [cols.textColumn, cols.labelColumn, cols.goldField].filter((c): c is string => c !== undefined);
  const missing = need.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new UsageError(`${path}: column(s) ${missing.map((c) => `"${c}"`).join(", ")} not in the header (${header.join(", ")}); see --text-column and --label-column`);
  }
}
