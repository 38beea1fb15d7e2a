/** @module `npm run eval`: relevance of this engine on test/eval/queries.jsonl, per query kind, beside two baselines. */
import { aggregate, loadQueries, runEval, type Metrics, type QueryOutcome } from '../test/eval/evaluate';
import { bigramBm25, loadArtifact, miniSearchDefault, ourSystem } from '../test/eval/systems';
import { SearchEngine } from '../src/search/engine';

const verbose = process.argv.includes('--failures');
const setArg = process.argv.indexOf('--set');
const setPath = setArg !== -1 ? process.argv[setArg + 1] : 'test/eval/queries.jsonl';
const artifact = loadArtifact();
const engine = new SearchEngine(artifact);
const queries = loadQueries(setPath);
const systems = {
  'this engine': ourSystem(engine),
  'MiniSearch default': miniSearchDefault(artifact.entries),
  'bigram BM25': bigramBm25(artifact.entries),
};
const results = Object.fromEntries(Object.entries(systems).map(([name, sys]) => [name, runEval(queries, new Map(engine.allEntries().map((e) => [e.id, e])), sys)])) as Record<string, QueryOutcome[]>;

const pct = (x: number | null) => (x === null ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
const row = (label: string, m: Metrics) =>
  `${label.padEnd(22)} ${String(m.queries).padStart(4)}  ${pct(m.r1)} ${pct(m.r3)} ${pct(m.mrr5)}  ${pct(m.providerAccuracy)} ${pct(m.rejection)} ${pct(m.acceptance)}`;
const header = `${''.padEnd(22)} ${'n'.padStart(4)}  ${'R@1'.padStart(6)} ${'R@3'.padStart(6)} ${'MRR@5'.padStart(6)}  ${'prov'.padStart(6)} ${'reject'.padStart(6)} ${'accept'.padStart(6)}`;

console.log(`eval: ${setPath}, ${queries.length} queries (${queries.filter((q) => q.ood).length} out-of-domain), artifact ${artifact.hash}\n`);
console.log(header);
for (const [name, outcomes] of Object.entries(results)) console.log(row(name, aggregate(outcomes)));

const kinds = [...new Set(queries.map((q) => q.kind))];
for (const [name, outcomes] of Object.entries(results)) {
  console.log(`\n${name}, per kind\n${header}`);
  for (const kind of kinds) console.log(row(kind, aggregate(outcomes.filter((o) => o.query.kind === kind))));
}

if (verbose) {
  console.log('\nfailures of this engine:');
  for (const o of results['this engine']) {
    const wrong = o.query.ood ? o.output.answered : o.rank !== 1 || !o.output.answered;
    if (wrong) console.log(`  [${o.query.kind}] ${o.query.q} → rank ${o.rank ?? '-'}, answered ${o.output.answered}, top ${o.output.ranked.slice(0, 3).join(', ')}`);
  }
}
