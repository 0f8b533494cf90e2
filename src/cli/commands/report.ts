import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { locateWorkdir } from "../../queue/locate.js";
import { renderHtml } from "../../report/html.js";
import { renderMarkdown } from "../../report/markdown.js";
import { summarize, type ReportSummary } from "../../report/summarize.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { systemClock, type Clock } from "../../util/clock.js";
import { VERSION } from "../../version.js";

export interface ReportOptions {
  workdir?: string;
  /** folder for report.md and report.html (default <workdir>/report) */
  out?: string;
  cwd?: string;
  clock?: Clock;
}

export interface ReportResult {
  summary: ReportSummary;
  /** paths of the files written */
  markdown: string;
  html: string;
}

/**
 * `al-label report`: figures of a work dir's rounds as report.md and a self-contained report.html.
 * Reads the state only (no lock, no manifest): it works on a run in progress and on a finished one.
 */
export async function report(target: string | undefined, opts: ReportOptions = {}): Promise<ReportResult> {
  const cwd = opts.cwd ?? process.cwd();
  const { state, workdir } = await locateWorkdir({ target, workdir: opts.workdir }, cwd);
  const summary = summarize(state);
  const meta = { generatedAt: (opts.clock ?? systemClock())().toISOString(), version: VERSION };
  const out = opts.out ? resolve(cwd, opts.out) : join(workdir, "report");
  await mkdir(out, { recursive: true });
  const markdown = join(out, "report.md");
  const html = join(out, "report.html");
  await writeFileAtomic(markdown, renderMarkdown(summary, meta));
  await writeFileAtomic(html, renderHtml(summary, meta));
  return { summary, markdown, html };
}
