import type { DataIssue } from "../errors.js";
import { readFileLines } from "../util/read-lines.js";
import { parseJsonlLine, type RawRow, type RowFields } from "./raw-row.js";

/** Reads a JSON Lines manifest; blank lines are skipped, every bad line is reported with its number. */
export async function readJsonlRows(path: string, fields: RowFields): Promise<{ rows: RawRow[]; issues: DataIssue[]; sha256: string; warnings: string[] }> {
  const rows: RawRow[] = [];
  const issues: DataIssue[] = [];
  const warnings: string[] = [];
  let sha256 = "";
  let crlf = 0;
  for await (const l of readFileLines(path, (d) => (sha256 = d))) {
    if (l.text === null) {
      issues.push({ file: path, line: l.line, message: "not valid UTF-8" });
      continue;
    }
    let text = l.text;
    if (l.line === 1 && text.startsWith("\uFEFF")) {
      text = text.slice(1);
      warnings.push(`${path}: a UTF-8 byte-order mark at the start was ignored`);
    }
    if (l.crlf) crlf++;
    if (text.trim() === "") continue;
    const parsed = parseJsonlLine(text, l.line, path, fields);
    if (Array.isArray(parsed)) issues.push(...parsed);
    else rows.push(parsed);
  }
  if (crlf > 0) warnings.push(`${path}: ${crlf} line(s) end in CRLF; read as plain line ends`);
  return { rows, issues, sha256, warnings };
}
