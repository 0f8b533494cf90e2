import type { OptionSpec } from "./options-table.js";

/** Converts commander's raw strings to typed values with each option's parser (UsageError on bad input). */
export function parseFlags<T>(raw: Record<string, unknown>, table: { [K in keyof T]-?: OptionSpec | null }): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table) as [string, OptionSpec | null][]) {
    const value = raw[key];
    if (!spec || value === undefined) continue;
    const flag = spec.flags.split(" ")[0] ?? key;
    out[key] = spec.parse && typeof value === "string" ? spec.parse(value, flag) : value;
  }
  return out as Partial<T>;
}
