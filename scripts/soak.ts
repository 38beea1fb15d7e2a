/**
 * @module `npm run soak`: a bounded load test of the Worker under `wrangler dev` on 127.0.0.1. A mix of valid
 * and hostile requests (Chinese queries, bad parameters, malformed encodings, 16 KB URLs, unknown routes, other
 * methods, revalidations, a client that trips the rate limit) runs for `--duration` seconds; the run fails on any
 * 5xx, socket error, timeout, unexpected status or non-JSON body. Prints req/s, latency percentiles and the RSS of
 * the workerd process before and after.
 *
 * Flags: --duration <s> (default 60), --connections <n> (8), --port <n> (a free one), --seed <n>,
 * --url <http://127.0.0.1:port> (use a server that is already running instead of starting one).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type RawRequest } from 'autocannon';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '8' },
    port: { type: 'string', default: '0' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    url: { type: 'string' },
  },
});

const ROOT = resolve(import.meta.dirname, '..');
const DURATION = positive(args.duration!, 'duration');
const CONNECTIONS = positive(args.connections!, 'connections');
const SEED = Number(args.seed);

function positive(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    console.error(`soak: --${name} must be a positive number`);
    process.exit(2);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// The request mix
// ---------------------------------------------------------------------------------------------------------------

/** One kind of request and the statuses it may legitimately get (429 wherever the limiter applies). */
interface Spec extends RawRequest {
  kind: string;
  expect: number[];
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
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'])
    add(1, 'method', `/v1/search?q=${enc('退款')}`, [405, 429], { method, body: method === 'DELETE' ? undefined : '{"q":"退款"}', headers: { 'content-type': 'application/json' } });
  add(1, 'preflight', '/v1/search', [204], { method: 'OPTIONS', headers: { origin: 'https://site.example', 'access-control-request-method': 'GET' } });
  return out;
}

