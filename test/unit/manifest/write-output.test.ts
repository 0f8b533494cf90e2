import { describe, expect, it } from "vitest";
import { labeledJsonLine, labelMetadata } from "../../../src/manifest/write-output.js";

const ctx = {
  labelAttribute: "category",
  jobName: "news",
  labels: ["Business", "Entertainment"],
  labelOf: () => undefined,
  now: "2026-11-23T10:15:42.123000",
};
const machine = { label: 1, confidence: 0.9312345678, human: false, at: "2026-11-23T10:15:42.123000" };

describe("labeledJsonLine", () => {
  it("adds the label index and Ground Truth metadata, keeping every input byte", () => {
    const raw = '{"source": "New Star Wars trailer", "id": 12345678901234567890, "extra": {"a": [1, 2.50]}}';
    const out = labeledJsonLine(raw, machine, ctx);
    expect(out.startsWith('{"source": "New Star Wars trailer", "id": 12345678901234567890, "extra": {"a": [1, 2.50]}')).toBe(true);
    const parsed = JSON.parse(out);
    expect(parsed.category).toBe(1);
    expect(parsed["category-metadata"]).toEqual({
      "class-name": "Entertainment",
      confidence: 0.931235,
      "human-annotated": "no",
      type: "groundtruth/text-classification",
      "job-name": "labeling-job/news",
      "creation-date": "2026-11-23T10:15:42.123000",
    });
  });
  it("replaces a null label instead of repeating the key", () => {
    const out = labeledJsonLine('{"source": "x", "category": null}', machine, ctx);
    expect(out.match(/"category":/g)).toHaveLength(1);
    expect(JSON.parse(out).category).toBe(1);
  });
  it("writes metadata keys in Ground Truth's order", () => {
    expect(Object.keys(labelMetadata({ ...machine, human: true }, ctx))).toEqual(["class-name", "confidence", "human-annotated", "type", "job-name", "creation-date"]);
  });
});
