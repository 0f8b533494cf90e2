import { UsageError } from "../errors.js";
import { STRATEGY_NAMES } from "../strategies/index.js";
import { parseIntList, parseNameList } from "./ranges.js";

export const MODEL_NAMES = ["dense+nb", "dense", "fasttext", "nb"] as const;
export const POLICY_NAMES = ["al-label", "sagemaker-sample"] as const;
/** The encoder value for n-gram models only (`run --encoder none`). */
export const NO_ENCODER = "none";
/** `run`'s default encoder (the shipped static one): the grid's default too. */
export const DEFAULT_ENCODER = "default";

/** Everything an experiment varies and fixes; one cell per combination of the list fields. */
export interface ExperimentSpec {
  simulateHumans: string;
  models: string[];
  encoders: string[];
  strategies: string[];
  policies: string[];
  /** run seeds (`run --seed`) */
  seeds: number[];
  /** seeds of a fresh random start of --bootstrap-fraction rows drawn from gold; null: the manifest's own labeled rows */
  startSeeds: number[] | null;
  targetAccuracy: number;
  /** rows sent to people per round; null: run's default (5% of the cell's rows) */
  batchSize: number | null;
  bootstrapFraction: number;
  testFraction: number;
  maxRounds: number;
  /** more `al-label run` flags for every cell, as separate arguments */
  runFlags: string[];
}

export const SPEC_DEFAULTS: Omit<ExperimentSpec, "simulateHumans"> = {
  models: ["dense+nb"],
  encoders: [DEFAULT_ENCODER],
  strategies: ["margin"],
  policies: ["al-label"],
  seeds: [1],
  startSeeds: null,
  targetAccuracy: 0.95,
  batchSize: null,
  bootstrapFraction: 0.2,
  testFraction: 0.2,
  maxRounds: 100,
  runFlags: [],
};

/** Keys a JSON spec may hold (camel case, as in ExperimentSpec); each also has a flag. */
const KEYS = ["simulateHumans", ...Object.keys(SPEC_DEFAULTS)] as (keyof ExperimentSpec)[];

/** Flags the cell's run sets itself: giving them in runFlags would contradict the grid or the experiment. */
const RESERVED_RUN_FLAGS = ["--model", "--encoder", "--strategy", "--policy", "--seed", "--workdir", "--simulate-humans", "--target-accuracy", "--batch-size", "--bootstrap-fraction", "--max-rounds", "--json", "--quiet", "--queue", "--output", "--labels", "--label-attribute", "--format"];

/**
 * Builds the spec from a JSON spec file's object (may be undefined) and the command's flags (raw
 * strings as commander gives them); a flag overrides the same key in the file. Every problem is a
 * UsageError (exit 2) that names the flag or key and what it takes.
 */
export function buildSpec(file: unknown, flags: Record<string, unknown>, fileName = "--spec"): ExperimentSpec {
  const fromFile = file === undefined ? {} : specObject(file, fileName);
  const pick = (key: keyof ExperimentSpec): unknown => (flags[key] !== undefined ? flags[key] : fromFile[key]);
  const where = (key: keyof ExperimentSpec): string => (flags[key] !== undefined ? flagOf(key) : `${fileName}: "${key}"`);
  const simulateHumans = pick("simulateHumans");
  if (typeof simulateHumans !== "string" || simulateHumans.trim() === "") {
    throw new UsageError("experiment needs --simulate-humans <field>: the gold field of each row that answers for people");
  }
  const spec: ExperimentSpec = {
    simulateHumans,
    models: names(pick("models"), where("models"), SPEC_DEFAULTS.models, MODEL_NAMES),
    encoders: names(pick("encoders"), where("encoders"), SPEC_DEFAULTS.encoders),
    strategies: names(pick("strategies"), where("strategies"), SPEC_DEFAULTS.strategies, STRATEGY_NAMES),
    policies: names(pick("policies"), where("policies"), SPEC_DEFAULTS.policies, POLICY_NAMES),
    seeds: ints(pick("seeds"), where("seeds"), 0) ?? SPEC_DEFAULTS.seeds,
    startSeeds: ints(pick("startSeeds"), where("startSeeds"), 0),
    targetAccuracy: number(pick("targetAccuracy"), where("targetAccuracy"), SPEC_DEFAULTS.targetAccuracy, 0, 1, true),
    batchSize: pick("batchSize") === undefined ? null : integer(pick("batchSize"), where("batchSize"), 1),
    bootstrapFraction: number(pick("bootstrapFraction"), where("bootstrapFraction"), SPEC_DEFAULTS.bootstrapFraction, 0, 1, true),
    testFraction: number(pick("testFraction"), where("testFraction"), SPEC_DEFAULTS.testFraction, 0, 0.9, true),
    maxRounds: pick("maxRounds") === undefined ? SPEC_DEFAULTS.maxRounds : integer(pick("maxRounds"), where("maxRounds"), 1),
    runFlags: runFlags(pick("runFlags"), where("runFlags")),
  };
  return spec;
}

