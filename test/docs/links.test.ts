import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const docs = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
const pages = ["README.md", ...docs];

/** Every Markdown link and image target in a page, code spans and fenced blocks left out. */
function links(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
function anchors(page: string): Set<string> {
  const text = readFileSync(join(root, page), "utf8").replace(/```[\s\S]*?```/g, "");
  return new Set(text.split("\n").filter((l) => /^#{1,6} /.test(l)).map((l) => slug(l.replace(/^#+ /, ""))));
}

describe("README.md and docs/*.md", () => {
  it("have every relative link resolve to a file in the repository (and a heading there, for page#heading)", () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const target of links(readFileSync(join(root, page), "utf8"))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) continue;
        const path = resolve(dirname(join(root, page)), decodeURIComponent(target.split("#")[0]!));
        if (relative(root, path).startsWith("..") || !existsSync(path)) broken.push(`${page}: ${target}`);
        else if (target.includes("#") && path.endsWith(".md") && !anchors(relative(root, path)).has(target.split("#")[1]!)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("README links every docs page", () => {
    const linked = new Set(links(readFileSync(join(root, "README.md"), "utf8")).map((t) => t.split("#")[0]));
    expect(docs.filter((d) => !linked.has(d))).toEqual([]);
  });

  it("README stays a five-minute read: at most 300 lines", () => {
    expect(readFileSync(join(root, "README.md"), "utf8").split("\n").length).toBeLessThanOrEqual(301);
  });

  it("name only the repository's own files (no paths outside the checkout)", () => {
    for (const page of pages) expect(readFileSync(join(root, page), "utf8"), page).not.toMatch(/\.\.\/shared\b/);
  });
});
