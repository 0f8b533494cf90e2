import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { run, type RunOptions } from "../../src/cli/commands/run.js";
import { AlLabelError, DataError } from "../../src/errors.js";
import { nullReporter, type Reporter } from "../../src/report/reporter.js";
import { PINNED_CLOCK } from "../helpers/fixture-run.js";
import { snapshotDir } from "../helpers/dir-snapshot.js";
import { tempDir as makeTempDir } from "../helpers/temp-dir.js";

/** A row labeled in the input, by class name (so no label-category file is needed). */
const labeled = (text: string, label: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ source: text, category: label, ...extra });
/** Six labeled rows of two classes: a run on them needs no training and writes the output at once. */
const GOOD = [0, 1, 2].flatMap((i) => [labeled(`team wins the match ${i}`, "sports"), labeled(`senate passes the bill ${i}`, "politics")]);

async function tempDir(): Promise<string> {
  return makeTempDir("al-label-bad-");
}

function collecting(): { reporter: Reporter; warnings: string[] } {
  const warnings: string[] = [];
  return { reporter: { ...nullReporter, warn: (t) => warnings.push(t) }, warnings };
}

/** Runs on `content` and expects a refusal: exit code, message parts, and not one file created or changed. */
async function expectRefused(content: string | Buffer, expected: { exit: number; says: (string | RegExp)[] }, options: RunOptions = {}, dir?: string): Promise<AlLabelError> {
  const d = dir ?? (await tempDir());
  const manifest = join(d, "m.jsonl");
  if (!dir) await writeFile(manifest, content);
  const before = await snapshotDir(d);
  const err = await run(manifest, { reporter: nullReporter, clock: PINNED_CLOCK, ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AlLabelError);
  const e = err as AlLabelError;
  expect(e.exitCode).toBe(expected.exit);
  for (const part of expected.says) expect(e.message).toMatch(part);
  expect(await snapshotDir(d)).toEqual(before);
  if (!dir) expect(existsSync(join(d, "m.jsonl.al-label"))).toBe(false);
  return e;
}

async function runOn(content: string | Buffer, options: RunOptions = {}): Promise<{ dir: string; manifest: string; warnings: string[]; exitCode: number; output: string }> {
  const dir = await tempDir();
  const manifest = join(dir, "m.jsonl");
  await writeFile(manifest, content);
  const { reporter, warnings } = collecting();
  const { exitCode } = await run(manifest, { reporter, clock: PINNED_CLOCK, ...options });
  const outPath = join(dir, "m.jsonl.al-label", "output.jsonl");
  return { dir, manifest, warnings, exitCode, output: existsSync(outPath) ? await readFile(outPath, "utf8") : "" };
}

const lines = (rows: string[]): string => `${rows.join("\n")}\n`;

describe("bad rows are refused with file, line and field, exit 65, and nothing written", () => {
  it("invalid JSON", async () => {
    const e = await expectRefused(lines([GOOD[0]!, '{"source": "unterminated', ...GOOD.slice(1)]), { exit: 65, says: [/m\.jsonl, line 2: invalid JSON/, /nothing was changed/] });
    expect((e as DataError).issues).toHaveLength(1);
  });
  it("a line that is not an object (array, string, null)", async () => {
    await expectRefused(lines([...GOOD, "[1, 2]", '"text"', "null"]), {
      exit: 65,
      says: [/line 7: expected a JSON object, got an array/, /line 8: expected a JSON object, got string/, /line 9: expected a JSON object, got null/],
    });
  });
  it("a missing source", async () => {
    await expectRefused(lines([...GOOD, '{"text": "no source key", "category": "sports"}']), { exit: 65, says: [/line 7, field "source": missing/] });
  });
  it("a source that is not a string", async () => {
    await expectRefused(lines([...GOOD, '{"source": 42}', '{"source": ["a"]}']), { exit: 65, says: [/line 7, field "source": expected a string, got number/, /line 8, field "source": expected a string, got an array/] });
  });
  it("empty text", async () => {
    await expectRefused(lines([...GOOD, '{"source": "   "}']), { exit: 65, says: [/line 7, field "source": text is empty/] });
  });
  it("labels outside the label set, by index and by name", async () => {
    const rows = [...GOOD, '{"source": "x", "category": 7}', '{"source": "y", "category": "weather"}'];
    await expectRefused(lines(rows), { exit: 65, says: [/line 7, field "category": class index 7 is outside the label set \(0\.\.1\)/, /line 8, field "category": label "weather" is not in the label set \(sports, politics\)/] }, { labels: "sports,politics" });
  });
  it("a very long bad label value is cut short in the message", async () => {
    const e = await expectRefused(lines([...GOOD, JSON.stringify({ source: "x", category: "z".repeat(100_000) })]), { exit: 65, says: [/line 7, field "category"/] }, { labels: "sports,politics" });
    expect(e.message.length).toBeLessThan(500);
  });
  it("invalid UTF-8", async () => {
    const bad = Buffer.concat([Buffer.from(`${GOOD.join("\n")}\n{"source": "caf`), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]);
    await expectRefused(bad, { exit: 65, says: [/line 7: not valid UTF-8/] });
  });
  it("an invalid 10 MB line gives a short message", async () => {
    const e = await expectRefused(lines([...GOOD, `{"source": "${"a".repeat(10_000_000)}" oops}`]), { exit: 65, says: [/line 7: invalid JSON/] });
    expect(e.message.length).toBeLessThan(500);
  });
  it("a __proto__ key is data: a source inside it is no source", async () => {
    await expectRefused(lines([...GOOD, '{"__proto__": {"source": "hidden"}}']), { exit: 65, says: [/line 7, field "source": missing/] });
    expect(({} as Record<string, unknown>).source).toBeUndefined();
  });
  it("an empty manifest, and one of blank lines only", async () => {
    await expectRefused("", { exit: 65, says: [/m\.jsonl: the manifest has no rows/] });
    await expectRefused("\n  \n\n", { exit: 65, says: [/the manifest has no rows/] });
  });
  it("every bad line is listed at once", async () => {
    const e = await expectRefused(lines(['{"source": ""}', ...GOOD, "{", '{"source": 1}']), { exit: 65, says: [/3 problem\(s\)/, /line 1/, /line 8/, /line 9/] });
    expect((e as DataError).issues.map((i) => i.line)).toEqual([1, 8, 9]);
  });
  it("through the command: exit status 65 and the message on stderr", async () => {
    const bin = resolve(import.meta.dirname, "../../bin/al-label.js");
    if (!existsSync(resolve(import.meta.dirname, "../../dist/cli/main.js"))) return; // needs the build (npm test builds first)
    const dir = await tempDir();
    await writeFile(join(dir, "m.jsonl"), lines([...GOOD, '{"source": 3}']));
    const r = spawnSync(process.execPath, [bin, "run", join(dir, "m.jsonl")], { encoding: "utf8" });
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/m\.jsonl, line 7, field "source": expected a string, got number/);
    expect(existsSync(join(dir, "m.jsonl.al-label"))).toBe(false);
  });
});

