import type { ManifestRow } from "../manifest/types.js";
import type { HumanLabel } from "../state/types.js";

export interface ConflictingDuplicates {
  /** distinct texts that people gave more than one label */
  texts: number;
  /** rows with such a text and a human label */
  rows: number;
  /** the first such text's lines and labels, for a message */
  example: { lines: number[]; labels: string[] } | null;
}

/**
 * Texts (trimmed, compared exactly) that people labeled differently on different rows (pure): in the
 * input or through al-label. Both labels train the model, and at least one is wrong, so the run reports
 * them rather than letting the data set disagree with itself silently.
 */
export function conflictingDuplicates(rows: readonly ManifestRow[], human: Readonly<Record<string, HumanLabel>>, labels: readonly string[]): ConflictingDuplicates {
  const byText = new Map<string, { line: number; label: number }[]>();
  for (const row of rows) {
    const label = row.label?.human ? row.label.index : human[String(row.rowId)]?.label;
    if (label === undefined || label === null) continue;
    const key = row.text.trim();
    const list = byText.get(key);
    if (list) list.push({ line: row.line, label });
    else byText.set(key, [{ line: row.line, label }]);
  }
  let texts = 0;
  let count = 0;
  let example: ConflictingDuplicates["example"] = null;
  for (const list of byText.values()) {
    if (list.length < 2 || list.every((x) => x.label === list[0]?.label)) continue;
    texts++;
    count += list.length;
    example ??= { lines: list.map((x) => x.line), labels: list.map((x) => labels[x.label] ?? String(x.label)) };
  }
  return { texts, rows: count, example };
}

export function conflictWarning(c: ConflictingDuplicates, file: string): string | null {
  if (c.texts === 0 || !c.example) return null;
  const shown = c.example.lines.slice(0, 5).map((l, i) => `line ${l} "${c.example?.labels[i]}"`).join(", ");
  return `${file}: ${c.texts} text(s) on ${c.rows} rows carry conflicting human labels (e.g. ${shown}); at least one label of each is wrong: correct them in the input`;
}
