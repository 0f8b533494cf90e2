import { jsonText } from "../util/text-output.js";

/**
 * Every `--json` object carries `schemaVersion`. Version 2 (this one) names machine labels `machine`
 * everywhere: `run`'s count (was `auto`) and round details' new machine labels (was `autoLabeled`),
 * `status`'s count (was `model`). Objects without a version are version 1.
 */
export const JSON_SCHEMA_VERSION = 2;

/** One --json object as a line, its schema version first. */
export function jsonLine(body: object): string {
  return `${jsonText({ schemaVersion: JSON_SCHEMA_VERSION, ...body })}\n`;
}