describe("bad label sets and label attributes", () => {
  it("a duplicate label in --labels is a usage error (exit 2)", async () => {
    await expectRefused(lines(GOOD), { exit: 2, says: [/--labels: label "sports" appears twice/] }, { labels: "sports,politics,sports" });
  });
  it("a duplicate label in a label-category file is bad data (exit 65), naming the file and field", async () => {
    const dir = await tempDir();
    const file = join(dir, "labels.json");
    await writeFile(file, JSON.stringify({ "document-version": "2018-11-28", labels: [{ label: "sports" }, { label: "politics" }, { label: "sports" }] }));
    await writeFile(join(dir, "m.jsonl"), lines(GOOD));
    await expectRefused("", { exit: 65, says: [/labels\.json, field "labels\[2\]\.label": label "sports" appears twice \(also at position 0\)/] }, { labels: file }, dir);
  });
  it("a label-category file that is not JSON (exit 65)", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "labels.json"), "{labels: nope");
    await writeFile(join(dir, "m.jsonl"), lines(GOOD));
    await expectRefused("", { exit: 65, says: [/labels\.json: not valid JSON/] }, { labels: join(dir, "labels.json") }, dir);
  });
  it("a label attribute containing -metadata is a usage error (exit 2): it is a flag, not data", async () => {
    await expectRefused(lines(GOOD), { exit: 2, says: [/--label-attribute "category-metadata" must not contain "-metadata"/] }, { labelAttribute: "category-metadata" });
  });
});

