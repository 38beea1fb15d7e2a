/**
 * @module `npm run bench`: measures what the budgets need and prints one report with PASS or FAIL for each
 * (docs/performance.md says how each figure is taken). The embedded corpus (data/): the bundle, start-up and first
 * requests in fresh processes, in-process query cost, and /v1/search against /health under wrangler dev. Synthetic
 * corpora (scripts/gen-corpus.ts, default 10k and 50k entries): the build, and for those bundled whole (up to 10k)
 * the same Worker figures. Writes bench-results/latest.txt and latest.json (and a dated copy of the JSON).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate } from './bench/budgets';
import { measureLoad, type HttpLoad } from './bench/http-load';
import { log, measureCorpus, type CorpusResult, type Plan } from './bench/measure';
import { renderReport } from './bench/report';
import { ROOT, runTsx } from './lib/process';
import { startWranglerDev, type DevServer } from './lib/wrangler-dev';

const USAGE = `usage: npm run bench -- [flags]
  --quick            a smoke run: 3 processes per start-up figure, one short query round, 5 load pairs, 10k only
  --sizes N,N        synthetic corpus sizes in entries (default 10000,50000); up to 10000 are bundled and measured whole
  --runs N           fresh processes per start-up figure (default 7)
  --skip-embedded    skip the embedded corpus (and the HTTP load)
  --skip-scale       skip the synthetic corpora
  --skip-http        skip wrangler dev and autocannon
  --keep             keep the scratch directories under .tmp/
  --out DIR          where the report goes (default bench-results)`;

function options() {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      'skip-embedded': { type: 'boolean', default: false },
      'skip-scale': { type: 'boolean', default: false },
      'skip-http': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: 'bench-results' },
    },
  });
  const sizes = values.sizes ?? (values.quick ? '10000' : '10000,50000');
  const runs = values.runs ?? (values.quick ? '3' : '7');
  if (!/^\d+(,\d+)*$/.test(sizes)) throw new Error(`--sizes takes entry counts separated by commas, not ${JSON.stringify(sizes)}`);
  if (!/^[1-9]\d*$/.test(runs)) throw new Error(`--runs takes a positive whole number, not ${JSON.stringify(runs)}`);
  return {
    help: values.help!,
    quick: values.quick!,
    sizes: sizes.split(',').map(Number),
    runs: Number(runs),
    skipEmbedded: values['skip-embedded']!,
    skipScale: values['skip-scale']!,
    skipHttp: values['skip-http']!,
    keep: values.keep!,
    out: join(ROOT, values.out!),
  };
}
type Options = ReturnType<typeof options>;

const SCRATCH = join(ROOT, '.tmp/bench');
const label = (n: number) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));

function plan(o: Options, name: string, dataDir: string, worker: boolean): Plan {
  return { label: name, dataDir, workDir: join(SCRATCH, name), buildTimeoutMs: 300_000, worker, runs: o.runs, queryRounds: o.quick ? 1 : 3, queryMs: o.quick ? 300 : 1000 };
}

let running: DevServer | undefined;

/** /v1/search against /health under wrangler dev, serving the bundled copy with the response cache off. */
async function httpLoad(o: Options, embedded: CorpusResult): Promise<HttpLoad | undefined> {
  if (!embedded.workerDir) return undefined;
  try {
    running = await startWranglerDev({ cwd: embedded.workerDir, vars: { RESPONSE_CACHE_SIZE: '0' } });
    const load = { connections: 8, roundS: 2, pairs: o.quick ? 5 : 10, warmupS: o.quick ? 2 : 5 };
    log(`  embedded: autocannon, ${load.pairs} pairs of /health and /v1/search rounds of ${load.roundS} s`);
    return await measureLoad(running.url, load);
  } catch (error) {
    embedded.errors.push(`http load: ${(error as Error).message}`);
    return undefined;
  } finally {
    await running?.stop();
    running = undefined;
  }
}

/** The commit measured, and whether the work tree differed from it. */
function commit(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--', 'src', 'scripts', 'data', 'wrangler.toml') ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  let o: Options;
  try {
    o = options();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (o.help) return void process.stdout.write(`${USAGE}\n`);
  const started = performance.now();
  const load = [loadavg()[0]];
  const results: CorpusResult[] = [];
  let http: HttpLoad | undefined;
  if (!o.skipEmbedded) {
    log('embedded corpus (data/)');
    const embedded = await measureCorpus(plan(o, 'embedded', join(ROOT, 'data'), true));
    results.push(embedded);
    if (!o.skipHttp) http = await httpLoad(o, embedded);
  }
  for (const n of o.skipScale ? [] : o.sizes) {
    log(`synthetic corpus, ${label(n)} entries`);
    const data = join(SCRATCH, label(n), 'data');
    await runTsx('scripts/gen-corpus.ts', ['--entries', String(n), '--out', data]);
    results.push(await measureCorpus(plan(o, label(n), data, n <= 10_000)));
  }
  load.push(loadavg()[0]);
  const verdicts = evaluate(results.find((r) => r.label === 'embedded'), results, http);
  const notes = [
    `commit ${commit()}; Node ${process.version}; ${cpus().length} cores shared with other work, load average ${load.map((l) => l.toFixed(2)).join(' at start, ')} at the end; ${Math.round((performance.now() - started) / 1000)} s.`,
    'timings are wall time in Node (the CPU proxy: workerd does not advance its clock during CPU work); on a busy machine expect ±30% run to run, and judge budgets on a quiet one.',
  ];
  const report = renderReport(results, http, verdicts, notes);
  console.log(report);
  mkdirSync(o.out, { recursive: true });
  const json = JSON.stringify({ date: new Date().toISOString(), notes, results, http, verdicts }, null, 2);
  writeFileSync(join(o.out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), json);
  writeFileSync(join(o.out, 'latest.json'), json);
  writeFileSync(join(o.out, 'latest.txt'), `${report}\n`);
  if (!o.keep) for (const r of results) rmSync(join(ROOT, '.tmp', `bench-${r.label}`), { recursive: true, force: true });
  if (!o.keep) rmSync(SCRATCH, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void (running?.stop() ?? Promise.resolve()).finally(() => process.exit(130)));

await main();
