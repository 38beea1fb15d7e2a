/**
 * @module `npm run bench`: one command, one report. Measures the embedded corpus (bundle, start-up, first
 * request, query cost in-process, workerd via wrangler dev, HTTP load) and synthetic corpora of 1k/10k/50k
 * entries (build time and memory, artifact size, start-up, query cost), prints a table with PASS/FAIL per
 * budget, and writes JSON and an SVG chart under bench-results/.
 *
 * Flags: see USAGE (`npm run bench -- --help`).
 */
import { cpus } from 'node:os';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, type HttpPart } from './bench/budgets';
import { generateCorpus } from './corpus/generate';
import { measureLoad } from './bench/http-load';
import { log, measureSize, type SizePlan, type SizeResult } from './bench/measure-size';
import { codePath, ROOT, useCodeSnapshot } from './bench/proc';
import { renderReport } from './bench/report';
import { load1 } from './bench/stats';
import { renderSvg } from './bench/svg';
import { parseArtifact } from '../src/artifact';
import { measureWorkerd, stopDev, type DevServer, type WorkerdResult } from './bench/workerd';
import type { WorkerCopy } from './bench/worker-copy';
import { DEFAULT_SECTIONS } from './gen-corpus';

/** Parsed command line. */
interface Options {
  quick: boolean;
  skipScale: boolean;
  skipHttp: boolean;
  skipEmbedded: boolean;
  sizes: number[];
  runs: number;
  buildTimeoutS: number;
  connections: number;
  durationS: number;
  pairs: number;
  seed: number;
  keep: boolean;
  out: string;
}

/** What `--help` prints, and what follows a flag error. */
const USAGE = `usage: npm run bench -- [flags]
  --quick                 a smoke run: fewer runs, one short query round, sizes 1000,10000 (its verdicts are rough)
  --skip-embedded         skip the embedded corpus (and the workerd/HTTP part)
  --skip-scale            skip the synthetic corpora
  --skip-http             skip wrangler dev and autocannon
  --sizes 1000,10000,...  synthetic corpus sizes (default 1000,10000,50000)
  --runs N                fresh processes per start-up figure (default 5; 3 with --quick)
  --build-timeout S       kill a synthetic build after S seconds (default 300)
  --connections N         autocannon connections (default 10)
  --duration S            seconds per load round (default 2)
  --pairs N               alternating /health and /v1/search round pairs (default 10)
  --seed N                synthetic corpus seed (default 1)
  --keep                  keep bench-results/tmp
  --out DIR               where the report goes (default bench-results)`;

/** Reads the flags (see the module comment); prints the usage and exits on --help or a bad flag. */
function options(): Options {
  let parsed;
  try {
    parsed = parseFlags();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return parsed.options;
}

function parseFlags(): { help: boolean; options: Options } {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      quick: { type: 'boolean', default: false },
      'skip-scale': { type: 'boolean', default: false },
      'skip-http': { type: 'boolean', default: false },
      'skip-embedded': { type: 'boolean', default: false },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      'build-timeout': { type: 'string', default: '300' },
      connections: { type: 'string', default: '10' },
      duration: { type: 'string' },
      pairs: { type: 'string' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench-results' },
    },
  });
  const quick = values.quick!;
  const options: Options = {
    quick,
    skipScale: values['skip-scale']!,
    skipHttp: values['skip-http']!,
    skipEmbedded: values['skip-embedded']!,
    sizes: (values.sizes ?? (quick ? '1000,10000' : '1000,10000,50000')).split(',').map(Number).filter((n) => n > 0),
    runs: Number(values.runs ?? (quick ? 3 : 5)),
    buildTimeoutS: Number(values['build-timeout']),
    // A few connections keep one single-threaded workerd busy; more only queue and cost the client CPU.
    connections: Math.min(64, Math.max(1, Number(values.connections) || 10)),
    // Short rounds, many pairs: ~50 s in all by default (see http-load.ts).
    durationS: Number(values.duration ?? 2),
    pairs: Math.max(3, Number(values.pairs ?? (quick ? 5 : 10))),
    seed: Number(values.seed),
    keep: values.keep!,
    out: join(ROOT, values.out!),
  };
  // Numbers are checked as given: Number('x') is NaN, and a NaN size or run count would silently measure nothing.
  for (const flag of ['runs', 'build-timeout', 'connections', 'duration', 'pairs', 'seed'] as const) {
    const raw = values[flag];
    if (raw !== undefined && !/^\d+(\.\d+)?$/.test(raw)) throw new Error(`--${flag} takes a number, not ${JSON.stringify(raw)}`);
  }
  if (values.sizes !== undefined && !/^\d+(,\d+)*$/.test(values.sizes)) throw new Error(`--sizes takes entry counts separated by commas, not ${JSON.stringify(values.sizes)}`);
  return { help: values.help!, options };
}

