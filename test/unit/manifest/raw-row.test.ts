import { describe, expect, it } from "vitest";
import { parseJsonlLine } from "../../../src/manifest/raw-row.js";

const fields = { labelAttribute: "category", goldField: "gold" };
const parse = (text: string) => parseJsonlLine(text, 7, "m.jsonl", fields);

describe("parseJsonlLine", () => {
  it("reads inline text, a Ground Truth label with its class name, and the gold field", () => {
    const row = parse(JSON.stringify({ source: "Fed raises rates", category: 1, "category-metadata": { "class-name": "Business", "human-annotated": "yes" }, gold: "Business" }));
    expect(row).toEqual({ line: 7, text: "Fed raises rates", label: { value: 1, className: "Business", human: true }, gold: "Business" });
  });
  it("marks labels whose metadata says human-annotated no as machine labels", () => {
    const row = parse(JSON.stringify({ source: "x", category: 0, "category-metadata": { "human-annotated": "no" } }));
    expect(row).toMatchObject({ label: { human: false } });
  });
  it("keeps a source-ref for later reading", () => {
    expect(parse(JSON.stringify({ "source-ref": "docs/a.txt" }))).toEqual({ line: 7, sourceRef: "docs/a.txt", gold: undefined });
  });
  it.each([
    ["{not json", /invalid JSON/],
    ["[1,2]", /expected a JSON object, got an array/],
    ["42", /expected a JSON object, got number/],
    ["null", /got null/],
    ['{"text": "no source"}', /missing/],
    ['{"source": 12}', /expected a string, got number/],
    ['{"source": "   "}', /text is empty/],
  ])("reports %s with file, line and message", (line, message) => {
    const issues = parse(line);
    expect(Array.isArray(issues)).toBe(true);
    const [issue] = issues as { file: string; line: number; message: string }[];
    expect(issue).toMatchObject({ file: "m.jsonl", line: 7 });
    expect(issue?.message).toMatch(message);
  });
  it("treats a __proto__ key as data, not as the prototype", () => {
    const row = parse('{"source": "x", "__proto__": {"category": 3}}');
    expect(row).toEqual({ line: 7, text: "x", gold: undefined });
  });
});
