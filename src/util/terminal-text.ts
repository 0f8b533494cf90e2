/**
 * Manifest text is untrusted: before it reaches a terminal, remove escape sequences (CSI, OSC, ...)
 * and other control characters that could move the cursor, retitle the window or hide output.
 */
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[P^_X][^\u001b]*\u001b\\|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function stripTerminalControls(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, "").replace(CONTROL_CHARS, "");
}

/** One line for a terminal: controls stripped, newlines and tabs folded to spaces, cut to `max` characters. */
export function terminalLine(text: string, max = 200): string {
  const flat = stripTerminalControls(text).replace(/[\n\t]+/g, " ");
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