const label = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/** What to measure for the embedded corpus or one synthetic size. */
function plan(o: Options, name: string, dataDir: string, entries: number | null): SizePlan {
  const big = entries !== null && entries > 10_000;
  return {
    label: name,
    dataDir,
    workDir: join(o.out, 'tmp', name),
    runs: big ? Math.min(o.runs, 3) : o.runs,
    queryMs: o.quick ? 300 : 1000,
    queryRounds: o.quick ? 1 : 3,
    buildTimeoutMs: o.buildTimeoutS * 1000,
    bundle: !big,
    split: big,
    workerImport: entries === null,
    trap: entries === null || entries === 10_000,
    trapRuns: o.quick ? 1 : 3,
    detectSample: entries === null ? 0 : 12,
  };
}

/** The embedded corpus, and the workerd + HTTP load part on its worker copy. */
async function embedded(o: Options): Promise<{ result: SizeResult; workerd?: WorkerdResult; http?: HttpPart }> {
  log('embedded corpus (data/)');
  const { result, copy } = await measureSize(plan(o, 'embedded', codePath('data'), null), { label: 'embedded', errors: [] });
  if (o.skipHttp || !copy) return { result };
  return { result, ...(await workerdPart(o, copy, result)) };
}

let running: DevServer | undefined;

/** Id of the first entry of the worker copy's artifact (for the no-search load run). */
function firstEntryId(copy: WorkerCopy): string | undefined {
  try {
    return parseArtifact(readFileSync(join(copy.dir, 'src/generated/artifact.txt'), 'utf8')).entries[0]?.id;
  } catch {
    return undefined;
  }
}

async function workerdPart(o: Options, copy: WorkerCopy, result: SizeResult): Promise<{ workerd?: WorkerdResult; http?: HttpPart }> {
  try {
    log('  embedded: wrangler dev (first vs warm requests)');
    const { result: workerd, server } = await measureWorkerd(copy.dir, o.quick ? 1 : 3, o.quick ? 20 : 60);
    running = server;
    const load = { connections: o.connections, durationS: o.durationS, pairs: o.pairs, warmupS: o.quick ? 1 : 5, serverGroup: server.child.pid };
    // Warm-up of each route (5 s: the first seconds after start run slower, JIT tiers and wrangler settling), the pairs and the /v1/entries round, each round followed by a 0.25 s pause.
    const total = Math.round(2 * load.warmupS + (2 * load.pairs + 1) * (load.durationS + 0.25));
    log(`  embedded: autocannon ${o.connections} connections, ${load.pairs} × (/health + /v1/search) rounds of ${o.durationS} s, ~${total} s`);
    const http = await measureLoad(server.base, load, firstEntryId(copy));
    return { workerd, http };
  } catch (e) {
    result.errors.push(`workerd: ${(e as Error).message}`);
    return {};
  } finally {
    if (running) await stopDev(running);
    running = undefined;
  }
}

/** One synthetic size: generate, then measure; the big data is removed afterwards unless --keep. */
async function scaleSize(o: Options, n: number, emb: SizeResult | undefined): Promise<SizeResult> {
  const name = label(n);
  log(`synthetic corpus, ${name} entries`);
  const result: SizeResult = { label: name, target: n, errors: [] };
  const p = plan(o, name, join(o.out, 'tmp', name, 'data'), n);
  try {
    result.corpus = generateCorpus({ entries: n, out: p.dataDir, data: codePath('data'), seed: o.seed, sections: DEFAULT_SECTIONS });
    log(`  ${name}: generated ${result.corpus.entries} entries, ${result.corpus.articles} articles in ${(result.corpus.ms / 1000).toFixed(1)} s`);
  } catch (e) {
    result.errors.push(`gen-corpus: ${(e as Error).message}`);
    return result;
  }
  await measureSize(p, result);
  if (!result.bundle && result.artifact && emb?.bundle && emb.artifact) {
    result.bundleEstimateBytes = emb.bundle.gzipBytes - emb.artifact.gzipBytes + result.artifact.gzipBytes;
  }
  if (!o.keep) rmSync(p.workDir, { recursive: true, force: true });
  return result;
}

/** HEAD and how many files under src/, scripts/ and data/ differ from it (others edit concurrently). */
function gitState(): { commit?: string; changedFiles?: number } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    const changed = git('status', '--porcelain', '--', 'src', 'scripts', 'data', 'wrangler.toml');
    return { commit: git('rev-parse', '--short', 'HEAD'), changedFiles: changed ? changed.split('\n').length : 0 };
  } catch {
    return {};
  }
}

