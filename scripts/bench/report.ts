/** @module Bench: the printed report: one table with a column per corpus, the workerd/HTTP table and the budget verdicts. */
import type { HttpPart, Verdict } from './budgets';
import type { SizeResult } from './measure-size';
import type { TaskStats } from './query-cost';
import { fmtBytes, fmtInt, fmtMs, median } from './stats';
import type { WorkerdResult } from './workerd';

type Row = [string, ...string[]];

/** Pads cells into aligned columns; the first column left-aligned, the others right-aligned. */
export function renderTable(rows: Row[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => (r.length === 1 ? r[0] : r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')))
    .join('\n');
}

const task = (r: SizeResult, prefix: string): TaskStats | undefined => r.query?.tasks.find((t) => t.name.startsWith(prefix));
const pp = (t: TaskStats | undefined) => (t ? `${fmtMs(t.p50)} / ${fmtMs(t.p99)}` : '—');
const pct = (part: number | undefined, whole: number | undefined) => (part !== undefined && whole ? ` (${Math.round((100 * part) / whole)}%)` : '');

function slowest(r: SizeResult): string {
  const q = [...(r.query?.perQuery ?? [])].sort((a, b) => b.handler - a.handler)[0];
  return q ? `${fmtMs(q.handler)} ${q.kind}` : '—';
}

function overhead(r: SizeResult): string {
  const ours = task(r, 'engine.search');
  const bare = task(r, 'bare MiniSearch');
  return ours && bare ? `${(ours.p50 / bare.p50).toFixed(1)} × / ${(ours.p99 / bare.p99).toFixed(1)} ×` : '—';
}

/** Share of engine.search time spent in analysis and in postings lookups (WordIndex + GramIndex search), over the whole query list. */
function searchSplit(r: SizeResult): string {
  const list = r.query?.perQuery ?? [];
  const total = list.reduce((n, q) => n + q.search, 0);
  if (!total) return '—';
  const analyze = list.reduce((n, q) => n + q.analyze, 0);
  const lookups = list.reduce((n, q) => n + q.lookups, 0);
  return `${Math.round((100 * analyze) / total)}% / ${Math.round((100 * lookups) / total)}% / ${Math.max(0, Math.round((100 * (total - analyze - lookups)) / total))}%`;
}

/** The k-th largest part of the artifact, "name size (share)". */
function part(r: SizeResult, k: number): string {
  const parts = Object.entries(r.artifact?.parts ?? {}).sort((a, b) => b[1] - a[1]);
  return parts[k] ? `${parts[k][0]} ${fmtBytes(parts[k][1])}${pct(parts[k][1], r.artifact!.rawBytes)}` : '—';
}

function buildCell(r: SizeResult): string {
  if (!r.build) return '—';
  if (r.build.timedOut) return `> ${fmtMs(r.build.ms)} (killed)`;
  return r.build.ok ? fmtMs(r.build.ms) : 'failed';
}

/** The rows of the main table (one column per corpus). */
function mainRows(sizes: SizeResult[]): Row[] {
  const col = (f: (r: SizeResult) => string): string[] => sizes.map((r) => f(r));
  const s = (r: SizeResult) => r.startup;
  return [
    ['', ...sizes.map((r) => r.label)],
    ['entries', ...col((r) => fmtInt(r.artifact?.entries ?? r.corpus?.entries))],
    ['providers (= articles)', ...col((r) => fmtInt(r.artifact?.providers ?? r.corpus?.providers))],
    ['BUILD'],
    ['  build wall time', ...col(buildCell)],
    ['  build peak RSS', ...col((r) => (r.build?.peakRssMB ? `${fmtInt(r.build.peakRssMB)} MB` : '—'))],
    ['  provider detection (est.)', ...col((r) => (r.detect?.sampled ? `${fmtMs(r.detect.estimatedMs)}${r.build?.ok ? pct(r.detect.estimatedMs, r.build.ms) : ''}` : '—'))],
    ['SIZE'],
    ['  artifact raw / gzip', ...col((r) => (r.artifact ? `${fmtBytes(r.artifact.rawBytes)} / ${fmtBytes(r.artifact.gzipBytes)}` : '—'))],
    ['  largest part (raw)', ...col((r) => part(r, 0))],
    ['  2nd largest part', ...col((r) => part(r, 1))],
    ['  3rd largest part', ...col((r) => part(r, 2))],
    ['  bundle gzip (wrangler --minify)', ...col((r) => (r.bundle ? fmtBytes(r.bundle.gzipBytes) : r.bundleEstimateBytes ? `~${fmtBytes(r.bundleEstimateBytes)} est.` : '—'))],
    ['STARTUP (fresh process, median)'],
    ['  bundle import (≈ isolate start)', ...col((r) => (s(r)?.bundle ? `${fmtMs(s(r)!.bundle!.importMs)} (min ${fmtMs(s(r)!.bundle!.importMinMs)})` : '—'))],
    ['    code load = bundle − engine ready', ...col((r) => (s(r)?.bundle ? fmtMs(s(r)!.bundle!.importMs - s(r)!.engineReadyMs) : '—'))],
    ['  worker module import via tsx', ...col((r) => fmtMs(s(r)?.worker?.importMs))],
    ['  engine ready = parse+ctor+app', ...col((r) => (s(r) ? `${fmtMs(s(r)!.engineReadyMs)} (min ${fmtMs(s(r)!.engineReadyMinMs)})` : '—'))],
    ['    (read artifact file, not counted)', ...col((r) => fmtMs(s(r)?.readMs))],
    ['    JSON.parse artifact', ...col((r) => fmtMs(s(r)?.parseMs))],
    ['    SearchEngine constructor', ...col((r) => fmtMs(s(r)?.ctorMs))],
    ['      analyzer creation (cold, apart)', ...col((r) => fmtMs(s(r)?.analyzerMs))],
    ['    createApp (routes, schemas)', ...col((r) => fmtMs(s(r)?.appMs))],
    ['  heap after 2 requests (limit 128 MB)', ...col((r) => (s(r) ? `${s(r)!.heapMB} MB` : '—'))],
    ['FIRST REQUEST (fresh process, median)'],
    ['  1st /v1/search after bundle import', ...col((r) => (s(r)?.bundle ? `${fmtMs(s(r)!.bundle!.firstRequestMs)} (min ${fmtMs(s(r)!.bundle!.firstRequestMinMs)})` : '—'))],
    ['    2nd /v1/search', ...col((r) => fmtMs(s(r)?.bundle?.secondRequestMs))],
    ['  1st /v1/search after tsx import', ...col((r) => (s(r)?.worker ? `${fmtMs(s(r)!.worker!.firstRequestMs)} (min ${fmtMs(s(r)!.worker!.firstRequestMinMs)})` : '—'))],
    ['  1st request without start-up warm-up', ...col((r) => (s(r) ? `${fmtMs(s(r)!.engineFirstRequestMs)} (min ${fmtMs(s(r)!.engineFirstRequestMinMs)})` : '—'))],
    ['    sound index build (lazy)', ...col((r) => fmtMs(s(r)?.pinyinBuildMs))],
    ['    framework 1st request (/health)', ...col((r) => fmtMs(s(r)?.healthFirstMs))],
    ['    1st query analysis (analyze)', ...col((r) => fmtMs(s(r)?.analyzeFirstMs))],
    ['    1st engine.search (rank, snippets)', ...col((r) => fmtMs(s(r)?.searchFirstMs))],
    ['    then 1st GET /v1/search (rest)', ...col((r) => fmtMs(s(r)?.firstRequestPrebuiltMs))],
    ['    2nd request in-process', ...col((r) => fmtMs(s(r)?.secondRequestMs))],
    ['RADIX-TREE TRAP (median)'],
    ['  MiniSearch loadJS (not shipped) enc / raw', ...col((r) => (r.trap ? `${fmtMs(r.trap.encodedFullMs)} / ${fmtMs(r.trap.rawFullMs)}` : '—'))],
    ['    tree only: encoded / raw Han', ...col((r) => (r.trap ? `${fmtMs(r.trap.encodedKeysMs)} / ${fmtMs(r.trap.rawKeysMs)}` : '—'))],
    ['    root fan-out: encoded / raw', ...col((r) => (r.trap ? `${r.trap.encodedRootFanout} / ${r.trap.rawRootFanout}` : '—'))],
    ['  shipped packed index: ctor / 1st search', ...col((r) => (r.trap ? `${fmtMs(r.trap.shippedCtorMs)} / ${fmtMs(r.trap.shippedFirstSearchMs)}` : '—'))],
    ['  word terms', ...col((r) => fmtInt(r.artifact?.terms ?? r.trap?.terms))],
    ['SPLIT INDEX (build --split; shards as static assets)'],
    ['  core raw / gzip', ...col((r) => (r.split ? `${fmtBytes(r.split.prepared.coreBytes)} / ${fmtBytes(r.split.prepared.coreGzipBytes)}` : '—'))],
    ['  bundle gzip with the core', ...col((r) => (r.split?.bundle ? fmtBytes(r.split.bundle.gzipBytes) : '—'))],
    ['  shards: files / total / largest', ...col((r) => (r.split ? `${fmtInt(r.split.prepared.shards)} / ${fmtBytes(r.split.prepared.shardBytes)} / ${fmtBytes(r.split.prepared.largestShardBytes)}` : '—'))],
    ['  core JSON.parse + engine', ...col((r) => (r.split?.cost ? `${fmtMs(r.split.cost.parseMs)} + ${fmtMs(r.split.cost.ctorMs)}` : '—'))],
    ['  1st pass: median / max per query', ...col((r) => (r.split?.cost ? `${fmtMs(median(r.split.cost.firstPassMs))} / ${fmtMs(Math.max(...r.split.cost.firstPassMs))}` : '—'))],
    ['    shards read (20 queries)', ...col((r) => (r.split?.cost ? `${fmtInt(r.split.cost.firstPassShards)} (${fmtBytes(r.split.cost.firstPassChars * 2)} in memory)` : '—'))],
    ['  shards in memory, term cache cold p50 / p99', ...col((r) => (r.split?.cost ? `${fmtMs(r.split.cost.warmP50Ms)} / ${fmtMs(r.split.cost.warmP99Ms)}` : '—'))],
    ['  heap after the passes', ...col((r) => (r.split?.cost ? `${r.split.cost.heapMB} MB` : '—'))],
    ['QUERY in-process, p50 / p99 (median of the rounds)'],
    ['  GET /v1/search, term cache cold', ...col((r) => pp(task(r, 'GET /v1/search (term cache cold)')))],
    ['    p99 in each fresh-process round', ...col((r) => r.query?.p99Rounds?.['GET /v1/search (term cache cold)']?.map(fmtMs).join(', ') ?? '—')],
    ['  GET /v1/search, term cache warm', ...col((r) => pp(task(r, 'GET /v1/search (term cache warm)')))],
    ['  GET /v1/answer, term cache cold', ...col((r) => pp(task(r, 'GET /v1/answer')))],
    ['  engine.search, term cache cold', ...col((r) => pp(task(r, 'engine.search')))],
    ['  GET /v1/search, response cache hit', ...col((r) => pp(task(r, 'GET /v1/search (response cache hit)')))],
    ['  bare MiniSearch.search (same entries)', ...col((r) => pp(task(r, 'bare MiniSearch')))],
    ['  engine.search ÷ bare (p50/p99)', ...col(overhead)],
    ['  search: analyze/lookups/rank+snip', ...col(searchSplit)],
    ['  GET /health (framework floor)', ...col((r) => pp(task(r, 'GET /health')))],
    ['  slowest query (median)', ...col(slowest)],
    ['load average (1 min) at end', ...col((r) => (r.load !== undefined ? String(r.load) : '—'))],
  ];
}

/** The workerd/HTTP lines ("label  value", values left-aligned: they are long). */
function httpRows(workerd: WorkerdResult | undefined, http: HttpPart | undefined): string {
  const rows: [string, string][] = [];
  if (workerd) {
    rows.push(
      ['  wrangler dev spawn → port open', fmtMs(workerd.bootMs)],
      ['  first /v1/search after start', `${fmtMs(workerd.firstMs)} (${workerd.starts.map((s) => fmtMs(s.firstMs)).join(', ')})`],
      ['  warm /v1/search p50 / p99', `${fmtMs(workerd.warmP50Ms)} / ${fmtMs(workerd.warmP99Ms)}`],
    );
  }
  if (http) {
    const pct = (v: number | undefined) => (v === undefined ? '—' : `${Math.round(v)}%`);
    const line = (l: HttpPart['health']) =>
      `${fmtInt(l.reqPerSec)} req/s${l.rounds.length > 1 ? ` (rounds ${l.rounds.map(fmtInt).join(', ')})` : ''}, p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, ${fmtInt(l.total)} req, errors ${l.errors + l.timeouts}, non-2xx ${l.non2xx}, ${fmtBytes(l.bytesPerReq)}/resp`;
    const ms = (v: number) => `${v.toFixed(3)} ms`;
    const cpu = (l: HttpPart['health']) =>
      `client ${pct(l.clientCpuPct)}, server ${pct(l.serverCpuPct)} of a core${l.cpuMsPerReq ? `; CPU/req: worker ${ms(l.cpuMsPerReq.worker)}, dev proxy ${ms(l.cpuMsPerReq.proxy)}, wrangler+esbuild ${ms(l.cpuMsPerReq.other)}` : ''}`;
    rows.push([`  autocannon (${http.connections} conn., ${http.durationS} s rounds) /health`, line(http.health)], ['    CPU', cpu(http.health)]);
    if (http.entry) rows.push(['  autocannon /v1/entries/:id (no search)', line(http.entry)], ['    CPU', cpu(http.entry)]);
    rows.push(['  autocannon /v1/search', line(http.search)], ['    CPU', cpu(http.search)]);
    if (http.searchUncached) {
      rows.push(
        ['  autocannon /v1/search, new queries (cache miss)', line(http.searchUncached)],
        ['    CPU', cpu(http.searchUncached)],
        ['    ÷ /health (not budgeted; for reference)', `${http.uncachedRatio?.toFixed(2)} ×`],
      );
    }
    rows.push([
      '  /v1/search ÷ /health throughput',
      `${http.ratio.toFixed(2)} × median of ${http.pairs.length} adjacent pairs (${http.pairs.map((p) => p.ratio.toFixed(2)).join(', ')}; range ${http.ratioMin.toFixed(2)}–${http.ratioMax.toFixed(2)}), pooled ${http.pooledRatio.toFixed(2)} ×`,
    ]);
    const h = http.health.cpuMsPerReq;
    const q = http.search.cpuMsPerReq;
    // What the ratio would be if only the worker's own CPU limited throughput (no dev proxy, no shared cores).
    if (h && q && q.worker > 0) rows.push(['  worker CPU/req /health ÷ /v1/search', `${(h.worker / q.worker).toFixed(2)} × (info: the worker process alone, without wrangler's dev proxy)`]);
  }
  const width = Math.max(...rows.map(([l]) => l.length));
  return ['WORKERD (wrangler dev, embedded corpus, client-side timing)', ...rows.map(([l, v]) => `${l.padEnd(width)}  ${v}`)].join('\n');
}

/** The full printed report. */
export function renderReport(sizes: SizeResult[], workerd: WorkerdResult | undefined, http: HttpPart | undefined, verdicts: Verdict[], notes: string[]): string {
  const out = [renderTable(mainRows(sizes))];
  if (workerd || http) out.push('', httpRows(workerd, http));
  out.push('', renderTable([['BUDGET', 'MEASURED', 'VERDICT'], ...verdicts.map((v): Row => [v.budget, v.measured, v.status])]));
  const errors = sizes.flatMap((s) => s.errors.map((e) => `${s.label}: ${e}`));
  if (errors.length) out.push('', 'ERRORS', ...errors.map((e) => `  ${e}`));
  if (notes.length) out.push('', ...notes.map((n) => `note: ${n}`));
  return out.join('\n');
}
