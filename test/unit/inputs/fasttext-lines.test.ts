import { describe, expect, it } from "vitest";
import { parseFastTextLine } from "../../../src/inputs/fasttext-lines.js";
import { detectInputFormat } from "../../../src/inputs/format.js";

describe("parseFastTextLine", () => {
  it("takes __label__ tokens wherever they stand and keeps the other tokens in order", () => {
    expect(parseFastTextLine("__label__a Fed raises  rates __label__b")).toEqual({ labels: ["a", "b"], text: "Fed raises rates" });
  });

  it("splits on fastText's whitespace only, so punctuation and case stay as they are", () => {
    expect(parseFastTextLine("__label__x\tHello,\vWorld!\r")).toEqual({ labels: ["x"], text: "Hello, World!" });
  });

  it("treats a bare prefix as a word and a line without labels as plain text", () => {
    expect(parseFastTextLine("__label__ alone")).toEqual({ labels: [], text: "__label__ alone" });
    expect(parseFastTextLine("")).toEqual({ labels: [], text: "" });
  });
});

describe("detectInputFormat", () => {
  it("reads .csv as CSV, .txt/.ft as fastText, anything else as a manifest, unless told", () => {
    expect(detectInputFormat("a/b.CSV")).toBe("csv");
    expect(detectInputFormat("train.txt")).toBe("fasttext");
    expect(detectInputFormat("train.ft")).toBe("fasttext");
    expect(detectInputFormat("m.manifest")).toBe("jsonl");
    expect(detectInputFormat("x.txt", "text")).toBe("text");
  });
});
