/** @module Bench: the printed report: a column per corpus, the HTTP load lines and the budget verdicts. */
import { median } from 'simple-statistics';
import { fmtBytes, fmtMs, figures, type Verdict } from './budgets';
import type { HttpLoad } from './http-load';
import type { CorpusResult } from './measure';

type Row = string[];

/** Aligned columns: the first left-aligned, the others right-aligned; a one-cell row is a heading. */
function table(rows: Row[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r.length > 1 ? (r[i] ?? '').length : 0))));
  return rows.map((r) => (r.length === 1 ? r[0] : r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))).join('\n');
}

const pair = (a: number | undefined, b: number | undefined) => (a === undefined ? '—' : `${fmtMs(a)} / ${fmtMs(b)}`);

function corpusRows(results: CorpusResult[]): Row[] {
  const col = (f: (r: CorpusResult, fig: ReturnType<typeof figures>) => string) => results.map((r) => f(r, figures(r)));
  const minOf = (values: number[] | undefined) => (values?.length ? ` (min ${fmtMs(Math.min(...values))})` : '');
  return [
    ['', ...results.map((r) => r.label)],
    ['entries', ...col((r) => r.entries?.toLocaleString('en-US') ?? '—')],
    ['build wall time / peak RSS', ...col((r) => (r.build ? `${r.build.timedOut ? '> ' : ''}${fmtMs(r.build.ms)} / ${r.build.peakRssMB ?? '?'} MB` : '—'))],
    ['artifact raw / gzip', ...col((r) => (r.artifact ? `${fmtBytes(r.artifact.rawBytes)} / ${fmtBytes(r.artifact.gzipBytes)}` : '—'))],
    ['bundle gzip (wrangler --minify)', ...col((r) => fmtBytes(r.bundle?.gzipBytes))],
    ['FRESH PROCESS (bundle import), median'],
    ['  start-up: import of the bundle', ...col((r, f) => `${fmtMs(f.startupMs)}${minOf(r.startup?.map((s) => s.importMs))}`)],
    ['  first request (a plain question)', ...col((r, f) => `${fmtMs(f.firstMs)}${minOf(r.startup?.map((s) => s.requestMs[0]))}`)],
    ['  second request', ...col((_, f) => fmtMs(f.secondMs))],
    ['  first request, worst case (slowest kind)', ...col((_, f) => fmtMs(f.worstFirstMs))],
    ...(['common', 'rare', 'pinyin', 'homophones'] as const).map((kind): Row => [`    ${kind}`, ...col((r) => (r.worstFirstMs?.[kind] ? fmtMs(median(r.worstFirstMs[kind])) : '—'))]),
    ['  heap after the requests (limit 128 MB)', ...col((_, f) => (f.heapMB === undefined ? '—' : `${f.heapMB.toFixed(1)} MB`))],
    ['IN-PROCESS p50 / p99, median of rounds'],
    ['  GET /v1/search, realistic mix', ...col((_, f) => pair(f.search.p50, f.search.p99))],
    ['    p99 of each round', ...col((r) => r.query?.map((round) => fmtMs(round.find((t) => t.name === 'search')!.p99)).join(', ') ?? '—')],
    ['  GET /v1/search, worst cases (each new)', ...col((_, f) => pair(f.worst.p50, f.worst.p99))],
    ['  GET /health (framework floor)', ...col((_, f) => pair(f.health.p50, f.health.p99))],
  ];
}

function httpLines(http: HttpLoad): string[] {
  const line = (name: string, l: HttpLoad['health']) =>
    `  ${name.padEnd(11)} ${Math.round(l.reqPerSec)} req/s, latency p50 ${l.p50Ms} ms / p99 ${l.p99Ms} ms, ${l.requests} requests, ${l.failures} failed`;
  return [
    `HTTP (wrangler dev on 127.0.0.1, response cache off, autocannon ${http.connections} connections, ${http.roundS} s rounds)`,
    line('/health', http.health),
    line('/v1/search', http.search),
    `  ratio       ${http.ratio.toFixed(2)} × (median of ${http.ratios.length} adjacent pairs: ${http.ratios.map((r) => r.toFixed(2)).join(', ')})`,
  ];
}

/** The whole report. */
export function renderReport(results: CorpusResult[], http: HttpLoad | undefined, verdicts: Verdict[], notes: string[]): string {
  const out = [table(corpusRows(results))];
  if (http) out.push('', ...httpLines(http));
  out.push('', table([['BUDGET', 'MEASURED', 'VERDICT'], ...verdicts.map((v) => [v.budget, v.measured, v.status])]));
  const errors = results.flatMap((r) => r.errors.map((e) => `  ${r.label}: ${e}`));
  if (errors.length) out.push('', 'ERRORS', ...errors);
  out.push('', ...notes.map((n) => `note: ${n}`));
  return out.join('\n');
}
