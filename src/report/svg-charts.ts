import { escapeHtml } from "../util/terminal-text.js";

/**
 * Small hand-written SVG charts for the run report (pure string builders). No chart library: the
 * report is one self-contained file that opens offline, and three chart kinds do not need one.
 * Every piece of text passes through escapeHtml (label names come from the untrusted manifest).
 */

export interface Series {
  name: string;
  color: string;
  points: { x: number; y: number }[];
  dashed?: boolean;
  /** a shaded range around the line (e.g. lowest to highest over seeds), drawn under it */
  band?: { x: number; low: number; high: number }[];
}

export interface Interval {
  x: number;
  low: number;
  high: number;
  y: number;
  color: string;
}

const FONT = `font-family="system-ui, sans-serif" font-size="12"`;
const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();
const text = (x: number, y: number, s: string, extra = ""): string => `<text x="${fmt(x)}" y="${fmt(y)}" ${extra}>${escapeHtml(s)}</text>`;

/** Rounded axis ticks: about `count` steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * mag >= raw) ?? 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const compact = (n: number): string => (Math.abs(n) >= 1e6 ? `${fmt(n / 1e6)}M` : Math.abs(n) >= 1e4 ? `${fmt(n / 1e3)}k` : fmt(n));

/** One row of legend items: a swatch for bars, a line sample (dashed where the line is) for lines. */
function legend(items: { name: string; color: string; dashed?: boolean; line?: boolean }[], x: number, y: number): string {
  let at = x;
  return items
    .map((it) => {
      const swatch = it.line
        ? `<path d="M${fmt(at)} ${fmt(y - 4)}h16" stroke="${it.color}" stroke-width="2.5"${it.dashed ? ` stroke-dasharray="4 3"` : ""}/>`
        : `<rect x="${fmt(at)}" y="${fmt(y - 9)}" width="12" height="10" fill="${it.color}"/>`;
      const s = `${swatch}${text(at + (it.line ? 20 : 16), y, it.name)}`;
      at += (it.line ? 34 : 30) + 7 * it.name.length;
      return s;
    })
    .join("");
}

/** Stacked bars: one bar per entry, one segment per category, heights in rows. */
export function stackedBars(categories: { name: string; color: string }[], bars: { label: string; values: number[] }[], opts: { width: number; height: number; yLabel: string }): string {
  const { width, height } = opts;
  const pad = { left: 62, right: 12, top: 30, bottom: 40 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...bars.map((b) => b.values.reduce((a, v) => a + v, 0)));
  const y = (v: number): number => pad.top + plotH - (v / max) * plotH;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.min(60, slot * 0.7);
  const parts = [axisY(niceTicks(0, max), y, pad.left, width - pad.right, compact), text(14, pad.top + plotH / 2, opts.yLabel, `transform="rotate(-90 14 ${fmt(pad.top + plotH / 2)})" text-anchor="middle"`)];
  bars.forEach((b, i) => {
    const x = pad.left + slot * i + (slot - barW) / 2;
    let base = 0;
    b.values.forEach((v, c) => {
      if (v <= 0) return;
      const cat = categories[c];
      parts.push(`<rect x="${fmt(x)}" y="${fmt(y(base + v))}" width="${fmt(barW)}" height="${fmt(y(base) - y(base + v))}" fill="${cat?.color ?? "#999"}"><title>${escapeHtml(`${b.label}: ${cat?.name ?? ""} ${v}`)}</title></rect>`);
      base += v;
    });
    parts.push(text(x + barW / 2, pad.top + plotH + 16, b.label, `text-anchor="middle"`));
  });
  parts.push(legend(categories, pad.left, 16));
  return svg(width, height, parts);
}

