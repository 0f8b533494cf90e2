import { describe, expect, it } from "vitest";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run, type RunOptions } from "../../src/cli/commands/run.js";
import { AlLabelError } from "../../src/errors.js";
import { readManifest } from "../../src/manifest/read.js";
import { nullReporter } from "../../src/report/reporter.js";
import { PINNED_CLOCK } from "../helpers/fixture-run.js";
import { snapshotDir } from "../helpers/dir-snapshot.js";
import { tempDir } from "../helpers/temp-dir.js";

/** Six labeled rows of two classes: a run on them needs no training. */
const GOOD = [0, 1, 2].flatMap((i) => [`team wins the match ${i},sports`, `senate passes the bill ${i},politics`]);

async function write(content: string | Buffer, name = "m.csv"): Promise<{ dir: string; path: string }> {
  const dir = await tempDir("al-label-csv-");
  const path = join(dir, name);
  await writeFile(path, content);
  return { dir, path };
}

/** Runs on `content` and expects a refusal with this exit code; nothing in the folder is created or changed. */
async function refused(content: string | Buffer, exit: number, options: RunOptions = {}): Promise<AlLabelError> {
  const { dir, path } = await write(content);
  const before = await snapshotDir(dir);
  const err = await run(path, { reporter: nullReporter, clock: PINNED_CLOCK, labelColumn: "label", ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AlLabelError);
  expect((err as AlLabelError).exitCode).toBe(exit);
  expect(await snapshotDir(dir)).toEqual(before);
  return err as AlLabelError;
}

const csv = (lines: string[], eol = "\n"): string => `${lines.join(eol)}${eol}`;

describe("CSV rows whose field count differs from the header (issue 18, item 3)", () => {
  it("an unquoted comma is refused with file and line (exit 65), not shifted into the label column", async () => {
    const e = await refused(csv(["text,label", ...GOOD.slice(0, 2), "hello, world,sports", ...GOOD.slice(2)]), 65);
    expect(e.message).toMatch(/m\.csv, line 4: 3 field\(s\) where the header has 2/);
    expect(e.message).not.toMatch(/label " world"/);
  });

  it("a record with too few fields is refused too", async () => {
    const e = await refused(csv(["text,label,note", "a b c,sports,x", "d e f,politics", "g h,politics,y"]), 65);
    expect(e.message).toMatch(/line 3: 2 field\(s\) where the header has 3/);
  });
});

describe("CSV headers (issue 18, item 3)", () => {
  it("a column named twice is refused (exit 65), naming both columns", async () => {
    const e = await refused(csv(["text,label,text", ...GOOD.map((l) => `${l},x`)]), 65);
    expect(e.message).toMatch(/line 1: the header names column "text" twice \(columns 1 and 3\)/);
  });

  it("a column named __proto__ is a column like any other: listed, and usable as the text column", async () => {
    const { path } = await write(csv(["__proto__,label", ...GOOD]));
    const m = await readManifest({ path, labelAttribute: "category", textColumn: "__proto__", labelColumn: "label" });
    expect(m.rows.map((r) => r.text)).toEqual(GOOD.map((l) => l.split(",")[0]));
    expect(m.labels).toEqual(["politics", "sports"]);
    expect(({} as Record<string, unknown>).label).toBeUndefined();
    const e = await refused(csv(["__proto__,label", ...GOOD]), 65);
    expect(e.message).toMatch(/column "text" is not in the header \("__proto__", "label"\)/);
  });
});

describe("missing text column and one-class manifests are bad data (issue 18, item 12)", () => {
  it("a missing text column exits 65", async () => {
    const e = await refused(csv(["body,label", ...GOOD]), 65);
    expect(e.message).toMatch(/column "text" is not in the header .*--text-column/);
  });

  it("a CSV whose labeled rows name one class exits 65", async () => {
    const e = await refused(csv(["text,label", "a b,sports", "c d,sports", "e f,"]), 65);
    expect(e.message).toMatch(/only one class \(sports\)/);
  });

  it("a JSONL manifest whose labeled rows name one class exits 65", async () => {
    const rows = ["a b", "c d"].map((t) => JSON.stringify({ source: t, category: "sports" }));
    const { dir, path } = await write(`${rows.join("\n")}\n`, "m.jsonl");
    const before = await snapshotDir(dir);
    const err = await run(path, { reporter: nullReporter, clock: PINNED_CLOCK }).catch((e: unknown) => e);
    expect((err as AlLabelError).exitCode).toBe(65);
    expect(await snapshotDir(dir)).toEqual(before);
  });
});

describe("line numbers and the order of problems (issue 18, item 16)", () => {
  it("after a quoted cell holding CRLF, lines are counted once per line break", async () => {
    const e = await refused(csv(["text,label", '"two\r\nlines",sports', ...GOOD.slice(0, 2), "hello, world,sports"], "\r\n"), 65);
    expect(e.message).toMatch(/line 6: 3 field\(s\)/);
    expect(e.message).not.toMatch(/line 7/);
  });

  it("a multi-line record is named by the line it starts on; blank lines are counted", async () => {
    const e = await refused(csv(["text,label", "", '"two\nlines",sports', "", "bad,row,here", ...GOOD]), 65);
    expect(e.message).toMatch(/line 6: 3 field\(s\)/);
  });

  it("problems are listed in line order, whatever found them", async () => {
    // line 2: a label outside --labels (found when labels are resolved); line 3: empty text (found when read)
    const e = await refused(csv(["text,label", "rain tomorrow,weather", " ,sports", ...GOOD]), 65, { labels: "sports,politics" });
    const at = (re: RegExp): number => e.message.search(re);
    expect(at(/line 2/)).toBeGreaterThan(0);
    expect(at(/line 2/)).toBeLessThan(at(/line 3/));
  });

  it("an unclosed quote is named by the line its record starts on, after a quoted CRLF too", async () => {
    const e = await refused(csv(["text,label", '"two\r\nlines",sports', ...GOOD.slice(0, 2), '"never closed,sports', ...GOOD.slice(2)], "\r\n"), 65);
    expect(e.message).toMatch(/line 6: a quoted cell starting in this record is never closed/);
  });

  it("a NUL line says what is wrong in words, without a NUL in the message", async () => {
    const e = await refused(Buffer.concat([Buffer.from(csv(["text,label", ...GOOD.slice(0, 2)])), Buffer.from([0, 0, 0, 0x0a]), Buffer.from(csv(GOOD.slice(2)))]), 65);
    expect(e.message).toMatch(/line 4: the line contains NUL characters \(byte 0\)/);
    expect(e.message).not.toContain("\u0000");
  });

  it("a NUL line in JSON Lines says the same", async () => {
    const good = GOOD.map((l) => JSON.stringify({ source: l.split(",")[0], category: l.split(",")[1] }));
    const { path } = await write(Buffer.concat([Buffer.from(`${good.join("\n")}\n`), Buffer.from([0, 0, 0x0a])]), "m.jsonl");
    const err = (await run(path, { reporter: nullReporter, clock: PINNED_CLOCK }).catch((e: unknown) => e)) as AlLabelError;
    expect(err.exitCode).toBe(65);
    expect(err.message).toMatch(/line 7: the line contains NUL characters/);
    expect(err.message).not.toContain("\u0000");
  });

});

describe("the output of a CSV run", () => {
  it("--on-invalid skip leaves out a row with the wrong field count, after a multi-line record, and writes the rest", async () => {
    const { dir, path } = await write(csv(["text,label", '"two\r\nlines",sports', "hello, world,sports", ...GOOD], "\r\n"));
    const { exitCode } = await run(path, { reporter: nullReporter, clock: PINNED_CLOCK, labelColumn: "label", onInvalid: "skip" });
    expect(exitCode).toBe(0);
    const out = (await readFile(join(dir, "m.csv.al-label", "output.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.source)).toEqual(["two\r\nlines", ...GOOD.map((l) => l.split(",")[0])]);
    const invalid = JSON.parse((await readFile(join(dir, "m.csv.al-label", "invalid-rows.jsonl"), "utf8")).trim()) as { line: number };
    expect(invalid.line).toBe(4);
  });


  it("quoted commas, a quoted CRLF and a __proto__ column: the run completes and every column comes out", async () => {
    const rows = ['"hello, world",sports,a', '"two\r\nlines",politics,b', ...GOOD.map((l) => `${l},c`)];
    const { dir, path } = await write(csv(["text,label,__proto__", ...rows], "\r\n"));
    const { exitCode } = await run(path, { reporter: nullReporter, clock: PINNED_CLOCK, labelColumn: "label" });
    expect(exitCode).toBe(0);
    const out = (await readFile(join(dir, "m.csv.al-label", "output.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(8);
    expect(out[0]!.source).toBe("hello, world");
    expect(out[1]!.source).toBe("two\r\nlines");
    expect(Object.prototype.hasOwnProperty.call(out[1], "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out[1], "__proto__")?.value).toBe("b");
  });
});
