// The benchmarks' data-set folder: $AL_LABEL_DATASETS, else shared/datasets beside the checkout
// (docs/benchmarks.md, "Data sets", names each public corpus and where to get it).
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const DATASETS = process.env.AL_LABEL_DATASETS ? resolve(process.env.AL_LABEL_DATASETS) : resolve(repo, "..", "shared", "datasets");
