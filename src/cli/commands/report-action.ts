import { terminalLine } from "../../util/terminal-text.js";
import { report } from "./report.js";
import { jsonText } from "../../util/text-output.js";

/** Prints where `report` wrote its files, or the summary as one JSON object with --json. */
export async function reportCommand(target: string | undefined, raw: Record<string, unknown>): Promise<number> {
  const r = await report(target, { workdir: raw.workdir as string | undefined, out: raw.out as string | undefined });
  if (raw.json) {
    process.stdout.write(`${jsonText(r.summary)}\n`);
    return 0;
  }
  const s = r.summary;
  const lines = [
    `report: ${r.html}`,
    `        ${r.markdown}`,
    `${s.saving.humanLabels} human labels for ${s.rows} rows: ${s.saving.saved} (${(100 * s.saving.savedShare).toFixed(1)}%) saved compared with labeling every row by hand`,
  ];
  process.stdout.write(`${lines.map((l) => terminalLine(l, 1000)).join("\n")}\n`);
  return 0;
}
