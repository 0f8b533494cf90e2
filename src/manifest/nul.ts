/** NUL characters in a text file: say so in words (a NUL in a message would print nothing, or cut it). */
export const hasNul = (s: string): boolean => s.includes("\u0000");

export function describeNul(): string {
  return "the line contains NUL characters (byte 0): not a text line; is the file binary, or UTF-16 rather than UTF-8?";
}
