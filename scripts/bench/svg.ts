/** @module Bench: a small SVG chart of cost versus corpus size (log–log small multiples, budget lines dashed). */
import { budgetTask, bundleGzip } from './budgets';
import type { SizeResult } from './measure-size';

/** One line of a panel. */
interface Series {
  name: string;
  color: string;
  points: [number, number][];
}

/** One panel: metrics over corpus sizes. */
interface Panel {
  title: string;
  unit: string;
  series: Series[];
  budget?: number;
  budgetLabel?: string;
}

const W = 260;
const H = 180;
const PAD = { l: 48, r: 12, t: 26, b: 34 };

const BLUE = '#2563eb';
const GREEN = '#059669';

const log10 = (v: number) => Math.log10(Math.max(v, 1e-9));
const nice = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** Polyline, dots, value labels and legend entry of one series. */
function line(sr: Series, k: number, sx: (x: number) => number, sy: (y: number) => number, x0: number, y0: number): string[] {
  const parts = [
    `<polyline fill="none" stroke="${sr.color}" stroke-width="2" points="${sr.points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`,
  ];
  for (const [x, y] of sr.points) {
    parts.push(`<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${sr.color}"/>`);
    parts.push(`<text x="${sx(x).toFixed(1)}" y="${(sy(y) + (k === 0 ? -6 : 12)).toFixed(1)}" font-size="9" fill="${sr.color}" text-anchor="middle">${nice(y)}</text>`);
  }
  if (sr.name) parts.push(`<text x="${x0 + PAD.l + 4}" y="${y0 + PAD.t + 11 + 11 * k}" font-size="9" fill="${sr.color}">${esc(sr.name)}</text>`);
  return parts;
}

/** Renders one panel at (x0, y0). */
function panel(p: Panel, x0: number, y0: number, xs: [number, number]): string {
  const points = p.series.flatMap((sr) => sr.points);
  const ys = [...points.map(([, y]) => y), ...(p.budget ? [p.budget] : [])];
  const [ylo, yhi] = [log10(Math.min(...ys)) - 0.15, log10(Math.max(...ys)) + 0.2];
  const sx = (x: number) => x0 + PAD.l + ((log10(x) - xs[0]) / (xs[1] - xs[0] || 1)) * (W - PAD.l - PAD.r);
  const sy = (y: number) => y0 + H - PAD.b - ((log10(y) - ylo) / (yhi - ylo || 1)) * (H - PAD.t - PAD.b);
  const parts = [
    `<rect x="${x0 + PAD.l}" y="${y0 + PAD.t}" width="${W - PAD.l - PAD.r}" height="${H - PAD.t - PAD.b}" fill="none" stroke="#ccc"/>`,
    `<text x="${x0 + PAD.l}" y="${y0 + 16}" font-size="12" font-weight="bold">${esc(p.title)} (${esc(p.unit)})</text>`,
  ];
  if (p.budget) {
    parts.push(`<line x1="${x0 + PAD.l}" x2="${x0 + W - PAD.r}" y1="${sy(p.budget)}" y2="${sy(p.budget)}" stroke="#c33" stroke-dasharray="4 3"/>`);
    parts.push(`<text x="${x0 + PAD.l + (W - PAD.l - PAD.r) / 2}" y="${sy(p.budget) - 3}" font-size="9" fill="#c33" text-anchor="middle">${esc(p.budgetLabel ?? `budget ${nice(p.budget)}`)}</text>`);
  }
  if (points.length === 0) parts.push(`<text x="${x0 + W / 2}" y="${y0 + H / 2}" font-size="10" text-anchor="middle">not measured</text>`);
  p.series.forEach((sr, k) => parts.push(...line(sr, k, sx, sy, x0, y0)));
  for (const x of [...new Set(points.map(([x]) => x))]) {
    parts.push(`<text x="${sx(x).toFixed(1)}" y="${y0 + H - PAD.b + 12}" font-size="9" text-anchor="middle">${x >= 1000 ? `${Math.round(x / 1000)}k` : x}</text>`);
  }
  parts.push(`<text x="${x0 + (W + PAD.l) / 2}" y="${y0 + H - 6}" font-size="9" text-anchor="middle" fill="#555">entries (log scale)</text>`);
  return parts.join('\n');
}

/** Points (entries, value) of the results that have the metric. */
function series(results: SizeResult[], pick: (r: SizeResult) => number | undefined): [number, number][] {
  return results
    .map((r): [number, number | undefined] => [r.artifact?.entries ?? r.corpus?.entries ?? 0, pick(r)])
    .filter((p): p is [number, number] => p[0] > 0 && typeof p[1] === 'number' && Number.isFinite(p[1]) && p[1] > 0)
    .sort((a, b) => a[0] - b[0]);
}

/** The chart: build time, start-up (bundle import and engine alone), query p99 and bundle gzip against entries. */
export function renderSvg(results: SizeResult[]): string {
  const one = (name: string, pick: (r: SizeResult) => number | undefined): Series[] => [{ name, color: BLUE, points: series(results, pick) }];
  const panels: Panel[] = [
    { title: 'build time', unit: 's', series: one('', (r) => (r.build?.ok ? r.build.ms / 1000 : undefined)), budget: 300, budgetLabel: 'budget 300 s (50k)' },
    {
      title: 'startup',
      unit: 'ms',
      series: [
        { name: 'bundle import', color: BLUE, points: series(results, (r) => r.startup?.bundle?.importMs) },
        { name: 'engine ready', color: GREEN, points: series(results, (r) => r.startup?.engineReadyMs) },
      ],
      budget: 150,
      budgetLabel: 'budget 150 ms (10k)',
    },
    { title: 'query p99, GET /v1/search', unit: 'ms', series: one('', (r) => budgetTask(r)?.p99), budget: 2, budgetLabel: 'budget 2 ms (10k)' },
    { title: 'bundle gzip', unit: 'MB', series: one('', (r) => (bundleGzip(r).bytes ?? 0) / 1e6 || undefined), budget: 10, budgetLabel: 'budget 10 MB (10k)' },
  ];
  const xsAll = panels.flatMap((p) => p.series.flatMap((sr) => sr.points.map(([x]) => log10(x))));
  const xs: [number, number] = xsAll.length ? [Math.min(...xsAll) - 0.1, Math.max(...xsAll) + 0.1] : [1, 5];
  const body = panels.map((p, i) => panel(p, (i % 2) * W, Math.floor(i / 2) * H + 24, xs)).join('\n');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${2 * H + 24}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="16" font-size="13" font-weight="bold">FAQ search: cost vs corpus size</text>`,
    body,
    '</svg>',
  ].join('\n');
}
