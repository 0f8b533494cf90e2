import { UsageError } from "../errors.js";

export interface OptionSpec {
  /** commander flag syntax, e.g. "--target-accuracy <p>" */
  flags: string;
  description: string;
  parse?: (value: string, flag: string) => unknown;
  /**
   * A boolean's "off" flag, e.g. "--no-pseudo-labels" beside "--pseudo-labels": with both, a run that
   * names neither leaves the value unset, so its default can depend on other settings.
   */
  negate?: string;
}

/** One entry per config key: a new key without a flag (or an explicit null) fails to compile. */
export type OptionsTable<T> = { [K in keyof T]-?: OptionSpec | null };

export const int = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  (value: string, flag: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${value}"`);
    return n;
  };

/** An integer from min to max, or the word "auto" (the setting's default rule). */
export const intOrAuto = (min: number, max: number) =>
  (value: string, flag: string): number | "auto" => {
    if (value.trim() === "auto") return "auto";
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw new UsageError(`${flag} must be auto or an integer from ${min} to ${max}, got "${value}"`);
    return n;
  };

export const num = (min: number, max: number, { exclusiveMin = false } = {}) =>
  (value: string, flag: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max || (exclusiveMin && n === min)) {
      throw new UsageError(`${flag} must be a number ${exclusiveMin ? "above" : "from"} ${min} to ${max}, got "${value}"`);
    }
    return n;
  };

export const oneOf = <T extends string>(...values: T[]) =>
  (value: string, flag: string): T => {
    if (!(values as string[]).includes(value)) throw new UsageError(`${flag} must be one of ${values.join(", ")}, got "${value}"`);
    return value as T;
  };

/** Turns a flag's syntax into its option key (commander's camel-casing). */
export function flagName(flags: string): string {
  const long = flags.split(/[ ,]+/).find((f) => f.startsWith("--")) ?? flags;
  return long;
}
