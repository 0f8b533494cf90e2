import { describe, expect, it } from "vitest";
import { renderHtml } from "../../../src/report/html.js";
import { renderMarkdown } from "../../../src/report/markdown.js";
import { summarize } from "../../../src/report/summarize.js";
import { niceTicks } from "../../../src/report/svg-charts.js";
import type { WorkState } from "../../../src/state/types.js";

const EVIL = `<script>alert("x")</script>`;

function state(): WorkState {
  return {
    schemaVersion: 1,
    manifest: { path: `/data/${EVIL}.jsonl`, sha256: "x", rows: 10 },
    labels: [EVIL, "b|c"],
    labelAttribute: "category",
    seed: 1,
    round: 1,
    human: {},
    machine: { "5": { label: 0, confidence: 0.9, round: 1, at: "t" } },
    pending: [],
    rounds: [
      { round: 1, kind: "train", at: "t", humanLabels: 4, machineLabels: 1, queued: 0, autoLabeled: 1, unlabeledLeft: 5, threshold: 0.9, estimatedAccuracy: 0.95, heldOutAccuracy: 0.75, confusion: [[2, 0], [1, 1]] },
    ],
  };
}
const meta = { generatedAt: "2026-11-23T12:00:00.000Z", version: "0.1.0" };

describe("report rendering", () => {
  it("escapes manifest text in the HTML page", () => {
    const html = renderHtml(summarize(state()), meta);
    expect(html).not.toContain("<script");
    expect(html).toContain("&#60;script&#62;");
  });

  it("draws the charts as inline SVG and loads nothing from outside", () => {
    const html = renderHtml(summarize(state()), meta);
    expect(html.match(/<svg /g)?.length).toBe(4); // sources, accuracy, learning curve, confusion
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).toContain("default-src 'none'");
  });

  it("keeps label names from breaking the Markdown tables", () => {
    const md = renderMarkdown(summarize(state()), meta);
    expect(md).toContain("b\\|c");
    expect(md).not.toContain("<script>");
  });

  it("chooses round axis ticks", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 2000)).toEqual([0, 500, 1000, 1500, 2000]);
  });
});
