import { describe, expect, it } from "vitest";
import { LineIndex } from "../../../src/manifest/line-index.js";

describe("LineIndex (issue 18, item 16)", () => {
  it("LineIndex counts CRLF, LF and lone CR once each, across chunk boundaries", () => {
    const idx = new LineIndex();
    const bytes = Buffer.from("a\r\nb\nc\rd\r\n\r\ne");
    idx.feed(bytes.subarray(0, 2)); // "a\r" | "\nb..."
    idx.feed(bytes.subarray(2));
    expect(idx.lineAt(0)).toBe(1);
    expect(idx.lineAt(3)).toBe(2); // b
    expect(idx.lineAt(5)).toBe(3); // c
    expect(idx.lineAt(7)).toBe(4); // d
    expect(idx.skipBreaks(8)).toBe(12); // past "\r\n\r\n" to e
    expect(idx.lineAt(12)).toBe(6);
  });
});