describe("accepted with a warning, output still correct", () => {
  it("a byte-order mark: ignored, and not copied to the output", async () => {
    const r = await runOn(`\uFEFF${lines(GOOD)}`);
    expect(r.exitCode).toBe(0);
    expect(r.warnings.join("\n")).toMatch(/byte-order mark at the start was ignored/);
    expect(r.output.charCodeAt(0)).not.toBe(0xfeff);
    expect(r.output).toBe(lines(GOOD));
  });
  it("CRLF line ends: read as plain line ends; the output uses LF", async () => {
    const r = await runOn(`${GOOD.join("\r\n")}\r\n`);
    expect(r.exitCode).toBe(0);
    expect(r.warnings.join("\n")).toMatch(/6 line\(s\) end in CRLF/);
    expect(r.output).toBe(lines(GOOD));
  });
  it("a 10 MB row is kept whole, with a note that it passes Ground Truth's limit", async () => {
    const big = labeled(`${"word ".repeat(2_000_000)}end`, "sports");
    const r = await runOn(lines([...GOOD, big]));
    expect(r.exitCode).toBe(0);
    expect(r.warnings.join("\n")).toMatch(/1 row\(s\) have more than 100,000 characters .* first at line 7\); kept/);
    expect(r.output.split("\n")[6]).toBe(big);
  });
  it("__proto__ keys pass through as data and pollute nothing", async () => {
    const row = '{"source": "team wins", "__proto__": {"polluted": true}, "category": "sports"}';
    const r = await runOn(lines([...GOOD, row]));
    expect(r.exitCode).toBe(0);
    expect(r.output.split("\n")[6]).toBe(row);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("--on-invalid skip", () => {
  it("skips bad rows, lists them in invalid-rows.jsonl, and leaves them out of the output", async () => {
    const rows = [GOOD[0]!, "{broken", GOOD[1]!, '{"source": ""}', ...GOOD.slice(2), '{"source": "x", "category": "weather"}'];
    const r = await runOn(lines(rows), { onInvalid: "skip", labels: "sports,politics" });
    expect(r.exitCode).toBe(0);
    expect(r.output).toBe(lines(GOOD));
    expect(r.warnings.join("\n")).toMatch(/skipped 3 invalid row\(s\)/);
    const report = (await readFile(join(r.dir, "m.jsonl.al-label", "invalid-rows.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    expect(report.map((x) => x.line)).toEqual([2, 4, 9]);
    expect(report[1]).toEqual({ file: r.manifest, line: 4, problems: [{ field: "source", message: "text is empty" }] });
  });
  it("still fails (exit 65) when no row is valid", async () => {
    await expectRefused(lines(["{", "[]"]), { exit: 65, says: [/no valid rows/] }, { onInvalid: "skip" });
  });
});

describe("a manifest changed between runs", () => {
  /** 30 labeled rows and 4 to label: the first run trains, and simulated people answer from `gold`. */
  const base = (): string[] => [
    ...Array.from({ length: 15 }, (_, i) => [labeled(`team wins the match goal ${i}`, "sports", { gold: "sports" }), labeled(`senate passes the bill vote ${i}`, "politics", { gold: "politics" })]).flat(),
    JSON.stringify({ source: "the striker scores a goal", gold: "sports" }),
    JSON.stringify({ source: "the senate vote on the bill", gold: "politics" }),
    JSON.stringify({ source: "match ends in a draw", gold: "sports" }),
    JSON.stringify({ source: "new tax bill passes", gold: "politics" }),
  ];
  async function started(): Promise<{ dir: string; manifest: string }> {
    const r = await runOn(lines(base()), { simulateHumans: "gold" });
    expect(r.exitCode).toBe(0);
    return { dir: r.dir, manifest: r.manifest };
  }

  it("an edited text is refused, naming the line and field; the work dir is untouched", async () => {
    const { dir, manifest } = await started();
    const rows = base();
    rows[4] = JSON.stringify({ ...JSON.parse(rows[4]!), source: "edited text" });
    await writeFile(manifest, lines(rows));
    await expectRefused("", { exit: 65, says: [/1 row\(s\) edited, 0 inserted, 0 removed/, /line 5, field "source": text edited/, /start over with a new --workdir/] }, { simulateHumans: "gold" }, dir);
  });
  it("an edited input label is refused, naming the label field", async () => {
    const { dir, manifest } = await started();
    const rows = base();
    rows[1] = labeled("senate passes the bill vote 0", "sports", { gold: "politics" });
    await writeFile(manifest, lines(rows));
    await expectRefused("", { exit: 65, says: [/line 2, field "category": input label edited/] }, { simulateHumans: "gold" }, dir);
  });
  it("a removed row is refused", async () => {
    const { dir, manifest } = await started();
    await writeFile(manifest, lines(base().filter((_, i) => i !== 2)));
    await expectRefused("", { exit: 65, says: [/0 row\(s\) edited, 0 inserted, 1 removed/, /row 3 of the manifest the work dir was started with is gone/] }, { simulateHumans: "gold" }, dir);
  });
  it("a row inserted in the middle is refused", async () => {
    const { dir, manifest } = await started();
    const rows = base();
    rows.splice(3, 0, JSON.stringify({ source: "an inserted row", gold: "sports" }));
    await writeFile(manifest, lines(rows));
    await expectRefused("", { exit: 65, says: [/1 inserted/, /line 4: row inserted before the end/] }, { simulateHumans: "gold" }, dir);
  });
  it("rows appended at the end are taken in as new rows and labeled", async () => {
    const { dir, manifest } = await started();
    await appendFile(manifest, lines([JSON.stringify({ source: "goal in extra time", gold: "sports" }), JSON.stringify({ source: "the bill goes to the senate", gold: "politics" })]));
    const { reporter, warnings } = collecting();
    const again = await run(manifest, { reporter, clock: PINNED_CLOCK, simulateHumans: "gold" });
    expect(again.exitCode).toBe(0);
    expect(warnings.join("\n")).toMatch(/2 row\(s\) appended since the work dir was started \(from line 35\); they are taken in as new rows/);
    const out = (await readFile(join(dir, "m.jsonl.al-label", "output.jsonl"), "utf8")).trim().split("\n");
    expect(out).toHaveLength(36);
    expect(JSON.parse(out[35]!)).toMatchObject({ source: "the bill goes to the senate", "category-metadata": { "class-name": expect.any(String) } });
  });
  it("a change to other keys only is accepted, and the output copies them as they are now", async () => {
    const { dir, manifest } = await started();
    const rows = base();
    rows[0] = labeled("team wins the match goal 0", "sports", { gold: "sports", note: "added later" });
    await writeFile(manifest, lines(rows));
    const { reporter, warnings } = collecting();
    expect((await run(manifest, { reporter, clock: PINNED_CLOCK, simulateHumans: "gold" })).exitCode).toBe(0);
    expect(warnings.join("\n")).toMatch(/no row's text or label did; continuing/);
    const out = (await readFile(join(dir, "m.jsonl.al-label", "output.jsonl"), "utf8")).split("\n");
    expect(JSON.parse(out[0]!).note).toBe("added later");
  });
});
