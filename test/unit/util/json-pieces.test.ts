import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonPieces, writeJsonInPieces } from "../../../src/util/json-pieces.js";

const big = Array.from({ length: 40_000 }, (_, i) => (i % 1000 === 7 ? undefined : i % 3 === 0 ? Math.fround(1 / (i + 1)) : i % 3 === 1 ? -i : `t${i}\u2028"`));

const values: [string, unknown][] = [
  ["numbers and strings", [0, -0, 1.5e-300, NaN, Infinity, "a\"b\\c\n\u0001", "é😀"]],
  ["a long array cut into pieces, holes written as null", big],
  ["an array exactly one piece long, and one element more", { a: Array.from({ length: 16_384 }, (_, i) => i), b: Array.from({ length: 16_385 }, (_, i) => i) }],
  ["keys left out or kept as JSON.stringify does", { u: undefined, f: () => 1, s: Symbol("x"), n: null, "k\"ey\u0000": 1, nested: { terms: big, idf: [1.25], empty: [], obj: {} } }],
  ["objects with toJSON and other prototypes", { when: new Date(0), map: new Map([[1, 2]]), bare: Object.assign(Object.create(null), { x: 1 }), typed: new Float32Array([1, 2]) }],
  ["a bare value", "text"],
];

describe("jsonPieces", () => {
  it.each(values)("joins to exactly JSON.stringify's text: %s", (_, value) => {
    const pieces = [...jsonPieces(value)];
    expect(pieces.join("")).toBe(JSON.stringify(value));
  });

  it("cuts a long array into pieces of at most 16,384 elements", () => {
    const pieces = [...jsonPieces(big)];
    expect(pieces.length).toBe(2 + Math.ceil(big.length / 16_384));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(JSON.stringify(big).length / 2);
  });

  it("writes the same bytes JSON.stringify gives", async () => {
    const dir = await mkdtemp(join(tmpdir(), "json-pieces-"));
    const value = { kind: "naive-bayes", featurizer: { terms: Array.from({ length: 100_000 }, (_, i) => i * 7919), idf: big } };
    await writeJsonInPieces(join(dir, "m.json"), value);
    expect(await readFile(join(dir, "m.json"), "utf8")).toBe(JSON.stringify(value));
  });
});