/** Copies the code and data being measured, so concurrent edits cannot change it halfway through the run. */
function snapshot(o: Options): void {
  const dir = join(o.out, 'tmp', 'snapshot');
  rmSync(dir, { recursive: true, force: true });
  for (const part of ['src', 'scripts', 'data']) {
    cpSync(join(ROOT, part), join(dir, part), { recursive: true, filter: (p) => !p.endsWith(join('generated', 'artifact.txt')) });
  }
  cpSync(join(ROOT, 'wrangler.toml'), join(dir, 'wrangler.toml'));
  useCodeSnapshot(dir);
}

/** Honest caveats printed under the report. */
function notes(o: Options, loadStart: number, loadEnd: number, git: { commit?: string; changedFiles?: number }): string[] {
  return [
    `code: commit ${git.commit ?? '?'} plus ${git.changedFiles ?? '?'} uncommitted files under src/ scripts/ data/, snapshot taken at start (bench-results/tmp/snapshot).`,
    `machine: ${cpus().length} cores shared with other work; load average ${loadStart} at start, ${loadEnd} at end. Start-up: medians (and minima) of ${o.runs} fresh processes; query cost: medians of ${o.quick ? 1 : 3} fresh-process rounds; expect ±30% run to run.`,
    'workerd does not advance its clock during CPU work, so worker timings are client-side; the CPU proxy for the first request is its wall time in Node (handler until its Response exists).',
    "bundle import = the wrangler --minify bundle imported in plain Node 20 (same V8 as workerd, give or take): code parse + hono + app modules + JSON.parse + engine + src/index.ts's warm-up query; Text modules (wrangler.toml [[rules]]) are preloaded in memory, as workerd holds them; Node's lazily loaded fetch classes and Web Crypto are loaded before timing (workerd has them built in). The first request after it is sent through the bundle's fetch handler in the same process.",
    "in-process GET tasks run with the worker's response cache off (RESPONSE_CACHE_SIZE=0): the query list repeats, and a hit is timed on its own line. 'term cache cold' clears the engine's term-score cache before every run. Each GET sample times app.fetch from a ready Request to its Response (the worker's part); the Request is built before and the body read after, untimed, because in workerd both are native (in Node, undici's Request garbage alone made 7.5–9 ms scavenges).",
    ...(o.skipHttp || o.skipEmbedded
      ? []
      : [
          `autocannon (one thread, ${o.connections} connections, pipelining 1) and workerd share the cores; /health and /v1/search alternate in ${o.durationS} s rounds after a warm-up, and the ratio is the median over adjacent pairs (the rotating queries repeat, so after the warm-up the worker's response cache answers them, as it would popular questions; the 'new queries' line is the cache-miss cost); each search request carries its own CF-Connecting-IP so the rate limiter runs but does not throttle.`,
        ]),
    `synthetic corpora: real data + one article per synthetic provider, ${DEFAULT_SECTIONS.join('–')} topics each, recombined from the real articles (seed ${o.seed}).`,
  ];
}

async function main(): Promise<void> {
  const o = options();
  const loadStart = load1();
  const started = performance.now();
  mkdirSync(join(o.out, 'tmp'), { recursive: true });
  const git = gitState();
  snapshot(o);
  const emb = o.skipEmbedded ? undefined : await embedded(o);
  const sizes: SizeResult[] = [];
  if (!o.skipScale) for (const n of o.sizes) sizes.push(await scaleSize(o, n, emb?.result));
  const all = [...(emb ? [emb.result] : []), ...sizes];
  const verdicts = evaluate(emb?.result, sizes, emb?.http);
  const loadEnd = load1();
  const report = renderReport(all, emb?.workerd, emb?.http, verdicts, notes(o, loadStart, loadEnd, git));
  console.log(report);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ meta: { date: new Date().toISOString(), ...git, node: process.version, cpus: cpus().length, loadStart, loadEnd, seconds: Math.round((performance.now() - started) / 1000), options: o }, results: all, workerd: emb?.workerd, http: emb?.http, verdicts }, null, 2);
  writeFileSync(join(o.out, `bench-${stamp}.json`), json);
  writeFileSync(join(o.out, 'latest.json'), json);
  writeFileSync(join(o.out, 'scale.svg'), renderSvg(all));
  writeFileSync(join(o.out, 'latest.txt'), `${report}\n`);
  log(`\nwrote ${join(o.out, 'latest.json')}, bench-${stamp}.json, scale.svg, latest.txt in ${Math.round((performance.now() - started) / 1000)} s`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (running ? stopDev(running) : Promise.resolve()).finally(() => process.exit(130));
  });
}

await main();
