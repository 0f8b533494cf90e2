import { jsonLine } from "../json-out.js";
import { terminalLine } from "../../util/terminal-text.js";
import { doctor, formatDoctor } from "./doctor.js";

/** Prints doctor's report: JSON with --json, else lines. Always exit 0: it reports, it does not judge. */
export async function doctorCommand(raw: { json?: boolean }): Promise<number> {
  const report = await doctor();
  if (raw.json) process.stdout.write(jsonLine(report));
  else process.stdout.write(`${formatDoctor(report).split("\n").map((l) => terminalLine(l, 400)).join("\n")}\n`);
  return 0;
}
