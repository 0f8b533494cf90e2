import { Chalk, type ChalkInstance } from "chalk";

export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * How many colours to write to `stream` (pure but for the stream's own terminal query), by the usual
 * conventions: FORCE_COLOR wins (empty or "true": 16 colours; "false" or "0": none; 1 to 3: that
 * level), then NO_COLOR (set and not empty: none, https://no-color.org), then none unless the stream
 * is a terminal (TERM=dumb: none), else what the terminal reports. chalk alone ignores NO_COLOR.
 */
export function colorLevel(stream: { isTTY?: boolean; getColorDepth?: (env?: NodeJS.ProcessEnv) => number }, env: NodeJS.ProcessEnv = process.env): ColorLevel {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "" || force === "true") return 1;
    if (force === "false") return 0;
    const n = Number.parseInt(force, 10);
    return Number.isNaN(n) ? 1 : (Math.max(0, Math.min(3, n)) as ColorLevel);
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  if (!stream.isTTY || env.TERM === "dumb") return 0;
  const depth = stream.getColorDepth?.(env) ?? 4;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}

/** A chalk for one stream, at the level colorLevel gives it. */
export function colorsFor(stream: Parameters<typeof colorLevel>[0], env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  return new Chalk({ level: colorLevel(stream, env) });
}
