import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { train, type TrainSummary } from "../../src/cli/commands/train.js";
import { predict } from "../../src/cli/commands/predict.js";
import { DataError, UsageError } from "../../src/errors.js";
import { loadFastTextModel } from "../../src/fasttext/artifacts.js";
import { fileIOHandler } from "../../src/fasttext/tfjs-file-io.js";
import { nullReporter } from "../../src/report/reporter.js";

const ROOT = resolve(import.meta.dirname, "../..");
const TSV = join(ROOT, "fixtures/fasttext/uci-news-sample.tsv");
const MANIFEST = join(ROOT, "fixtures/manifests/uci-2000.jsonl");
const LABELS_JSON = join(ROOT, "fixtures/manifests/uci-2000.labels.json");
// Small, fast settings that still learn the 1,200 headlines well (few buckets keep the model tiny).
const FAST = { epochs: 20, learningRate: 0.5, vectorDim: 16, minCount: 1, buckets: 100_003, reporter: nullReporter };

interface Rec {
  label: string[];
  prob: number[];
}
let dir: string;
let gold: string[];
let trained: TrainSummary;
const files = { train: "", test: "", csv: "" };

const readRecords = async (path: string): Promise<Rec[]> => (await readFile(path, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l) as Rec);
const csvCell = (s: string): string => `"${s.replace(/"/g, '""')}"`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "al-label-tp-"));
  const rows = (await readFile(TSV, "utf8")).split("\n").filter(Boolean).map((l) => l.split("\t") as [string, string, string]);
  const test = rows.filter((r) => r[0] === "test");
  gold = test.map((r) => r[1]);
  files.train = join(dir, "train.txt");
  files.test = join(dir, "test.ft");
  files.csv = join(dir, "test.csv");
  await writeFile(files.train, rows.filter((r) => r[0] === "train").map((r) => `__label__${r[1]} ${r[2]}`).join("\n") + "\n");
  await writeFile(files.test, test.map((r) => `__label__${r[1]} ${r[2]}`).join("\n") + "\n");
  await writeFile(files.csv, "text,label\n" + test.map((r) => `${csvCell(r[2])},${r[1]}`).join("\n") + "\n");
  trained = await train(files.train, { ...FAST, out: join(dir, "model") });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("train", () => {
  it("trains on every labeled line of a fastText file and saves a loadable model", async () => {
    expect(trained).toMatchObject({ rows: 1200, trainRows: 1200, validationRows: 0, unlabeledIgnored: 0, epochs: 20, out: join(dir, "model") });
    expect(trained.labels).toEqual(["business", "entertainment", "health", "science_technology"]);
    const { meta } = await loadFastTextModel(trained.out);
    expect(meta.labels).toEqual(trained.labels);
    expect(meta.params).toMatchObject({ epochs: 20, learningRate: 0.5, vectorDim: 16, wordNgrams: 2, minCount: 1, minn: 0, maxn: 0, normalize: false });
  });

  it("uses only the labeled rows of a manifest and reports the unlabeled ones", async () => {
    const s = await train(MANIFEST, { ...FAST, labels: LABELS_JSON, out: join(dir, "manifest-model") });
    expect(s).toMatchObject({ rows: 400, unlabeledIgnored: 1600, labels: ["business", "entertainment", "health", "science_technology"] });
  });

  it("holds out a stratified validation set and stops early on it", async () => {
    const s = await train(files.train, { ...FAST, epochs: 60, earlyStopping: true, patience: 2, minEpochs: 1, subwords: { minn: 3, maxn: 5 }, normalize: true, out: join(dir, "es-model") });
    expect(s.validationRows).toBe(120); // 10% of each label's rows
    expect(s.trainRows).toBe(1080);
    expect(s.epochs).toBeLessThan(60);
    expect(s.validationAccuracy).toBeGreaterThan(0.6);
    expect((await loadFastTextModel(s.out)).meta.params).toMatchObject({ minn: 3, maxn: 5, normalize: true });
  });

  it("rejects a missing input as a usage error (exit 2)", async () => {
    await expect(train(join(dir, "nope.txt"), { ...FAST, out: join(dir, "x") })).rejects.toMatchObject({ exitCode: 2, constructor: UsageError });
  });

  it("rejects a file without any label as a data error (exit 65)", async () => {
    const plain = join(dir, "plain.txt");
    await writeFile(plain, "no labels here\nnor here\n");
    await expect(train(plain, { ...FAST, out: join(dir, "x") })).rejects.toMatchObject({ exitCode: 65, message: expect.stringContaining("no line has a __label__") });
  });

  it("lists every line whose label is outside --labels (exit 65)", async () => {
    const err = await train(files.train, { ...FAST, labels: "business,health", out: join(dir, "x") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    const issues = (err as DataError).issues;
    expect(issues.length).toBeGreaterThan(100);
    expect(issues[0]).toMatchObject({ field: "label", line: expect.any(Number) });
  });

  it("refuses early stopping without a validation set, and a non-model --out folder", async () => {
    await expect(train(files.train, { ...FAST, earlyStopping: true, validationFraction: 0 })).rejects.toBeInstanceOf(UsageError);
    const busy = join(dir, "busy");
    await mkdir(busy);
    await writeFile(join(busy, "notes.txt"), "mine");
    await expect(train(files.train, { ...FAST, out: busy })).rejects.toThrow(/holds no model/);
  });
});

describe("predict", () => {
  it("writes one record per row, best first, k labels, scored against the gold labels", async () => {
    const out = join(dir, "p1.jsonl");
    const s = await predict(trained.out, files.test, { output: out });
    const recs = await readRecords(out);
    expect(recs).toHaveLength(300);
    expect(recs.every((r) => r.label.length === 1 && r.prob.length === 1)).toBe(true);
    const correct = recs.filter((r, i) => r.label[0] === `__label__${gold[i]}`).length;
    expect(s.scored).toMatchObject({ rows: 300, k: 1 });
    expect(s.scored!.accuracy).toBeCloseTo(correct / 300, 10);
    expect(s.scored!.accuracy).toBeGreaterThan(0.7); // chance is 0.25
    expect(s.scored!.precisionAtK).toBeCloseTo(s.scored!.accuracy, 10);
  });

  it("with k = every label, probabilities are sorted and sum to 1", async () => {
    const out = join(dir, "p4.jsonl");
    const s = await predict(trained.out, files.test, { output: out, k: 9 });
    expect(s.k).toBe(4); // clamped to the label count
    for (const r of await readRecords(out)) {
      expect(new Set(r.label).size).toBe(4);
      for (let i = 1; i < 4; i++) expect(r.prob[i]!).toBeLessThanOrEqual(r.prob[i - 1]!);
      expect(r.prob.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    expect(s.scored!.recallAtK).toBe(1);
  });

  it("gives the same records for the same texts read from CSV and plain text", async () => {
    const fromFt = join(dir, "ft.jsonl");
    const fromCsv = join(dir, "csv.jsonl");
    const fromText = join(dir, "text.jsonl");
    const plain = join(dir, "plain-test.txt");
    await writeFile(plain, (await readFile(files.test, "utf8")).replace(/^__label__\S+ /gm, ""));
    const ft = await predict(trained.out, files.test, { output: fromFt, k: 2 });
    const csv = await predict(trained.out, files.csv, { output: fromCsv, k: 2 });
    const text = await predict(trained.out, plain, { output: fromText, k: 2, format: "text" });
    expect(await readFile(fromCsv, "utf8")).toBe(await readFile(fromFt, "utf8"));
    expect(await readFile(fromText, "utf8")).toBe(await readFile(fromFt, "utf8"));
    expect(csv.scored).toEqual(ft.scored);
    expect(text.scored).toBeNull();
  });

  it("scores manifest rows that carry labels and predicts every row", async () => {
    const model = join(dir, "manifest-model");
    await train(MANIFEST, { ...FAST, labels: LABELS_JSON, out: model });
    const out = join(dir, "m.jsonl");
    const s = await predict(model, MANIFEST, { output: out });
    expect(s.rows).toBe(2000);
    expect(s.scored!.rows).toBe(400);
    expect(await readRecords(out)).toHaveLength(2000);
  });

  it("streams to a stream in chunks when no --output is given", async () => {
    const chunks: string[] = [];
    const { Writable } = await import("node:stream");
    const sink = new Writable({ write(c: Buffer, _e, cb) { chunks.push(c.toString()); cb(); } });
    const s = await predict(trained.out, files.test, { stdout: sink });
    expect(s.output).toBe("stdout");
    expect(chunks.join("").split("\n").filter(Boolean)).toHaveLength(300);
  });

  it("counts gold labels the model does not know as wrong", async () => {
    const odd = join(dir, "odd.txt");
    await writeFile(odd, "__label__sports Lakers win again\n__label__business stocks rally on Fed\n");
    const s = await predict(trained.out, odd, { output: join(dir, "odd.jsonl") });
    expect(s.unknownGold).toEqual({ sports: 1 });
    expect(s.scored!.rows).toBe(2);
    expect(s.scored!.accuracy).toBeLessThanOrEqual(0.5);
  });

  it("rejects a folder that holds no model, and a missing input, as usage errors", async () => {
    await expect(predict(dir, files.test)).rejects.toThrow(/holds no model/);
    await expect(predict(trained.out, join(dir, "missing.txt"), { output: join(dir, "never.jsonl") })).rejects.toBeInstanceOf(UsageError);
  });

  it("agrees with the saved model loaded in plain TF.js", async () => {
    const out = join(dir, "tf.jsonl");
    await predict(trained.out, files.test, { output: out, k: 4 });
    const recs = (await readRecords(out)).slice(0, 30);
    const { model, meta } = await loadFastTextModel(trained.out);
    const layers = await tf.loadLayersModel(fileIOHandler(pathToFileURL(join(trained.out, "model.json")).href));
    const texts = (await readFile(files.test, "utf8")).split("\n").slice(0, 30).map((l) => l.replace(/^__label__\S+ /, ""));
    const enc = model.dictionary.encode(texts);
    const F = model.dictionary.size;
    const x = new Float32Array(texts.length * F); // the bag as a dense row: count / ntokens per feature
    for (let r = 0; r < texts.length; r++) for (let p = enc.offsets[r]!; p < enc.offsets[r + 1]!; p++) x[r * F + enc.ids[p]!]! += 1 / enc.ntokens[r]!;
    const input = tf.tensor2d(x, [texts.length, F]);
    const output = layers.predict(input) as tf.Tensor;
    const got = await output.data();
    tf.dispose([input, output]);
    layers.dispose();
    recs.forEach((r, row) => {
      r.label.forEach((name, j) => {
        const idx = meta.labels.indexOf(name.replace("__label__", ""));
        expect(Math.abs(got[row * 4 + idx]! - r.prob[j]!)).toBeLessThan(1e-4);
      });
    });
  });
});
