import type { InputFormat } from "../inputs/format.js";
import { dropUndefined } from "./train-config.js";

/** Everything `al-label predict` can be told. */
export interface PredictConfig {
  format?: InputFormat;
  labelAttribute: string;
  textColumn: string;
  /** undefined: the "label" column when the CSV header has one */
  labelColumn?: string;
  k: number;
  output?: string;
  json: boolean;
  quiet: boolean;
  /** models with an encoder head: the encoder folder ("default": the shipped one); must be the one the model was trained with */
  encoder?: string;
  cacheDir?: string;
}

export const PREDICT_DEFAULTS: PredictConfig = {
  labelAttribute: "category",
  textColumn: "text",
  k: 1,
  json: false,
  quiet: false,
};

export function mergePredictConfig(flags: Partial<PredictConfig>): PredictConfig {
  return { ...PREDICT_DEFAULTS, ...dropUndefined(flags) };
}
