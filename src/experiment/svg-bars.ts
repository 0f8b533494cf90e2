import { escapeHtml } from "../util/terminal-text.js";
import { niceTicks } from "../report/svg-charts.js";

/** One bar per configuration: its mean, with a dot per cell (seed). */
export interface BarRow {
  label: string;
  mean: number | null;
  values: number[];
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString();
const pctText = (v: number): string => `${fmt(100 * v)}%`;

/**
 * Horizontal bars of shares (0..1 on [min, max]), a dot per cell, and an optional dashed target line.
 * Every text is escaped (configuration names hold user-given encoder names).
 */
export function barRows(rows: readonly BarRow[], opts: { width: number; min: number; max: number; color: string; xLabel: string; target?: { value: number; label: string } }): string {
  const labelW = Math.min(320, 24 + 7 * Math.max(8, ...rows.map((r) => r.label.length)));
  const pad = { left: labelW, right: 60, top: 26, bottom: 40 };
  const rowH = 24;
  const height = pad.top + pad.bottom + rowH * Math.max(1, rows.length);
  const plotW = opts.width - pad.left - pad.right;
  const x = (v: number): number => pad.left + ((Math.min(opts.max, Math.max(opts.min, v)) - opts.min) / (opts.max - opts.min)) * plotW;
  const parts: string[] = [];
  for (const t of niceTicks(opts.min, opts.max, 5)) {
    parts.push(`<line x1="${fmt(x(t))}" x2="${fmt(x(t))}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${fmt(x(t))}" y="${height - pad.bottom + 16}" text-anchor="middle">${escapeHtml(pctText(t))}</text>`);
  }
  parts.push(`<text x="${fmt(pad.left + plotW / 2)}" y="${height - 6}" text-anchor="middle">${escapeHtml(opts.xLabel)}</text>`);
  rows.forEach((r, i) => {
    const top = pad.top + i * rowH;
    const label = r.label.length > 44 ? `${r.label.slice(0, 43)}…` : r.label;
    parts.push(`<text x="${pad.left - 8}" y="${top + rowH / 2 + 4}" text-anchor="end">${escapeHtml(label)}</text>`);
    if (r.mean !== null) {
      parts.push(`<rect x="${fmt(x(opts.min))}" y="${top + 5}" width="${fmt(x(r.mean) - x(opts.min))}" height="${rowH - 10}" fill="${opts.color}" fill-opacity="0.75"><title>${escapeHtml(`${r.label}: mean ${pctText(r.mean)}`)}</title></rect>`);
      parts.push(`<text x="${fmt(x(Math.max(r.mean, ...r.values)) + 7)}" y="${top + rowH / 2 + 4}" fill="#444">${escapeHtml(pctText(r.mean))}</text>`);
    }
    for (const v of r.values) parts.push(`<circle cx="${fmt(x(v))}" cy="${top + rowH / 2}" r="3" fill="#222"><title>${escapeHtml(`${r.label}: ${pctText(v)}`)}</title></circle>`);
  });
  if (opts.target) {
    const tx = x(opts.target.value);
    parts.push(`<path d="M${fmt(tx)} ${pad.top - 4}V${height - pad.bottom}" stroke="#D55E00" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${fmt(tx)}" y="${pad.top - 8}" text-anchor="middle" fill="#D55E00">${escapeHtml(opts.target.label)}</text>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${opts.width}" height="${height}" viewBox="0 0 ${opts.width} ${height}" font-family="system-ui, sans-serif" font-size="12" role="img">${parts.join("")}</svg>`;
}