/** The JSON spec must be an object of known keys. */
function specObject(file: unknown, fileName: string): Partial<Record<keyof ExperimentSpec, unknown>> {
  if (typeof file !== "object" || file === null || Array.isArray(file)) throw new UsageError(`${fileName} must hold one JSON object, e.g. {"models": ["dense+nb", "fasttext"], "seeds": "1-3"}`);
  const unknown = Object.keys(file).filter((k) => !(KEYS as string[]).includes(k));
  if (unknown.length > 0) throw new UsageError(`${fileName}: unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(", ")}; known keys: ${KEYS.join(", ")}`);
  return file as Partial<Record<keyof ExperimentSpec, unknown>>;
}

/** "--start-seeds" for "startSeeds". */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function names(value: unknown, where: string, dflt: string[], allowed?: readonly string[]): string[] {
  if (value === undefined) return dflt;
  const list = typeof value === "string" ? parseNameList(value) : Array.isArray(value) && value.every((v) => typeof v === "string") ? [...new Set((value as string[]).map((v) => v.trim()).filter(Boolean))] : null;
  if (!list || list.length === 0) throw new UsageError(`${where} takes a comma list of names${allowed ? ` (${allowed.join(", ")})` : ""}, got ${JSON.stringify(value)}`);
  const bad = allowed ? list.filter((v) => !allowed.includes(v)) : [];
  if (bad.length > 0) throw new UsageError(`${where}: unknown value(s) ${bad.map((b) => JSON.stringify(b)).join(", ")}; valid: ${allowed?.join(", ")}`);
  return list;
}

function ints(value: unknown, where: string, min: number): number[] | null {
  if (value === undefined) return null;
  const list = typeof value === "string" ? parseIntList(value) : typeof value === "number" ? [value] : Array.isArray(value) && value.every((v) => typeof v === "number") ? [...new Set(value as number[])] : null;
  if (!list || list.length === 0 || list.some((n) => !Number.isInteger(n) || n < min || n > 2 ** 32 - 1)) {
    throw new UsageError(`${where} takes integers as N-M (N <= M), a comma list or a JSON array, got ${JSON.stringify(value)}`);
  }
  return list;
}

function number(value: unknown, where: string, dflt: number, min: number, max: number, exclusiveMin: boolean): number {
  if (value === undefined) return dflt;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : typeof value === "number" ? value : NaN;
  if (!Number.isFinite(n) || n < min || n > max || (exclusiveMin && n === min)) throw new UsageError(`${where} must be a number ${exclusiveMin ? "above" : "from"} ${min} to ${max}, got ${JSON.stringify(value)}`);
  return n;
}

function integer(value: unknown, where: string, min: number): number {
  const n = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : typeof value === "number" ? value : NaN;
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${where} must be an integer of at least ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function runFlags(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  const list = typeof value === "string" ? value.split(/\s+/).filter(Boolean) : Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : null;
  if (!list) throw new UsageError(`${where} takes more run flags as one string or a JSON array of strings, got ${JSON.stringify(value)}`);
  const reserved = list.filter((f) => RESERVED_RUN_FLAGS.includes(f.split("=")[0] ?? f));
  if (reserved.length > 0) throw new UsageError(`${where}: ${reserved.join(", ")} ${reserved.length > 1 ? "are" : "is"} set by the experiment for each cell; use its own flag or spec key`);
  return list;
}
