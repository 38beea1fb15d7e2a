/**
 * @module `tsx scripts/dump-results.ts [--artifact <file>] [--out <file>]`: every search and API body for a fixed
 * set of queries and parameters, one JSON line each, so a refactor can prove its results byte-identical
 * (`cmp before.jsonl after.jsonl`). Queries: the eval sets, the bench mix and a few hostile shapes, each searched
 * unfiltered, per provider and per category, and sent through the app's /v1/search and /v1/answer routes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseArtifact } from '../src/artifact';
import { createApp } from '../src/app';
import { CATEGORIES } from '../src/model';
import { SearchEngine } from '../src/search/engine';
import { BENCH_QUERIES } from './bench/queries';

const { values } = parseArgs({
  options: {
    artifact: { type: 'string', default: 'src/generated/artifact.txt' },
    out: { type: 'string' },
  },
});

const engine = new SearchEngine(parseArtifact(readFileSync(values.artifact!, 'utf8')));
const app = createApp(engine);

const fromJsonl = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
const HOSTILE = ['的', '了吗', 'a', '1234', '？？？', '密码'.repeat(40), '用支付账户密码客服电话'.repeat(8), 'zhifu mima kefu dianhua tuikuan'];
const queries = [...new Set([...fromJsonl('test/eval/queries.jsonl'), ...fromJsonl('test/eval/holdout.jsonl'), ...BENCH_QUERIES.map((b) => b.q), ...HOSTILE])];
const providers = [...engine.providers.keys()];

const lines: string[] = [];
const record = (kind: string, params: object, result: unknown) => lines.push(JSON.stringify({ kind, params, result }));

for (const q of queries) {
  const runs: { q: string; limit: number; provider?: string; category?: (typeof CATEGORIES)[number] }[] = [{ q, limit: 20 }];
  for (const provider of providers) runs.push({ q, limit: 5, provider });
  for (const category of CATEGORIES) runs.push({ q, limit: 3, category });
  for (const params of runs) {
    const out = engine.search(params);
    record('search', params, {
      analysis: out.analysis,
      provider: out.provider?.id ?? null,
      category: out.category,
      hits: out.hits.map((h) => ({ id: h.entry.id, score: h.score, coverage: h.coverage, support: h.support, evidence: h.evidence, wordMatch: h.wordMatch, snippet: h.snippet })),
      contact: out.contact?.provider.id ?? null,
    });
  }
  for (const route of ['/v1/search', '/v1/answer']) {
    const res = await app.request(`${route}?q=${encodeURIComponent(q)}`);
    const text = await res.text();
    // tookMs is wall time, the one field that differs between identical runs.
    record(route, { q }, { status: res.status, body: text.replace(/"tookMs":[0-9.e+-]+/, '"tookMs":0') });
  }
}

const output = `${lines.join('\n')}\n`;
if (values.out) writeFileSync(values.out, output);
else process.stdout.write(output);
console.error(`dump: ${lines.length} results for ${queries.length} queries, artifact ${engine.artifact.hash}`);