/** Lines over x, with optional vertical interval bars (audits) and a fixed y range. */
export function lineChart(series: Series[], intervals: Interval[], opts: { width: number; height: number; xLabel: string; yLabel: string; yMin: number; yMax: number; percent?: boolean; integerX?: boolean; legend?: boolean; hLines?: { y: number; label: string; color: string }[] }): string {
  const { width, height } = opts;
  const pad = { left: 56, right: 12, top: 30, bottom: 44 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const xs = [...series.flatMap((s) => s.points.map((p) => p.x)), ...intervals.map((i) => i.x)];
  const guides = opts.hLines ?? [];
  const xMin = Math.min(...xs, Infinity);
  const xMax = Math.max(...xs, -Infinity);
  const span = xMax > xMin ? xMax - xMin : 1;
  // a margin of 4% each side keeps end markers and interval bars off the axes
  const x = (v: number): number => pad.left + (xs.length === 0 || xMax === xMin ? plotW / 2 : (0.04 + (0.92 * (v - xMin)) / span) * plotW);
  const clampY = (v: number): number => Math.min(opts.yMax, Math.max(opts.yMin, v));
  const y = (v: number): number => pad.top + plotH - ((clampY(v) - opts.yMin) / (opts.yMax - opts.yMin)) * plotH;
  const label = opts.percent ? (v: number) => `${fmt(100 * v)}%` : compact;
  const parts = [axisY(niceTicks(opts.yMin, opts.yMax), y, pad.left, width - pad.right, label)];
  const xTicks = (xMax > xMin ? niceTicks(xMin, xMax, 6) : xs.length ? [xMin] : []).filter((t) => !opts.integerX || Number.isInteger(t));
  for (const t of xTicks) parts.push(text(x(t), pad.top + plotH + 16, compact(t), `text-anchor="middle"`));
  parts.push(text(pad.left + plotW / 2, height - 6, opts.xLabel, `text-anchor="middle"`));
  parts.push(text(14, pad.top + plotH / 2, opts.yLabel, `transform="rotate(-90 14 ${fmt(pad.top + plotH / 2)})" text-anchor="middle"`));
  for (const g of guides) {
    parts.push(`<path d="M${pad.left} ${fmt(y(g.y))}H${width - pad.right}" stroke="${g.color}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    parts.push(text(width - pad.right - 4, y(g.y) - 4, g.label, `text-anchor="end" fill="${g.color}"`));
  }
  for (const iv of intervals) {
    const cx = x(iv.x);
    parts.push(`<path d="M${fmt(cx)} ${fmt(y(iv.low))}V${fmt(y(iv.high))}M${fmt(cx - 5)} ${fmt(y(iv.low))}h10M${fmt(cx - 5)} ${fmt(y(iv.high))}h10" stroke="${iv.color}" stroke-width="1.5" fill="none"/>`);
    parts.push(`<rect x="${fmt(cx - 4)}" y="${fmt(y(iv.y) - 4)}" width="8" height="8" fill="${iv.color}"><title>${escapeHtml(`audit ${fmt(100 * iv.y)}% (${fmt(100 * iv.low)}–${fmt(100 * iv.high)}%)`)}</title></rect>`);
  }
  for (const s of series) {
    if (!s.band || s.band.length === 0) continue;
    const upper = s.band.map((b) => `${fmt(x(b.x))} ${fmt(y(b.high))}`);
    const lower = [...s.band].reverse().map((b) => `${fmt(x(b.x))} ${fmt(y(b.low))}`);
    parts.push(`<path d="M${[...upper, ...lower].join("L")}Z" fill="${s.color}" fill-opacity="0.15" stroke="none"/>`);
  }
  for (const s of series) {
    if (s.points.length === 0) continue;
    const d = s.points.map((p, i) => `${i ? "L" : "M"}${fmt(x(p.x))} ${fmt(y(p.y))}`).join("");
    parts.push(`<path d="${d}" stroke="${s.color}" stroke-width="2" fill="none"${s.dashed ? ` stroke-dasharray="5 4"` : ""}/>`);
    for (const p of s.points) parts.push(`<circle cx="${fmt(x(p.x))}" cy="${fmt(y(p.y))}" r="3" fill="${s.color}"><title>${escapeHtml(`${s.name}: ${label(p.y)} at ${p.x}`)}</title></circle>`);
  }
  const items: { name: string; color: string; dashed?: boolean; line?: boolean }[] = series.map((s) => ({ name: s.name, color: s.color, dashed: s.dashed, line: true }));
  if (intervals.length > 0) items.push({ name: "audit (interval)", color: intervals[0]?.color ?? "#000" });
  if (opts.legend !== false) parts.push(legend(items, pad.left, 16));
  return svg(width, height, parts);
}

/** Confusion matrix as a grid of cells shaded by each row's share; counts written in the cells. */
export function confusionGrid(matrix: number[][], labels: string[], opts: { cell: number }): string {
  const n = matrix.length;
  const cell = opts.cell;
  const short = (s: string): string => (s.length > 18 ? `${s.slice(0, 17)}…` : s);
  const labelPx = 7 * Math.min(18, Math.max(4, ...labels.map((l) => short(l).length)));
  const left = 8 + labelPx;
  // column labels run up and right at 50 degrees: room above for their height, at the right for their reach
  const top = 12 + Math.round(0.77 * labelPx);
  const right = Math.round(0.64 * labelPx);
  const parts: string[] = [];
  // counts are written only where the largest fits its cell; the cell's tooltip always has it
  const digits = String(Math.max(0, ...matrix.flat())).length;
  const fontSize = cell >= 30 ? 11 : 8;
  const writeCounts = digits * fontSize * 0.62 <= cell - 4;
  matrix.forEach((row, r) => {
    const total = row.reduce((a, v) => a + v, 0);
    row.forEach((v, c) => {
      const share = total > 0 ? v / total : 0;
      const fill = r === c ? `rgba(46,125,50,${fmt(0.1 + 0.9 * share)})` : `rgba(198,40,40,${fmt(share === 0 ? 0 : 0.1 + 0.9 * share)})`;
      const cx = left + c * cell;
      const cy = top + r * cell;
      parts.push(`<rect x="${cx}" y="${cy}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ddd"><title>${escapeHtml(`true ${labels[r] ?? r}, predicted ${labels[c] ?? c}: ${v}`)}</title></rect>`);
      if (v > 0 && writeCounts) parts.push(text(cx + cell / 2, cy + cell / 2 + 4, String(v), `text-anchor="middle" font-size="${fontSize}" fill="${share > 0.6 ? "#fff" : "#222"}"`));
    });
    parts.push(text(left - 4, top + r * cell + cell / 2 + 4, short(labels[r] ?? String(r)), `text-anchor="end"`));
    const cx = left + r * cell + cell / 2;
    parts.push(text(cx, top - 6, short(labels[r] ?? String(r)), `transform="rotate(-50 ${fmt(cx)} ${top - 6})"`));
  });
  return svg(left + n * cell + right, top + n * cell + 10, parts);
}

function axisY(ticks: number[], y: (v: number) => number, x0: number, x1: number, label: (v: number) => string): string {
  return ticks.map((t) => `<line x1="${x0}" x2="${x1}" y1="${fmt(y(t))}" y2="${fmt(y(t))}" stroke="#e3e3e3"/>${text(x0 - 6, y(t) + 4, label(t), `text-anchor="end"`)}`).join("");
}

function svg(width: number, height: number, parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} role="img">${parts.join("")}</svg>`;
}
