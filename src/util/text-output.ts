import { stripTerminalControls } from "./terminal-text.js";

/**
 * Every text file and stream al-label writes may be printed by `cat` or a pager, so none carries a
 * raw control character from the manifest, the label set or a path:
 * - plain text and Markdown: escape sequences and control characters are removed (newlines and tabs kept);
 * - JSON: data stays data, with control characters escaped. JSON.stringify escapes U+0000 to U+001F
 *   but not DEL (U+007F) or the C1 codes (U+0080 to U+009F), which some terminals obey (U+009B is CSI);
 *   jsonText escapes those too. The result parses to the same value.
 */
export const plainText = (text: string): string => stripTerminalControls(text);

// eslint-disable-next-line no-control-regex
const RAW_IN_JSON = /[\u007f-\u009f]/g;

/** A JSON text with DEL and C1 characters escaped (valid on any JSON text: they only occur inside strings). */
export function escapeJsonControls(json: string): string {
  return json.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** JSON.stringify, then DEL and C1 characters escaped. */
export function jsonText(value: unknown): string {
  return escapeJsonControls(JSON.stringify(value));
}
