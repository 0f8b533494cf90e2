import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const src = resolve(import.meta.dirname, "../../src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** The relative imports of a file (type-only imports included: they tie files together for a reader too). */
function imports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/gm)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts")));
}

describe("src/", () => {
  it("has no import cycle (what npx madge --circular --extensions ts src checks)", () => {
    const graph = new Map(sources(src).map((f) => [f, imports(f)]));
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const path: string[] = [];
    const visit = (f: string): void => {
      state.set(f, "open");
      path.push(f);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === "open") cycles.push(path.slice(path.indexOf(g)).concat(g).map((p) => relative(src, p)).join(" > "));
        else if (!state.has(g) && graph.has(g)) visit(g);
      }
      path.pop();
      state.set(f, "done");
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
