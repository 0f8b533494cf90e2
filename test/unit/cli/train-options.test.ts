import { describe, expect, it } from "vitest";
import { parseFlags } from "../../../src/cli/parse-flags.js";
import { parseSubwords, TRAIN_OPTIONS } from "../../../src/cli/train-options.js";
import { PREDICT_OPTIONS } from "../../../src/cli/predict-options.js";
import { mergeTrainConfig, TRAIN_DEFAULTS } from "../../../src/config/train-config.js";
import { UsageError } from "../../../src/errors.js";
import type { TrainConfig } from "../../../src/config/train-config.js";

describe("train flags", () => {
  it("parses --subwords as MIN-MAX or off", () => {
    expect(parseSubwords("3-6", "--subwords")).toEqual({ minn: 3, maxn: 6 });
    expect(parseSubwords("OFF", "--subwords")).toEqual({ minn: 0, maxn: 0 });
    for (const bad of ["6-3", "0-4", "3", "a-b", "3-30"]) expect(() => parseSubwords(bad, "--subwords")).toThrow(UsageError);
  });

  it("turns raw commander strings into typed values and refuses bad ones", () => {
    const flags = parseFlags<TrainConfig>({ epochs: "20", learningRate: "0.5", earlyStopping: true, validationFraction: "0.2", format: "fasttext" }, TRAIN_OPTIONS);
    expect(flags).toEqual({ epochs: 20, learningRate: 0.5, earlyStopping: true, validationFraction: 0.2, format: "fasttext" });
    expect(() => parseFlags({ learningRate: "0" }, TRAIN_OPTIONS)).toThrow(/--learning-rate/);
    expect(() => parseFlags({ validationFraction: "1" }, TRAIN_OPTIONS)).toThrow(/--validation-fraction/);
    expect(() => parseFlags({ format: "text" }, TRAIN_OPTIONS)).toThrow(/--format/);
    expect(() => parseFlags({ k: "1.5" }, PREDICT_OPTIONS)).toThrow(/--k/);
  });

  it("defaults to BlazingText's values, and undefined flags never mask them", () => {
    const cfg = mergeTrainConfig({ epochs: undefined, vectorDim: 20 });
    expect(cfg).toMatchObject({ epochs: 5, learningRate: 0.05, vectorDim: 20, wordNgrams: 2, minCount: 5, buckets: 2_000_000, patience: 4, minEpochs: 5 });
    expect(TRAIN_DEFAULTS.subwords).toEqual({ minn: 0, maxn: 0 });
  });
});
