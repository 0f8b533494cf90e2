import type { OptionSpec } from "./options-table.js";

/** Flags of `al-label experiment` (parsed and checked in experiment/spec.ts, so a JSON spec gets the same checks). */
export const EXPERIMENT_OPTIONS: Record<string, OptionSpec> = {
  spec: { flags: "--spec <file>", description: "JSON spec of the grid and settings (keys as the flags in camel case, e.g. startSeeds); flags override it" },
  simulateHumans: { flags: "--simulate-humans <field>", description: "gold field of each row that answers for people (as in run); rows without one are left out" },
  models: { flags: "--models <list>", description: "comma list of models: dense+nb, dense, fasttext, nb (default dense+nb)" },
  encoders: { flags: "--encoders <list>", description: 'comma list of encoders passed to each run as --encoder: default (the shipped static encoder), none (n-gram models only) or a folder (default: default)' },
  strategies: { flags: "--strategies <list>", description: "comma list of query strategies: margin, least-confidence, entropy, random, diversity (default margin)" },
  policies: { flags: "--policies <list>", description: "comma list of policies: al-label, sagemaker-sample (default al-label)" },
  seeds: { flags: "--seeds <range>", description: "run seeds, N-M or a comma list (default 1)" },
  startSeeds: { flags: "--start-seeds <range>", description: "draw a fresh random start of --bootstrap-fraction rows from gold per seed, N-M or a comma list (default: the manifest's own labeled rows)" },
  targetAccuracy: { flags: "--target-accuracy <p>", description: "accuracy machine labels must reach (default 0.95)" },
  batchSize: { flags: "--batch-size <n>", description: "rows sent to people per round (default run's: 5% of rows)" },
  bootstrapFraction: { flags: "--bootstrap-fraction <p>", description: "share of rows labeled by people before the first model, and of a drawn start (default 0.2)" },
  testFraction: { flags: "--test-fraction <p>", description: "share of rows carved out as the test split, never queried (default 0.2)" },
  maxRounds: { flags: "--max-rounds <n>", description: "rounds per cell at most (default 100)" },
  runFlags: { flags: "--run-flags <flags>", description: 'more run flags for every cell, e.g. "--epochs 5" (not those the grid or experiment sets)' },
  labels: { flags: "--labels <file|list>", description: "label set, as in run (default: the labels found on labeled rows and gold values)" },
  labelAttribute: { flags: "--label-attribute <name>", description: 'label attribute of the manifest (default "category")' },
  textColumn: { flags: "--text-column <name>", description: 'CSV: column holding the text (default "text")' },
  labelColumn: { flags: "--label-column <name>", description: "CSV: column holding known labels" },
  out: { flags: "--out <dir>", description: "experiment folder: cells, results.csv, results.json, report.html (default <manifest>.experiment)" },
  jobs: { flags: "--jobs <n>", description: "cells run at once (default: the number of cores)" },
  json: { flags: "--json", description: "print one JSON summary object on stdout" },
  quiet: { flags: "--quiet", description: "no progress output" },
};