/** Deterministic PRNG (mulberry32), so a failing mix can be replayed with --seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The server under test
// ---------------------------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => ok(port));
    });
  });
}

interface Server {
  url: string;
  child: ChildProcess | null;
  output: () => string;
}

async function startWrangler(): Promise<Server> {
  if (!existsSync(join(ROOT, 'src/generated/artifact.txt'))) throw new Error('no src/generated/artifact.txt: run npm run build first');
  const port = Number(args.port) || (await freePort());
  const inspector = await freePort();
  let log = '';
  // detached = setsid: wrangler, esbuild and workerd share one new process group, stopped together below.
  const child = spawn(
    join(ROOT, 'node_modules/.bin/wrangler'),
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--log-level', 'warn'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', CI: '1' },
    },
  );
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { url: `http://127.0.0.1:${port}`, child, output: () => log };
}

async function waitReady(server: Server, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child && server.child.exitCode !== null) throw new Error(`wrangler dev exited with ${server.child.exitCode}\n${server.output()}`);
    try {
      const res = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev not ready after ${timeoutMs / 1000} s\n${server.output()}`);
}

/** Stops the whole process group (wrangler and its workerd), politely first. */
async function stop(server: Server): Promise<void> {
  const child = server.child;
  if (!child || child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // workerd may outlive wrangler briefly; make sure nothing of the group is left behind.
  signal('SIGKILL');
}

/** workerd processes of the server's process group, with their resident memory in MiB. */
function workerdMemory(server: Server): { pid: number; rssMiB: number }[] {
  const group = server.child?.pid;
  const out: { pid: number; rssMiB: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (comm !== 'workerd' || (group !== undefined && pgrp !== group)) continue;
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

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const external = args.url;
  if (external && !/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(:\d+)?$/.test(external)) {
    console.error('soak: --url must be a loopback http://127.0.0.1:<port> address');
    return 2;
  }
  const server: Server = external ? { url: external, child: null, output: () => '' } : await startWrangler();
  const cleanup = () => void stop(server).finally(() => process.exit(130));
  process.once('SIGINT', cleanup);
  process.once('SIGTERM', cleanup);
  try {
    await waitReady(server);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { index: string };
    // Warm the isolate (lazy indexes, JIT) so "before" is the steady idle state, not a cold one.
    for (const q of QUERIES.slice(0, 5)) await (await fetch(`${server.url}/v1/search?q=${enc(q)}`, { headers: { 'cf-connecting-ip': '198.51.100.250' } })).arrayBuffer();
    const before = workerdMemory(server);

    const specs = buildSpecs();
    const total = specs.reduce((s, x) => s + x.weight, 0);
    const random = rng(SEED);
    const pick = (): Spec => {
      let r = random() * total;
      for (const { spec, weight } of specs) if ((r -= weight) < 0) return spec;
      return specs[specs.length - 1].spec;
    };
    // Clients from documentation ranges (RFC 5737/3849): many, so the limiter runs on every request but a quiet
    // client never reaches the limit; one in ten requests comes from a single hot client, which must be throttled
    // with 429 (and only it).
    const HOT = '192.0.2.1';
    let hotSent = 0;
    const clientIp = () => {
      if (random() < 0.1) return HOT;
      const n = Math.floor(random() * 2000);
      return n % 4 === 0 ? `2001:db8:${n.toString(16)}::1` : `198.51.${100 + (n % 14)}.${n % 250}`;
    };

    const problems = new Map<string, { count: number; example: string }>();
    const problem = (what: string, spec: Spec, detail: string) => {
      const p = problems.get(what) ?? { count: 0, example: `${spec.method} ${spec.path!.slice(0, 120)} → ${detail}` };
      p.count++;
      problems.set(what, p);
    };
    const kinds = new Map<string, number>();
    let peak = before;
    const sampler = setInterval(() => {
      const now = workerdMemory(server);
      if (now.reduce((s, p) => s + p.rssMiB, 0) > peak.reduce((s, p) => s + p.rssMiB, 0)) peak = now;
    }, 1000);

    console.log(`soak: ${server.url}, ${DURATION} s, ${CONNECTIONS} connections, seed ${SEED}, ${specs.length} request kinds`);
    const instance = autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION,
      timeout: 10,
      requests: [
        {
          setupRequest: (request, context) => {
            const spec = pick();
            context.spec = spec;
            context.ip = clientIp();
            if (context.ip === HOT) hotSent++;
            kinds.set(spec.kind, (kinds.get(spec.kind) ?? 0) + 1);
            // Mutate, not replace: the request also carries autocannon's defaults (Host among them).
            return Object.assign(request, {
              method: spec.method,
              path: spec.path,
              body: spec.body,
              headers: { ...request.headers, ...spec.headers, 'cf-connecting-ip': context.ip as string },
            });
          },
          onResponse: (status, body, context, rawHeaders) => {
            const spec = context.spec as Spec;
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(rawHeaders)) headers[k.toLowerCase()] = String(v);
            if (!spec.expect.includes(status)) problem(`unexpected ${status} for ${spec.kind}`, spec, `${status} ${body.slice(0, 160)}`);
            if (status === 429 && context.ip !== HOT) problem('429 for a quiet client', spec, String(context.ip));
            if (status === 429 && !headers['retry-after']) problem('429 without Retry-After', spec, '');
            if (headers['x-content-type-options'] !== 'nosniff') problem('missing nosniff', spec, String(status));
            if (/^text\/html/i.test(headers['content-type'] ?? '')) {
              // The search page (static assets): HTML is fine there, but only under a CSP.
              if (!headers['content-security-policy']) problem('HTML without Content-Security-Policy', spec, String(status));
              if (spec.kind !== 'page') problem('HTML from an API route', spec, body.slice(0, 80));
              return;
            }
            if (status === 204 || status === 304) {
              if (body.length) problem(`body on ${status}`, spec, body.slice(0, 80));
              return;
            }
            try {
              const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
              if (status >= 400 && (typeof parsed.error?.code !== 'string' || typeof parsed.error?.message !== 'string'))
                problem('error without { error: { code, message } }', spec, body.slice(0, 160));
            } catch {
              problem('body is not JSON', spec, `${status} ${body.slice(0, 160)}`);
            }
          },
        },
      ],
    });
    const socketErrors = new Map<string, number>();
    instance.on('reqError', (error: Error) => socketErrors.set(error.message, (socketErrors.get(error.message) ?? 0) + 1));
    const result = await instance;
    clearInterval(sampler);

    // The service must still be healthy and serving the same index.
    const after = workerdMemory(server);
    const healthAfter = (await (await fetch(`${server.url}/health`)).json()) as { index: string };

    const codes = Object.entries(result.statusCodeStats)
      .map(([code, { count }]) => `${code}: ${count}`)
      .join(', ');
    console.log(`requests: ${result.requests.total} in ${result.duration} s = ${result.requests.average.toFixed(0)} req/s (p50 of 1-s samples ${result.requests.p50})`);
    console.log(`latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
    console.log(`statuses: ${codes}; 5xx ${result['5xx']}; socket errors ${result.errors} (timeouts ${result.timeouts})`);
    console.log(`mix: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
    console.log(`workerd RSS: before ${mib(before)}, after ${mib(after)}, peak ${mib(peak)}`);

    const failures: string[] = [];
    if (result['5xx'] > 0) failures.push(`${result['5xx']} responses were 5xx`);
    if (result.errors > 0 || socketErrors.size > 0) failures.push(`${result.errors} socket errors (${result.timeouts} timeouts): ${[...socketErrors].map(([m, n]) => `${m} ×${n}`).join('; ')}`);
    if (result.requests.total === 0) failures.push('no requests completed');
    for (const [what, { count, example }] of problems) failures.push(`${what} ×${count}, e.g. ${example}`);
    // The limit is 600 a minute in fixed windows: a run can straddle two, so only > 1200 requests guarantee a 429.
    const limited = result.statusCodeStats['429']?.count ?? 0;
    console.log(`rate limit: hot client sent ${hotSent}, got ${limited} × 429`);
    if (hotSent > 1200 && limited === 0) failures.push(`the hot client sent ${hotSent} requests and was never limited`);
    if (healthAfter.index !== health.index) failures.push(`index changed during the run: ${health.index} → ${healthAfter.index}`);
    if (failures.length) {
      console.error(`soak FAILED (seed ${SEED}):\n  ${failures.join('\n  ')}`);
      if (server.output()) console.error(`wrangler output:\n${server.output()}`);
      return 1;
    }
    console.log('soak passed: no 5xx, no socket errors, every status and body as expected');
    return 0;
  } finally {
    await stop(server);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`soak failed: ${(error as Error).message}`);
    process.exit(1);
  },
);
