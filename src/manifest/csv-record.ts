import type { DataIssue } from "../errors.js";
import type { RawRow } from "./raw-row.js";
import { describeNul, hasNul } from "./nul.js";

export interface CsvColumns {
  textColumn: string;
  labelColumn?: string;
  goldField?: string;
}

/** Where each needed column sits in the header: by position, so a column named `__proto__` is a column like any other. */
export interface CsvLayout {
  width: number;
  text: number;
  label?: number;
  gold?: number;
}

/**
 * Checks a CSV header (pure): a name given twice is refused (which column would it mean?), and so is
 * a needed column that is missing. Both are bad data (exit 65), reported at line 1.
 */
export function checkCsvHeader(header: readonly string[], cols: CsvColumns, file: string): CsvLayout | DataIssue[] {
  const issues: DataIssue[] = [];
  const first = new Map<string, number>();
  header.forEach((name, i) => {
    const seen = first.get(name);
    if (seen !== undefined) issues.push({ file, line: 1, message: `the header names column ${JSON.stringify(name)} twice (columns ${seen + 1} and ${i + 1})` });
    else first.set(name, i);
  });
  const need: [string, string | undefined, string][] = [
    ["text", cols.textColumn, "--text-column"],
    ["label", cols.labelColumn, "--label-column"],
    ["gold", cols.goldField, "--simulate-humans"],
  ];
  for (const [, name, flag] of need) {
    if (name !== undefined && !first.has(name)) {
      issues.push({ file, line: 1, message: `column ${JSON.stringify(name)} is not in the header (${header.map((h) => JSON.stringify(h)).join(", ")}); see ${flag}` });
    }
  }
  if (issues.length > 0) return issues;
  const at = (name: string | undefined): number | undefined => (name === undefined ? undefined : first.get(name));
  return { width: header.length, text: at(cols.textColumn) as number, label: at(cols.labelColumn), gold: at(cols.goldField) };
}

/**
 * One CSV data record as a row (pure), or what is wrong with it: a record whose field count differs
 * from the header's (an unquoted comma shifts every later column), a NUL character, empty text.
 * An empty label cell means "unlabeled".
 */
export function csvRecordRow(record: readonly string[], layout: CsvLayout, line: number, file: string, textColumn: string): RawRow | DataIssue {
  if (record.some(hasNul)) return { file, line, message: describeNul() };
  if (record.length !== layout.width) {
    return { file, line, message: `${record.length} field(s) where the header has ${layout.width}: quote a cell that holds a comma or a line break` };
  }
  const text = record[layout.text] as string;
  if (text.trim() === "") return { file, line, field: textColumn, message: "text is empty" };
  const row: RawRow = { line, text };
  const label = layout.label !== undefined ? (record[layout.label] as string) : undefined;
  if (label !== undefined && label.trim() !== "") row.label = { value: label.trim(), human: true };
  if (layout.gold !== undefined) row.gold = record[layout.gold];
  return row;
}
