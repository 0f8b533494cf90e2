import type { PredictConfig } from "../config/predict-config.js";
import { int, oneOf, type OptionsTable } from "./options-table.js";

export const PREDICT_OPTIONS: OptionsTable<PredictConfig> = {
  format: { flags: "--format <format>", description: "input format: jsonl, csv, fasttext or text (one text per line, verbatim) (default: .csv is csv, .txt/.ft is fasttext, else jsonl)", parse: oneOf("jsonl", "csv", "fasttext", "text") },
  labelAttribute: { flags: "--label-attribute <name>", description: 'manifest: label attribute holding gold labels (default "category")' },
  textColumn: { flags: "--text-column <name>", description: 'CSV: column holding the text (default "text")' },
  labelColumn: { flags: "--label-column <name>", description: 'CSV: column holding gold labels (default "label" when the header has it)' },
  k: { flags: "--k <n>", description: "labels per record, most probable first (default 1)", parse: int(1, 100_000) },
  output: { flags: "--output <file>", description: "write records to this file (default stdout)" },
  json: { flags: "--json", description: "print the accuracy summary as one JSON object on stderr (stdout keeps the records)" },
  quiet: { flags: "--quiet", description: "no summary unless --json" },
  encoder: { flags: "--encoder <dir|default>", description: "models trained with an encoder: its folder (default: the shipped encoder, when the model was trained with it; another is refused)" },
  cacheDir: { flags: "--cache-dir <dir>", description: "vector cache shared by work dirs (default: $AL_LABEL_CACHE_DIR, else the user's cache folder)" },
};
