/**
 * @module `npm run soak`: a bounded load test of the Worker under `wrangler dev` on 127.0.0.1. A mix of valid and
 * hostile requests (Chinese queries, bad parameters, malformed encodings, 16 KB URLs, unknown routes, other methods,
 * revalidations, a client that trips the rate limit) runs for `--duration` seconds; the run fails on any 5xx,
 * socket error, request without a response in 10 s, unexpected status or non-JSON body. Prints req/s, latency
 * percentiles and the RSS of the workerd processes before and after.
 *
 * `--split` serves a split index instead of the embedded one: a synthetic corpus of `--entries` entries (default
 * 10,000) built with `scripts/build.ts --split` into a private copy of the Worker, its shards read through the
 * ASSETS binding, under 64 connections by default, and a quarter of the requests are new worst-case queries.
 *
 * Flags: --duration <s> (default 60), --connections <n> (8; 64 with --split), --split, --entries <n>, --seed <n>,
 * --port <n> (default a free one), --url <http://127.0.0.1:port> (a server that is already running).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { corpusText, worstCaseQueries } from './bench/queries';
import { createRng } from './corpus/rng';
import { ROOT, runTsx } from './lib/process';
import { copyWorker } from './lib/worker-copy';
import { startWranglerDev, type DevServer } from './lib/wrangler-dev';

const USAGE = 'usage: npm run soak -- [--duration S] [--connections N] [--split [--entries N]] [--seed N] [--port N | --url http://127.0.0.1:PORT]';

/** The command line, checked. */
function options() {
  try {
    const { values } = parseArgs({
      options: {
        duration: { type: 'string', default: '60' },
        connections: { type: 'string' },
        split: { type: 'boolean', default: false },
        entries: { type: 'string', default: '10000' },
        port: { type: 'string' },
        seed: { type: 'string', default: String(1 + (Date.now() % 999_999)) },
        url: { type: 'string' },
      },
    });
    const url = values.url;
    if (url && !/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?$/.test(url)) throw new Error('--url must be a loopback http://127.0.0.1:<port> address');
    if (url && values.split) throw new Error('--split starts its own server; it does not go with --url');
    return {
      durationS: positive(values.duration!, 'duration'),
      connections: positive(values.connections ?? (values.split ? '64' : '8'), 'connections'),
      split: values.split!,
      entries: positive(values.entries!, 'entries'),
      port: values.port === undefined ? undefined : positive(values.port, 'port'),
      seed: positive(values.seed!, 'seed'),
      url,
    };
  } catch (error) {
    console.error(`soak: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// The request mix
// ---------------------------------------------------------------------------------------------------------------

/** One kind of request and the statuses it may legitimately get (429 wherever the limiter applies). */
interface Spec extends autocannon.Request {
  kind: string;
  expect: number[];
}

/** What setupRequest leaves for onResponse. */
interface Context {
  spec: Spec;
  ip: string;
}

const enc = encodeURIComponent;
const QUERIES = [
  '通联支付退款要几天',
  '汇付天下客服几点上班',
  'Topay密码找回步骤',
  '联合钱包账户被冻结怎么办',
  '數字錢包轉賬失敗',
  '支付失败怎么办',
  '我的钱被扣了但是订单显示没付款',
  '怎么联系人工客服',
  '交易记录在哪里查',
  'tonglian tuikuan',
  'huifu kefu dianhua',
  '忘记登录密码',
  '账号被盗了怎么办',
  '境外支付能用吗',
  '转错账了能追回吗',
  '投诉商家',
  '您好，我上周用通联支付给网店付了三百块钱，商家一直没发货，我申请了退款但是到现在还没到账，请问一般要几个工作日？',
  'refund',
  '汇付',
  '银行卡绑定不上',
];
const PROVIDERS = ['allinpay', 'unionwallet', 'huifu', 'topay', 'digital-wallet'];
const HOSTILE = [
  '%E4%B8',
  '%ZZ',
  '%',
  '%ED%A0%80',
  '%00%01%1B%7F',
  '退款%00密码',
  '%E2%80%8B%E2%80%8D%EF%BB%BF退款',
  '%E2%80%AE%E2%81%A6退款%E2%81%A9',
  enc('😀🙏🏽👨‍👩‍👧‍👦 退款'),
  enc('.*+?^${}()|[]\\ (a+)+$'),
  enc('<script>alert(1)</script>'),
  enc("' OR 1=1; DROP TABLE entries; --"),
  enc('__proto__ constructor'),
  enc('退'.repeat(100) + '款'.repeat(100)),
  enc('的'.repeat(200)),
];
const LIMITED = [200, 429];

function buildSpecs(): { spec: Spec; weight: number }[] {
  const out: { spec: Spec; weight: number }[] = [];
  const add = (weight: number, kind: string, path: string, expect: number[], extra: Partial<Spec> = {}) =>
    out.push({ weight, spec: { kind, method: 'GET', path, expect, ...extra } });
  for (const q of QUERIES) {
    add(6, 'search', `/v1/search?q=${enc(q)}`, LIMITED);
    add(2, 'search', `/v1/search?q=${enc(q)}&limit=20&provider=${PROVIDERS[q.length % PROVIDERS.length]}`, LIMITED);
    add(1, 'search', `/v1/search?q=${enc(q)}&category=refund&limit=1`, LIMITED);
    add(4, 'answer', `/v1/answer?q=${enc(q)}`, LIMITED);
    add(1, 'revalidate', `/v1/search?q=${enc(q)}`, [304, 429], { headers: { 'if-none-match': '*' } });
    add(1, 'revalidate', `/v1/answer?q=${enc(q)}`, LIMITED, { headers: { 'if-none-match': 'W/"stale"' } });
  }
  for (const p of PROVIDERS) add(1, 'provider', `/v1/providers/${p}`, LIMITED);
  add(2, 'providers', '/v1/providers', LIMITED);
  add(2, 'entry', '/v1/entries/allinpay-refund', [200, 404, 429]);
  add(2, 'health', '/health', [200]);
  add(1, 'openapi', '/openapi.json', LIMITED);
  const bad = [400, 429];
  for (const path of [
    '/v1/search',
    '/v1/search?q=',
    '/v1/search?q=%20%E3%80%80',
    `/v1/search?q=${enc('退款'.repeat(101))}`,
    `/v1/search?q=${'x'.repeat(16 * 1024)}`,
    `/v1/answer?q=${enc('退款')}&provider=nope`,
    `/v1/search?q=${enc('退款')}&provider=${'x'.repeat(4000)}`,
    `/v1/search?q=${enc('退款')}&limit=0`,
    `/v1/search?q=${enc('退款')}&limit=abc`,
    `/v1/search?q=${enc('退款')}&limit=21`,
    `/v1/search?q=${enc('退款')}&category=nope`,
    '/v1/search?q=a&q=b',
    '/v1/answer?q=...',
  ])
    add(2, 'bad-params', path, bad);
  for (const raw of HOSTILE) {
    add(1, 'hostile', `/v1/search?q=${raw}`, [200, 400, 429]);
    add(1, 'hostile', `/v1/answer?q=${raw}&provider=topay`, [200, 400, 429]);
  }
  add(1, 'page', '/', [200]);
  for (const path of ['/v2/search', '/v1/search/', '/v1/entries/', '/v1/entries/%ZZ', '/v1/providers/%00', '/admin', `/${'a'.repeat(8000)}`, '/..%2F..%2Fetc%2Fpasswd'])
    add(1, 'unknown-route', path, [404, 429]);
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const)
    add(1, 'method', `/v1/search?q=${enc('退款')}`, [405, 429], { method, body: method === 'DELETE' ? undefined : '{"q":"退款"}', headers: { 'content-type': 'application/json' } });
  add(1, 'preflight', '/v1/search', [204], { method: 'OPTIONS', headers: { origin: 'https://site.example', 'access-control-request-method': 'GET' } });
  return out;
}

/** Worst-case searches and answers, a new query each time (see worstCaseQueries), for the split run. */
function worstCaseSpecs(text: string, seed: number): () => Spec {
  const queries = worstCaseQueries(text, 4000, seed);
  let i = 0;
  return () => {
    const { q } = queries[i++ % queries.length];
    return { kind: 'worst-case', method: 'GET', path: `/v1/${i % 4 === 0 ? 'answer' : 'search'}?q=${enc(q)}`, expect: LIMITED };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The server under test
// ---------------------------------------------------------------------------------------------------------------

/** What is served: a server (null when --url names one) and the corpus text the worst-case queries come from. */
interface Target {
  url: string;
  server: DevServer | null;
  corpusText?: string;
  cleanup(): void;
}

/** A synthetic corpus built split into a private Worker copy, served by wrangler dev. */
async function splitTarget(entries: number, port: number | undefined): Promise<Target> {
  const data = join(ROOT, '.tmp/soak-split-data');
  const copy = await copyWorker('soak-split');
  const cleanup = () => {
    rmSync(copy.dir, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  };
  const step = async <T>(what: string, f: () => Promise<T>) => {
    const t0 = performance.now();
    const v = await f();
    console.log(`soak: ${what} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return v;
  };
  try {
    await step(`generated ${entries} entries`, () => runTsx('scripts/gen-corpus.ts', ['--entries', String(entries), '--out', data]));
    await step('built the split index', () => runTsx('scripts/build.ts', ['--data', data, '--split', '--out', copy.artifact, '--assets', copy.assets, '--quiet'], { timeoutMs: 600_000 }));
    const server = await startWranglerDev({ cwd: copy.dir, port });
    return { url: server.url, server, corpusText: corpusText(data), cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** workerd processes of the server's process group, with their resident memory in MiB. */
function workerdMemory(server: DevServer | null): { pid: number; rssMiB: number }[] {
  const out: { pid: number; rssMiB: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (comm !== 'workerd' || (server && pgrp !== server.pgid)) continue;
      const rss = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${name}/status`, 'utf8'));
      if (rss) out.push({ pid: Number(name), rssMiB: Number(rss[1]) / 1024 });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** Total RSS, with each process in brackets (wrangler dev runs a proxy workerd in front of the Worker's). */
const mib = (list: { pid: number; rssMiB: number }[]) =>
  list.length ? `${list.reduce((s, p) => s + p.rssMiB, 0).toFixed(1)} MiB [${list.map((p) => `${p.pid}: ${p.rssMiB.toFixed(0)}`).join(', ')}]` : 'n/a';

/** GET as JSON, failing after 10 s (a hung server must not hang the soak). */
async function getJson<T>(url: string, ip = '198.51.100.250'): Promise<T> {
  return (await (await fetch(url, { headers: { 'cf-connecting-ip': ip }, signal: AbortSignal.timeout(10_000) })).json()) as T;
}

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

/** A problem seen in responses, counted by what it is, with a first example. */
type Problems = Map<string, { count: number; example: string }>;

/** Checks one response against its spec; records what is wrong. */
function checkResponse(problem: (what: string, detail: string) => void, spec: Spec, hot: boolean, status: number, body: string, headers: Record<string, string>): void {
  if (!spec.expect.includes(status)) problem(`unexpected ${status} for ${spec.kind}`, `${status} ${body.slice(0, 160)}`);
  if (status === 429 && !hot) problem('429 for a quiet client', '');
  if (status === 429 && !headers['retry-after']) problem('429 without Retry-After', '');
  if (headers['x-content-type-options'] !== 'nosniff') problem('missing nosniff', String(status));
  if (/^text\/html/i.test(headers['content-type'] ?? '')) {
    // The search page (static assets): HTML is fine there, but only under a CSP.
    if (!headers['content-security-policy']) problem('HTML without Content-Security-Policy', String(status));
    if (spec.kind !== 'page') problem('HTML from an API route', body.slice(0, 80));
    return;
  }
  if (status === 204 || status === 304) {
    if (body.length) problem(`body on ${status}`, body.slice(0, 80));
    return;
  }
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    if (status >= 400 && (typeof parsed.error?.code !== 'string' || typeof parsed.error?.message !== 'string')) problem('error without { error: { code, message } }', body.slice(0, 160));
  } catch {
    problem('body is not JSON', `${status} ${body.slice(0, 160)}`);
  }
}

async function main(): Promise<number> {
  const o = options();
  const none = () => {};
  if (o.url) return run(o, { url: o.url, server: null, cleanup: none });
  if (o.split) return run(o, await splitTarget(o.entries, o.port));
  const server = await startWranglerDev({ port: o.port });
  return run(o, { url: server.url, server, cleanup: none });
}

/** Runs the load against `target` and reports; 0 when nothing went wrong. */
async function run(o: ReturnType<typeof options>, target: Target): Promise<number> {
  const { server } = target;
  const stop = async () => {
    await server?.stop();
    target.cleanup();
  };
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const health = await getJson<{ index: string; entries: number }>(`${target.url}/health`);
    // Warm the isolate (lazy indexes, JIT) so "before" is the steady idle state, not a cold one.
    for (const q of QUERIES.slice(0, 5)) await getJson(`${target.url}/v1/search?q=${enc(q)}`);
    const before = workerdMemory(server);

    const specs = buildSpecs();
    const total = specs.reduce((s, x) => s + x.weight, 0);
    const random = createRng(o.seed);
    const worst = target.corpusText ? worstCaseSpecs(target.corpusText, o.seed) : null;
    const pick = (): Spec => {
      if (worst && random.chance(0.25)) return worst();
      let r = random.next() * total;
      for (const { spec, weight } of specs) if ((r -= weight) < 0) return spec;
      return specs[specs.length - 1].spec;
    };
    // Clients from documentation ranges (RFC 5737/3849): many, so the limiter runs on every request but a quiet
    // client never reaches the limit; one in ten requests comes from a single hot client, which must be throttled
    // with 429 (and only it).
    const HOT = '192.0.2.1';
    let hotSent = 0;
    const clientIp = () => {
      if (random.chance(0.1)) return HOT;
      const n = random.int(0, 1999);
      return n % 4 === 0 ? `2001:db8:${n.toString(16)}::1` : `198.51.${100 + (n % 14)}.${n % 250}`;
    };

    const problems: Problems = new Map();
    const kinds = new Map<string, number>();
    let peak = before;
    const sampler = setInterval(() => {
      const now = workerdMemory(server);
      if (now.reduce((s, p) => s + p.rssMiB, 0) > peak.reduce((s, p) => s + p.rssMiB, 0)) peak = now;
    }, 1000);

    console.log(`soak: ${target.url}, ${health.entries} entries${o.split ? ' (split index)' : ''}, ${o.durationS} s, ${o.connections} connections, seed ${o.seed}, ${specs.length} request kinds${worst ? ' + new worst-case queries' : ''}`);
    const socketErrors = new Map<string, number>();
    const result = await new Promise<autocannon.Result>((done, fail) => {
      const instance = autocannon(
        {
          url: target.url,
          connections: o.connections,
          duration: o.durationS,
          // A request without a response in 10 s counts as a timeout (and fails the run).
          timeout: 10,
          requests: [
            {
              setupRequest: (request, context) => {
                const spec = pick();
                const ip = clientIp();
                Object.assign(context, { spec, ip } satisfies Context);
                if (ip === HOT) hotSent++;
                kinds.set(spec.kind, (kinds.get(spec.kind) ?? 0) + 1);
                // Mutate, not replace: the request also carries autocannon's defaults (Host among them).
                return Object.assign(request, { method: spec.method, path: spec.path, body: spec.body, headers: { ...request.headers, ...spec.headers, 'cf-connecting-ip': ip } });
              },
              onResponse: (status, body, context, rawHeaders) => {
                const { spec, ip } = context as Context;
                const headers: Record<string, string> = {};
                for (const [k, v] of Object.entries(rawHeaders ?? {})) headers[k.toLowerCase()] = String(v);
                const problem = (what: string, detail: string) => {
                  const p = problems.get(what) ?? { count: 0, example: `${spec.method} ${spec.path!.slice(0, 120)} → ${detail}` };
                  p.count++;
                  problems.set(what, p);
                };
                checkResponse(problem, spec, ip === HOT, status, body, headers);
              },
            },
          ],
        },
        (error, r) => (error ? fail(error) : done(r)),
      );
      instance.on('reqError', (error: Error) => socketErrors.set(error.message, (socketErrors.get(error.message) ?? 0) + 1));
    });
    clearInterval(sampler);

    // The service must still be healthy and serving the same index.
    const after = workerdMemory(server);
    const healthAfter = await getJson<{ index: string }>(`${target.url}/health`).catch((e: Error) => ({ index: `no answer (${e.message})` }));

    const codes = Object.entries(result.statusCodeStats ?? {})
      .map(([code, { count }]) => `${code}: ${count}`)
      .join(', ');
    console.log(`requests: ${result.requests.total} in ${result.duration} s = ${result.requests.average.toFixed(0)} req/s (p50 of 1-s samples ${result.requests.p50})`);
    console.log(`latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    console.log(`statuses: ${codes}; 5xx ${result['5xx']}; socket errors ${result.errors} (of which no response in 10 s: ${result.timeouts})`);
    console.log(`mix: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(`workerd RSS: before ${mib(before)}, after ${mib(after)}, peak ${mib(peak)}`);

    const failures: string[] = [];
    if (result['5xx'] > 0) failures.push(`${result['5xx']} responses were 5xx`);
    if (result.timeouts > 0) failures.push(`${result.timeouts} requests got no response within 10 s`);
    if (result.errors > result.timeouts || socketErrors.size > 0) failures.push(`${result.errors} socket errors: ${[...socketErrors].map(([m, n]) => `${m} ×${n}`).join('; ')}`);
    if (result.requests.total === 0) failures.push('no requests completed');
    for (const [what, { count, example }] of problems) failures.push(`${what} ×${count}, e.g. ${example}`);
    // The limit is 600 a minute in fixed windows: a run can straddle two, so only > 1200 requests guarantee a 429.
    const limited = result.statusCodeStats?.['429']?.count ?? 0;
    console.log(`rate limit: hot client sent ${hotSent}, got ${limited} × 429`);
    if (hotSent > 1200 && limited === 0) failures.push(`the hot client sent ${hotSent} requests and was never limited`);
    if (healthAfter.index !== health.index) failures.push(`index changed or unhealthy after the run: ${health.index} → ${healthAfter.index}`);
    if (failures.length) {
      console.error(`soak FAILED (seed ${o.seed}):\n  ${failures.join('\n  ')}`);
      if (server?.output()) console.error(`wrangler output:\n${server.output()}`);
      return 1;
    }
    console.log('soak passed: no 5xx, no socket errors, no request without a response, every status and body as expected');
    return 0;
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`soak failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
