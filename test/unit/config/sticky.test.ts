import { describe, expect, it } from "vitest";
import { RUN_DEFAULTS, repeatsOfUnsetStore } from "../../../src/config/run-config.js";
import { checkLabelsFlag, resolveSettings, storeOf, type ResolveInput } from "../../../src/config/sticky.js";
import { UsageError } from "../../../src/errors.js";

const at = { next: "al-label run m.jsonl", stateFile: "/w/state.json" };
const first = (given: ResolveInput["given"]) => resolveSettings({ given, ...at });
const again = (given: ResolveInput["given"], stored = first({ targetAccuracy: 0.995, model: "fasttext" }).store) => resolveSettings({ given, stored, ...at });
const refusal = (f: () => unknown): UsageError => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return err as UsageError;
  }
  throw new Error("not refused");
};

describe("sticky settings (pure)", () => {
  it("a new work dir takes the flags and the defaults, and stores them", () => {
    const r = first({ targetAccuracy: 0.995, model: "fasttext" });
    expect(r.config).toMatchObject({ targetAccuracy: 0.995, model: "fasttext", folds: 5 });
    expect(r.store).toMatchObject({ targetAccuracy: 0.995, model: "fasttext", folds: 5, batchSize: null });
  });

  it("a later run without flags uses the stored values (the plain `run m.jsonl` keeps fasttext at 0.995)", () => {
    const r = again({});
    expect(r.config.targetAccuracy).toBe(0.995);
    expect(r.config.model).toBe("fasttext");
    expect(r.changes).toEqual([]);
  });

  it('repeats left to their rule are stored as "auto" (not null, which older versions stored for their rule); a number stays a number', () => {
    const fresh = first({});
    expect(fresh.store.repeats).toBe("auto");
    expect(again({}, fresh.store).config.repeats).toBe("auto");
    expect(again({ repeats: "auto" }, fresh.store).changes).toEqual([]);
    expect(first({ repeats: 2 }).store.repeats).toBe(2);
    // made by a version whose default was 3 repeats for every encoder
    const older = again({}, { ...fresh.store, repeats: 3 });
    expect(older.config.repeats).toBe(3);
    expect(older.changes).toEqual([]);
    expect(older.store.repeats).toBe(3);
  });

  it("a work dir that stored repeats unset (2026-12-01 and -02) goes on with that version's rule: 2 with an encoder, 3 without", () => {
    const identity = { kind: "static", name: "minilm-l6-static", contentHash: "ab" };
    expect(repeatsOfUnsetStore(identity, "default")).toBe(2);
    expect(repeatsOfUnsetStore(null, "default")).toBe(3);
    expect(repeatsOfUnsetStore(undefined, "none")).toBe(3);
    expect(repeatsOfUnsetStore(undefined, "default")).toBe(2);
  });

  it("a flag equal to the stored value is no contradiction", () => {
    expect(again({ targetAccuracy: 0.995 }).changes).toEqual([]);
  });

  it("a contradicting flag is refused (exit 2) naming the setting, the stored value, the given value and --reconfigure", () => {
    const err = refusal(() => again({ model: "dense+nb" }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain("--model");
    expect(err.message).toContain('"fasttext"');
    expect(err.message).toContain('"dense+nb"');
    expect(err.message).toContain("--reconfigure");
    expect(err.message).toContain("al-label run m.jsonl");
  });

  it("every contradiction is listed at once", () => {
    const err = refusal(() => again({ model: "dense", targetAccuracy: 0.9 }));
    expect(err.message).toContain("--model");
    expect(err.message).toContain("--target-accuracy");
  });

  it("--reconfigure takes the new value and reports the change, to be recorded with its round", () => {
    const r = again({ targetAccuracy: 0.9, reconfigure: true });
    expect(r.config.targetAccuracy).toBe(0.9);
    expect(r.store.targetAccuracy).toBe(0.9);
    expect(r.changes).toEqual([{ setting: "targetAccuracy", from: 0.995, to: 0.9, how: "reconfigure" }]);
  });

  it("what decides the rows (text or label column, label attribute, format) cannot change, not even with --reconfigure", () => {
    const stored = first({ format: "csv", labelColumn: "label" }).store;
    const err = refusal(() => resolveSettings({ given: { labelColumn: "y", reconfigure: true }, stored, ...at }));
    expect(err.message).toContain("--label-column");
    expect(err.message).toContain("another --workdir");
    const labels = refusal(() => checkLabelsFlag(["ham", "spam", "eggs"], ["ham", "spam"], at));
    expect(labels.message).toContain("[ham, spam]");
    expect(() => checkLabelsFlag(["ham", "spam"], ["ham", "spam"], at)).not.toThrow();
  });

  it("threads, engine and backend may change, with a warning about the last digits; the new value is stored", () => {
    const r = again({ threads: 4 });
    expect(r.config.threads).toBe(4);
    expect(r.store.threads).toBe(4);
    expect(r.warnings.join("\n")).toMatch(/--threads 4 .*last digits/);
    expect(r.changes).toEqual([{ setting: "threads", from: 1, to: 4, how: "warning" }]);
  });

  it("free settings are never stored or compared", () => {
    const r = again({ maxRounds: 2, quiet: true, json: true, output: "/tmp/o.jsonl" });
    expect(r.config).toMatchObject({ maxRounds: 2, quiet: true });
    expect(r.changes).toEqual([]);
  });

  it("--epochs and --learning-rate are stored only when given: the dense model's own defaults stay its defaults", () => {
    const plain = first({ model: "dense" });
    expect(plain.store.epochs).toBeNull();
    expect(again({}, plain.store).explicit.epochs).toBeUndefined();
    const set = first({ model: "dense", epochs: 3 });
    expect(again({}, set.store).explicit.epochs).toBe(3);
  });

  it("a work dir from before stored settings is asked for them once (exit 2, with the command), then stores them with --reconfigure", () => {
    const legacy = { legacy: true, fromState: { labelAttribute: "category", seed: 7 }, ...at };
    const err = refusal(() => resolveSettings({ given: { model: "fasttext" }, ...legacy }));
    expect(err.exitCode).toBe(2);
    expect(err.message).toContain("al-label run m.jsonl --model fasttext --reconfigure");
    expect(err.message).toContain("seed 7");
    const r = resolveSettings({ given: { model: "fasttext", reconfigure: true }, ...legacy });
    expect(r.config.seed).toBe(7);
    expect(r.store).toMatchObject({ model: "fasttext", seed: 7, targetAccuracy: 0.95 });
    expect(r.changes.every((c) => c.how === "adopted")).toBe(true);
  });

  it("a setting newer than the work dir (e.g. a later `encoder`) is adopted from the flag or default, not refused", () => {
    const { targetAccuracy: _dropped, ...older } = storeOf(RUN_DEFAULTS, {});
    const r = resolveSettings({ given: { targetAccuracy: 0.99 }, stored: older, ...at });
    expect(r.config.targetAccuracy).toBe(0.99);
    expect(r.changes).toEqual([{ setting: "targetAccuracy", from: null, to: 0.99, how: "adopted" }]);
  });
});
