import { UsageError } from "../errors.js";
import { shellQuote } from "../util/shell-quote.js";
import { RUN_DEFAULTS, type RunConfig } from "./run-config.js";
import { SETTINGS, storedKeys } from "./settings-table.js";

/** Stored settings: every non-free key; null where the setting was left to its rule (e.g. batch size 5% of rows). */
export type StoredSettings = { [K in keyof RunConfig]?: RunConfig[K] | null };

/** A setting changed on purpose (--reconfigure), with a warning (threads, engine, backend), or stored for the first time. */
export interface SettingChange {
  /** rounds played before the change: it applies from round `round + 1` on */
  round: number;
  at: string;
  setting: string;
  from: unknown;
  to: unknown;
  how: "reconfigure" | "warning" | "adopted";
}

export interface ResolveInput {
  /** the flags this run was given (undefined: not given) */
  given: Partial<RunConfig>;
  /** the work dir's stored settings; undefined for a new work dir */
  stored?: StoredSettings;
  /** true when the work dir exists but was made before settings were stored */
  legacy?: boolean;
  /** what the work dir's state knows even when it predates stored settings */
  fromState?: StoredSettings;
  /** the command that continues this work dir (for messages) */
  next: string;
  /** where the settings are stored (for messages) */
  stateFile: string;
}

export interface Resolved {
  config: RunConfig;
  /** settings given by a flag, now or at an earlier run (the dense model takes --epochs and --learning-rate only when given) */
  explicit: Partial<RunConfig>;
  /** what the work dir stores after this run */
  store: StoredSettings;
  changes: Omit<SettingChange, "round" | "at">[];
  warnings: string[];
}

export const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const show = (v: unknown): string => (v === null || v === undefined ? "unset (its default rule)" : typeof v === "string" ? JSON.stringify(v) : String(v));
const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The settings of this run (pure): a new work dir takes the flags and defaults and stores them; a
 * work dir with stored settings uses them, refuses a contradicting flag (exit 2) unless the setting
 * may change (`warn`, or `sticky` with --reconfigure), and reports each change so it can be recorded.
 * `labels` is checked apart (checkLabelsFlag): the state keeps it as the resolved list.
 */
export function resolveSettings(input: ResolveInput): Resolved {
  const given = defined(input.given);
  const reconfigure = given.reconfigure === true;
  if (input.stored === undefined && !input.legacy) {
    const config = { ...RUN_DEFAULTS, ...given };
    return { config, explicit: given, store: storeOf(config, given), changes: [], warnings: [] };
  }
  if (input.legacy && !reconfigure) throw legacyError(input, given);
  const stored: StoredSettings = { ...(input.fromState ?? {}), ...(input.stored ?? {}) };
  const config: Record<string, unknown> = { ...RUN_DEFAULTS, ...given };
  const explicit: Record<string, unknown> = { ...given };
  const changes: Resolved["changes"] = [];
  const warnings: string[] = [];
  const refusals: string[] = [];
  for (const key of storedKeys()) {
    if (key === "labels") continue;
    const rule = SETTINGS[key];
    const has = Object.prototype.hasOwnProperty.call(stored, key);
    const was = stored[key];
    const now = given[key];
    if (!has) {
      // a work dir from before settings were stored (--reconfigure given), or a setting newer than the work dir
      changes.push({ setting: key, from: null, to: config[key] ?? null, how: "adopted" });
      continue;
    }
    if (now === undefined || same(now, was)) {
      config[key] = was ?? RUN_DEFAULTS[key];
      if (was !== null && was !== undefined) explicit[key] = was;
      continue;
    }
    if (rule.kind === "warn") {
      warnings.push(`${flagOf(key)} ${show(now)} differs from the ${show(was)} this work dir used so far; scores can differ in the last digits from a run that kept it (stored for the next runs)`);
      changes.push({ setting: key, from: was ?? null, to: now, how: "warning" });
    } else if (rule.kind === "sticky" && reconfigure) {
      changes.push({ setting: key, from: was ?? null, to: now, how: "reconfigure" });
    } else {
      refusals.push(refusal(key, was, now, rule.kind === "fixed", input));
    }
  }
  if (refusals.length > 0) throw new UsageError(refusals.join("\n"));
  const resolved = config as unknown as RunConfig;
  return { config: resolved, explicit: explicit as Partial<RunConfig>, store: storeOf(resolved, explicit as Partial<RunConfig>), changes, warnings };
}

function refusal(key: keyof RunConfig, was: unknown, now: unknown, fixed: boolean, input: ResolveInput): string {
  const head = `${flagOf(key)} ${show(now)} contradicts the setting this work dir was started with: ${key} ${show(was)} (stored in ${input.stateFile}).`;
  if (fixed) return `${head} It decides which rows the work dir holds and cannot change there: leave the flag out (${input.next}), or start over with another --workdir.`;
  return `${head} Leave the flag out to go on with ${show(was)} (${input.next}), or add --reconfigure to change it on purpose from the next round on (the change is recorded in the state).`;
}

function legacyError(input: ResolveInput, given: Partial<RunConfig>): UsageError {
  const known = Object.entries(input.fromState ?? {}).map(([k, v]) => `${k} ${show(v)}`).join(", ");
  const flags = Object.entries(given)
    .filter(([k]) => SETTINGS[k as keyof RunConfig]?.kind !== "free")
    .map(([k, v]) => (typeof v === "boolean" ? (v ? flagOf(k) : `--no-${flagOf(k).slice(2)}`) : `${flagOf(k)} ${shellQuote(String(v))}`));
  return new UsageError(
    `this work dir was made by an earlier al-label that did not store its settings (${input.stateFile}); read from its state: ${known || "nothing"}. ` +
      `Give the settings it was started with once, with --reconfigure to store them: ${[input.next, ...flags, "--reconfigure"].join(" ")}` +
      `${flags.length ? "" : " (with the flags you started it with: model, target accuracy, batch size, ...; none means the defaults)"}`,
  );
}

/** The label set given by --labels (resolved) against the one the work dir keeps. */
export function checkLabelsFlag(given: readonly string[] | undefined, stored: readonly string[], input: Pick<ResolveInput, "next" | "stateFile">): void {
  if (given === undefined || same(given, stored)) return;
  throw new UsageError(
    `--labels [${given.join(", ")}] contradicts the setting this work dir was started with: labels [${stored.join(", ")}] (stored in ${input.stateFile}). ` +
      `Label indices in the work dir point into it, so it cannot change there: leave the flag out (${input.next}), or start over with another --workdir.`,
  );
}

/** Settings whose default depends on the model: stored only when given (null: the model's default). */
const MODEL_DEFAULTED: ReadonlySet<keyof RunConfig> = new Set(["epochs", "learningRate"]);

/** What a work dir stores of a run's settings: every key not `free`, null for unset. */
export function storeOf(config: RunConfig, explicit: Partial<RunConfig>): StoredSettings {
  const out: Record<string, unknown> = {};
  for (const key of storedKeys()) {
    if (key === "labels") continue;
    // repeats left to the rule are stored as "auto", not null: null is what the versions of 2026-12-01 and -02
    // stored for their rule (config/run-config.ts, repeatsOfUnsetStore)
    out[key] = (MODEL_DEFAULTED.has(key) ? explicit[key] : key === "repeats" ? (config.repeats ?? "auto") : config[key]) ?? null;
  }
  return out as StoredSettings;
}
