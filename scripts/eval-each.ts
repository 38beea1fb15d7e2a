/**
 * @module `npm run eval:each -- <dir>`: what adding each article of <dir> on its own to data/ does to a labelled
 * set (`--set`, default test/eval/queries.jsonl). Per article: R@1 judged by the labels and, for the new
 * provider's entries, by category or folded label (acceptOnGrownCorpus), against data/ alone; and the questions
 * whose first place it loses or wins under the second judgment. <dir> holds `articles/` and `providers.json`,
 * as test/fixtures does. A report: it exits 0 whatever it finds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { adapterFor } from '../src/indexer/formats/index';
import { SearchEngine } from '../src/search/engine';
import { aggregate, judgeFor, loadQueries, runEval, type QueryOutcome } from '../test/eval/evaluate';
import { buildGrownCorpus } from '../test/eval/growth';
import { loadArtifact, ourSystem } from '../test/eval/systems';
import { shippedFold } from '../test/support/indexer';

const { values, positionals } = parseArgs({ options: { set: { type: 'string', default: 'test/eval/queries.jsonl' } }, allowPositionals: true });
const dir = positionals[0];
if (!dir) throw new Error('usage: npm run eval:each -- <dir with articles/ and providers.json> [--set <file>]');
const queries = loadQueries(values.set);

/** The set's outcomes on an artifact, judged by the labels and by the grown-corpus judgment. */
function outcomes(artifactPath?: string): { strict: QueryOutcome[]; grown: QueryOutcome[] } {
  const artifact = loadArtifact(artifactPath);
  const engine = new SearchEngine(artifact);
  const entries = engine.allEntries();
  const byId = new Map(entries.map((e) => [e.id, e]));
  const { accept } = judgeFor(artifact.providers, entries, shippedFold());
  const system = ourSystem(engine);
  return { strict: runEval(queries, byId, system), grown: runEval(queries, byId, system, accept) };
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const firsts = (os: QueryOutcome[]) => new Set(os.filter((o) => o.rank === 1).map((o) => o.query.q));

const base = outcomes();
const baseFirsts = firsts(base.grown);
console.log(`${values.set} on data/: R@1 ${pct(aggregate(base.strict).r1)}\n`);
console.log(`${'article'.padEnd(36)} ${'R@1'.padStart(6)} ${'by cat'.padStart(7)}  change`);
let lower = 0;
const articles = readdirSync(join(dir, 'articles')).filter((name) => adapterFor(name)).sort();
for (const name of articles) {
  const grown = buildGrownCorpus(dir, process.cwd(), { only: name });
  try {
    const o = outcomes(grown.artifactPath);
    const now = firsts(o.grown);
    const lost = [...baseFirsts].filter((q) => !now.has(q));
    const won = [...now].filter((q) => !baseFirsts.has(q));
    if (now.size < baseFirsts.size) lower++;
    const change = [...lost.map((q) => `−${q}`), ...won.map((q) => `+${q}`)].join('  ');
    console.log(`${name.padEnd(36)} ${pct(aggregate(o.strict).r1).padStart(6)} ${pct(aggregate(o.grown).r1).padStart(7)}  ${change}`);
  } finally {
    grown.dispose();
  }
}
console.log(`\n${lower} of ${articles.length} articles lower R@1 (by category) when added on their own.`);
