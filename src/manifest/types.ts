import type { DataIssue } from "../errors.js";

/**
 * A row's identity in a manifest: its 0-based position among the data rows. Branded so that it is
 * never confused with a position in a training batch or a tensor row.
 */
export type RowId = number & { readonly __brand: "RowId" };
export const rowId = (n: number): RowId => n as RowId;

export type ManifestFormat = "jsonl" | "csv";

/** A label already present in the input manifest. */
export interface InputLabel {
  index: number;
  human: boolean;
}

export interface ManifestRow {
  rowId: RowId;
  /** 1-based line (JSONL) or record line (CSV) in the input file, for messages */
  line: number;
  text: string;
  /** label already in the input, if any */
  label?: InputLabel;
  /** the gold value read for --simulate-humans, if asked for */
  gold?: string | number;
}

export interface Manifest {
  path: string;
  format: ManifestFormat;
  rows: ManifestRow[];
  labels: string[];
  /** how the label set was found, for messages */
  labelSource: "flag" | "file" | "rows";
  sha256: string;
  warnings: string[];
  /** rows skipped as invalid under --on-invalid skip (one issue per problem, each with its line); left out of `rows` and of the output */
  invalid?: DataIssue[];
}
