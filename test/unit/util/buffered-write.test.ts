import type { FileHandle } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { writePieces } from "../../../src/util/buffered-write.js";

/** A file handle that records each write. */
function recordingHandle(): { fh: FileHandle; writes: string[] } {
  const writes: string[] = [];
  const fh = { write: async (s: string) => void writes.push(s) } as unknown as FileHandle;
  return { fh, writes };
}

describe("writePieces", () => {
  it("writes every piece in order, about a megabyte per write", async () => {
    const { fh, writes } = recordingHandle();
    const pieces = Array.from({ length: 300_000 }, (_, i) => `${String(i).padStart(7, "0")};`); // 2.4 MB
    expect(await writePieces(fh, pieces)).toBe(300_000);
    expect(writes.join("")).toBe(pieces.join(""));
    expect(writes.length).toBe(3);
    for (const w of writes.slice(0, -1)) expect(w.length).toBeGreaterThanOrEqual(1 << 20);
  });

  it("follows each piece with the suffix, counted toward the megabyte", async () => {
    const { fh, writes } = recordingHandle();
    const lines = Array.from({ length: 150_000 }, (_, i) => String(i).padStart(7, "0")); // 1.2 MB with newlines
    expect(await writePieces(fh, lines, "\n")).toBe(150_000);
    expect(writes.join("")).toBe(lines.map((l) => `${l}\n`).join(""));
    expect(writes.length).toBe(2);
  });

  it("takes async pieces, and writes nothing for none", async () => {
    async function* gen(): AsyncGenerator<string> {
      yield "a";
      yield "b";
    }
    const some = recordingHandle();
    expect(await writePieces(some.fh, gen())).toBe(2);
    expect(some.writes).toEqual(["ab"]);
    const none = recordingHandle();
    expect(await writePieces(none.fh, [])).toBe(0);
    expect(none.writes).toEqual([]);
  });
});
