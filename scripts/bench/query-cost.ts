/**
 * @module Bench, one round in a fresh process (`query-cost.ts <artifact.txt> <worst.json> <ms>`): query cost in-process
 * with tinybench through the real Hono app, `createApp(engine).fetch(request)`. The worker's response cache is off
 * and the engine's term cache is reset before every sample, so each sample is a whole search: the realistic mix,
 * the worst-case queries (each new) and GET /health, the framework's floor. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { Bench, type FnOptions } from 'tinybench';
import { createApp } from '../../src/app';
import { parseArtifact } from '../../src/artifact';
import { SearchEngine } from '../../src/search/engine';
import { BENCH_QUERIES, type BenchQuery } from './queries';

/** Latency of one task, in ms. */
export interface TaskCost {
  name: 'search' | 'worst' | 'health';
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

/** The response cache off: a repeated query must be searched again, not read from a map. */
const NO_RESPONSE_CACHE = { RESPONSE_CACHE_SIZE: '0' };

/**
 * A GET timed from a ready Request to its Response, as workerd runs the handler: workerd builds the Request
 * natively before the worker runs and sends the body after it returns. In Node both are JavaScript (undici) and
 * timing them measured the harness (7.5–9 ms scavenges from Request garbage alone), so the hooks, which tinybench
 * leaves out of the timing, build the Request and read and check the body.
 */
function timedGet(app: ReturnType<typeof createApp>, engine: SearchEngine, next: () => string): [() => Promise<void>, FnOptions] {
  let request: Request | null = null;
  let response: Response | null = null;
  const fn = async () => {
    response = await app.fetch(request!, NO_RESPONSE_CACHE);
  };
  const hooks: FnOptions = {
    beforeEach: () => {
      engine.resetTermCache();
      request = new Request(`http://bench.local${next()}`);
    },
    afterEach: async () => {
      const r = response!;
      response = null;
      if (r.status !== 200) throw new Error(`${request!.url}: HTTP ${r.status}`);
      await r.text();
    },
  };
  return [fn, hooks];
}

/** The next /v1/search path of a query list on every call, round and round. */
function rotation(queries: BenchQuery[]): () => string {
  let i = 0;
  return () => `/v1/search?q=${encodeURIComponent(queries[i++ % queries.length].q)}`;
}

async function main(): Promise<void> {
  const [artifactFile, worstFile, ms] = process.argv.slice(2);
  const engine = new SearchEngine(parseArtifact(readFileSync(artifactFile, 'utf8')));
  const app = createApp(engine);
  const worst = JSON.parse(readFileSync(worstFile, 'utf8')) as BenchQuery[];
  const bench = new Bench({ time: Number(ms), warmupTime: 250, iterations: 2 * BENCH_QUERIES.length, throws: true });
  bench.add('search', ...timedGet(app, engine, rotation(BENCH_QUERIES)));
  bench.add('worst', ...timedGet(app, engine, rotation(worst)));
  bench.add('health', ...timedGet(app, engine, () => '/health'));
  await bench.run();
  const tasks = bench.tasks.map((task): TaskCost => {
    if (task.result.state !== 'completed') throw new Error(`${task.name}: ${task.result.state}`);
    const { samplesCount, p50, p99, max } = task.result.latency;
    return { name: task.name as TaskCost['name'], samples: samplesCount, p50, p99, max };
  });
  console.log(JSON.stringify({ tasks }));
}

await main();
