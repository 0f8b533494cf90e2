import { parse } from "csv-parse/sync";
import type { DataIssue } from "../errors.js";
import { isBlank } from "./label-value.js";

/** One answer as written in an answers file, before it is checked against the work dir. */
export interface AnswerRecord {
  line: number;
  taskId?: string;
  rowId?: number;
  /** the label as written: a name, an index, or null for a skip */
  label: unknown;
  skip: boolean;
  annotator?: string;
  answeredAt?: string;
}

export interface ParsedAnswers {
  records: AnswerRecord[];
  problems: DataIssue[];
  /** lines with no answer yet (an exported queue file), not an error */
  blank: number;
}

const TASK_ID = /^r\d+-\d+$/;

/**
 * JSON Lines: `{"taskId"|"rowId", "label", "annotator"?, "answeredAt"?, "skip"?}`. A filled queue
 * file reads too (`answer` for `label`, header line ignored), so a copy of the queue answered
 * elsewhere can be imported as it is.
 */
export function parseAnswersJsonl(text: string, file: string): ParsedAnswers {
  const out: ParsedAnswers = { records: [], problems: [], blank: 0 };
  text.replace(/^\uFEFF/, "").split("\n").forEach((raw, i) => {
    const line = i + 1;
    const src = raw.replace(/\r$/, "");
    if (src.trim() === "") return;
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(src) as Record<string, unknown>;
    } catch (err) {
      out.problems.push({ file, line, message: `invalid JSON (${(err as Error).message})` });
      return;
    }
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) {
      out.problems.push({ file, line, message: 'expected a JSON object like {"taskId": "r1-000012", "label": "sports"}' });
      return;
    }
    if (typeof obj.kind === "string") return; // a queue file's header
    const skip = obj.skip === true;
    const label = "label" in obj ? obj.label : obj.answer;
    if (isBlank(label) && !skip) {
      out.blank++;
      return;
    }
    const rec: AnswerRecord = { line, label: skip ? null : label, skip };
    if (typeof obj.taskId === "string") rec.taskId = obj.taskId;
    if (typeof obj.rowId === "number" || (typeof obj.rowId === "string" && /^\d+$/.test(obj.rowId))) rec.rowId = Number(obj.rowId);
    if (rec.taskId === undefined && rec.rowId === undefined) {
      out.problems.push({ file, line, field: "taskId", message: 'no "taskId" (like "r1-000012") or "rowId" (a number)' });
      return;
    }
    if (typeof obj.annotator === "string" && obj.annotator !== "") rec.annotator = obj.annotator;
    if (typeof obj.answeredAt === "string" && obj.answeredAt !== "") rec.answeredAt = obj.answeredAt;
    out.records.push(rec);
  });
  return out;
}

/** CSV: `id,label[,annotator]`, id a task id ("r1-000012") or a row id (a number); an optional header row. */
export function parseAnswersCsv(text: string, file: string): ParsedAnswers {
  const out: ParsedAnswers = { records: [], problems: [], blank: 0 };
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { relax_column_count: true, info: true, skip_empty_lines: true, bom: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const e = err as Error & { lines?: number };
    out.problems.push({ file, line: e.lines, message: `not valid CSV (${e.message}); nothing read` });
    return out;
  }
  rows.forEach(({ record, info }, i) => {
    const line = info.lines;
    const [id = "", label = "", annotator = ""] = record.map((c) => c.trim());
    if (i === 0 && /^(id|taskid|rowid|task|row)$/i.test(id)) return; // header row
    if (record.length < 2 || record.length > 3) {
      out.problems.push({ file, line, message: `expected 2 or 3 columns (id,label[,annotator]), found ${record.length}` });
      return;
    }
    if (label === "") {
      out.blank++;
      return;
    }
    const rec: AnswerRecord = { line, label, skip: false };
    if (TASK_ID.test(id)) rec.taskId = id;
    else if (/^\d+$/.test(id)) rec.rowId = Number(id);
    else {
      out.problems.push({ file, line, field: "id", message: `id ${JSON.stringify(id)} is neither a task id (like r1-000012) nor a row id (a number)` });
      return;
    }
    if (annotator !== "") rec.annotator = annotator;
    out.records.push(rec);
  });
  return out;
}
