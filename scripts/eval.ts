/**
 * @module `npm run eval`: relevance of this engine and its answer decision.
 *
 * Ranking: R@1, R@3, MRR@5, provider accuracy, out-of-domain rejection and answerable acceptance of the `--set`
 * (default test/eval/queries.jsonl), per query kind, beside two baselines. Answer decision (/v1/answer's `answered`):
 * precision and recall per set, the precision–recall curve over confidence thresholds (an SVG, `--svg`, default
 * eval-results/answer-pr.svg) and the operating point for precision ≥ 0.95 on the calibration sets.
 *
 * Flags: --set <file>; --with <dir> (evaluate on data/ plus the articles and providers of <dir>, built into a
 * temporary artifact, e.g. test/eval/growth); --reserve (also the held-out sets of test/eval/reserve/); --failures;
 * --fit (refit the calibration on the calibration sets and print it for ranking.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { SearchEngine } from '../src/search/engine';
import { CALIBRATION } from '../src/search/ranking';
import { curveSvg, decisionMetrics, judge, operatingPoint, prCurve, type Judged } from '../test/eval/decision';
import { aggregate, holdsLabel, judgeFor, loadQueries, runEval, type Metrics, type QueryOutcome } from '../test/eval/evaluate';
import { fitCalibration } from '../test/eval/fit';
import { buildGrownCorpus } from '../test/eval/growth';
import { shippedFold } from '../test/support/indexer';
import { bigramBm25, loadArtifact, miniSearchDefault, ourSystem } from '../test/eval/systems';

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'test/eval/queries.jsonl' },
    with: { type: 'string' },
    reserve: { type: 'boolean', default: false },
    failures: { type: 'boolean', default: false },
    svg: { type: 'string', default: 'eval-results/answer-pr.svg' },
    fit: { type: 'boolean', default: false },
  },
});

/** Sets the decision is calibrated on (the operating point is chosen here), and sets it is only measured on. */
const CALIBRATION_SETS = ['test/eval/queries.jsonl', 'test/eval/answerable.jsonl', 'test/eval/unanswerable.jsonl'];
const RESERVE = ['answerable', 'unanswerable', 'fresh-answerable', 'fresh-unanswerable', 'unseen-answerable', 'unseen-unanswerable'].map((s) => `test/eval/reserve/${s}.jsonl`);
const MEASURE_SETS = ['test/eval/holdout.jsonl', ...(values.reserve ? RESERVE : [])];
/** The precision the operating point must reach. */
const MIN_PRECISION = 0.95;

const grown = values.with ? buildGrownCorpus(values.with) : null;
const artifact = loadArtifact(grown?.artifactPath);
grown?.dispose();
const engine = new SearchEngine(artifact);
const corpus = grown ? `data/ + ${values.with}` : 'data/';
const queries = loadQueries(values.set);
const entries = engine.allEntries();
const byId = new Map(entries.map((e) => [e.id, e]));
const general = artifact.providers.find((p) => p.general)!.id;
/** On a grown corpus, the providers the labels were not written for, and how their entries are judged (see acceptOnGrownCorpus). */
const { accept, unlabelled } = judgeFor(artifact.providers, entries, shippedFold());

// ---------------------------------------------------------------------------------------------------------------
// Ranking
// ---------------------------------------------------------------------------------------------------------------

const systems = {
  'this engine': ourSystem(engine),
  'MiniSearch default': miniSearchDefault(entries),
  'bigram BM25': bigramBm25(entries),
};
const results = Object.fromEntries(Object.entries(systems).map(([name, sys]) => [name, runEval(queries, byId, sys)])) as Record<string, QueryOutcome[]>;

const pct = (x: number | null) => (x === null ? '   –  ' : `${(100 * x).toFixed(1).padStart(5)}%`);
const row = (label: string, m: Metrics) =>
  `${label.padEnd(22)} ${String(m.queries).padStart(4)}  ${pct(m.r1)} ${pct(m.r3)} ${pct(m.mrr5)}  ${pct(m.providerAccuracy)} ${pct(m.rejection)} ${pct(m.acceptance)}`;
const header = `${''.padEnd(22)} ${'n'.padStart(4)}  ${'R@1'.padStart(6)} ${'R@3'.padStart(6)} ${'MRR@5'.padStart(6)}  ${'prov'.padStart(6)} ${'reject'.padStart(6)} ${'accept'.padStart(6)}`;

console.log(`eval: ${values.set}, ${queries.length} queries (${queries.filter((q) => q.ood).length} out-of-domain), corpus ${corpus} (${entries.length} entries), artifact ${artifact.hash}\n`);
console.log(header);
for (const [name, outcomes] of Object.entries(results)) console.log(row(name, aggregate(outcomes)));
if (unlabelled.size) {
  // The labels know only the shipped articles: a new provider's entry on the same topic answers a question that names
  // no provider as well, yet holds no label. This row judges those by category (acceptOnGrownCorpus).
  console.log(row('  new providers by cat.', aggregate(runEval(queries, byId, systems['this engine'], accept))));
}

const kinds = [...new Set(queries.map((q) => q.kind))];
for (const [name, outcomes] of Object.entries(results)) {
  console.log(`\n${name}, per kind\n${header}`);
  for (const kind of kinds) console.log(row(kind, aggregate(outcomes.filter((o) => o.query.kind === kind))));
}

if (values.failures) {
  console.log('\nfailures of this engine:');
  for (const o of results['this engine']) {
    const wrong = o.query.ood ? o.output.answered : o.rank !== 1 || !o.output.answered;
    if (wrong) console.log(`  [${o.query.kind}] ${o.query.q} → rank ${o.rank ?? '-'}, answered ${o.output.answered}, top ${o.output.ranked.slice(0, 3).join(', ')}`);
  }
  if (unlabelled.size) {
    // What the by-category row accepts that the labels do not, so that every such judgment can be read.
    console.log('\nfirst places accepted only by category (a new provider\'s entry; see acceptOnGrownCorpus):');
    for (const o of results['this engine']) {
      const first = byId.get(o.output.ranked[0]);
      if (!o.query.ood && first && !holdsLabel(o.query, first) && accept(o.query, first)) console.log(`  [${o.query.kind}] ${o.query.q} → ${first.id}: ${first.question}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Answer decision
// ---------------------------------------------------------------------------------------------------------------

const judgeSet = (path: string) => loadQueries(path).map((q) => judge(engine, q, entries, general, accept));
const calibration = new Map(CALIBRATION_SETS.map((s) => [s, judgeSet(s)]));
const measured = new Map(MEASURE_SETS.map((s) => [s, judgeSet(s)]));

const dec = (label: string, judged: Judged[]) => {
  const m = decisionMetrics(judged);
  return `${label.padEnd(40)} ${String(m.positives).padStart(4)} ${String(m.negatives).padStart(4)} ${String(m.answered).padStart(8)}  ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)}`;
};
console.log(`\nanswer decision (/v1/answer \`answered\`), threshold ${CALIBRATION.threshold}; positives: answerable from the named provider's or the general guidance's entries`);
if (unlabelled.size) console.log(`(new providers' entries, ${[...unlabelled].join(', ')}, judged by category for questions naming no provider)`);
console.log(`${''.padEnd(40)} ${'pos'.padStart(4)} ${'neg'.padStart(4)} ${'answered'.padStart(8)}  ${'precision'.padStart(9)} ${'recall'.padStart(7)}`);
for (const [set, judged] of [...calibration, ...measured]) console.log(dec(set.replace('test/eval/', ''), judged));
const pooled = [...calibration.values()].flat();
console.log(dec('calibration sets together', pooled));
const held = [...measured.values()].flat();
if (held.length) console.log(dec('measured sets together', held));

/** How often answers in each confidence band are right: what a chatbot thresholding on confidence can expect. */
const reliability = (label: string, judged: Judged[]) => {
  const bands = [0.6, 0.7, 0.8, 0.9, 1.0001];
  const cells = bands.slice(0, -1).map((lo, i) => {
    const inBand = judged.filter((j) => j.answered && j.confidence >= lo && j.confidence < bands[i + 1]);
    return `${lo.toFixed(1)}–${Math.min(1, bands[i + 1]).toFixed(1)}: ${inBand.length ? pct(inBand.filter((j) => j.correct).length / inBand.length).trim() : '–'} of ${inBand.length}`;
  });
  console.log(`  ${label.padEnd(26)} ${cells.join('   ')}`);
};
console.log('\nanswers right, by confidence band');
reliability('calibration sets', pooled);
if (held.length) reliability('measured sets', held);

const curve = prCurve(pooled);
const point = operatingPoint(curve, MIN_PRECISION);
const shipped = [...curve].reverse().find((p) => p.threshold >= CALIBRATION.threshold) ?? null;
const pr = (p: { precision: number; recall: number } | null) => (p ? `precision ${pct(p.precision).trim()}, recall ${pct(p.recall).trim()}` : 'none');
const f = (p: { threshold: number; precision: number; recall: number } | null) => (p ? `threshold ${p.threshold.toFixed(3)}: ${pr(p)}` : 'none');
console.log(`\nprecision–recall over thresholds (calibration sets): ${curve.length} points`);
console.log(`  operating point for precision ≥ ${MIN_PRECISION}: ${f(point)}`);
console.log(`  shipped threshold ${CALIBRATION.threshold} (ranking.ts CALIBRATION.threshold): ${pr(shipped)}`);
const svg = curveSvg(
  curve,
  [
    { label: `shipped threshold ${CALIBRATION.threshold}: ${pr(shipped)}`, point: shipped, color: '#d62728' },
    { label: `precision ≥ ${MIN_PRECISION} from ${point ? point.threshold.toFixed(3) : '–'}: ${pr(point)}`, point, color: '#2ca02c' },
  ],
  `/v1/answer: precision–recall of answered (${corpus})`,
);
mkdirSync(dirname(values.svg!), { recursive: true });
writeFileSync(values.svg!, svg);
console.log(`  curve: ${values.svg}`);

if (values.failures) {
  console.log('\ndecision failures on the calibration sets (wrongly answered, or answerable and not answered correctly):');
  for (const j of pooled) {
    if (j.answered && !j.correct) console.log(`  answered wrongly [${j.query.kind}] ${j.query.q} → ${j.kind} ${j.entry} (${j.confidence})`);
    else if (j.answerable && !(j.answered && j.correct)) console.log(`  missed [${j.query.kind}] ${j.query.q} → ${j.kind} ${j.entry ?? '-'} (${j.confidence}${j.correct ? ', right entry' : ''})`);
  }
}

if (values.fit) {
  const rows = pooled.filter((j) => j.kind !== 'contact' && j.features !== null).map((j) => ({ features: j.features!, correct: j.correct }));
  const fitted = fitCalibration(rows);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  console.log(`\ncalibration fitted on ${rows.length} entry candidates of the calibration sets (${rows.filter((x) => x.correct).length} correct), log-loss ${fitted.logLoss.toFixed(3)}:`);
  console.log(`  intercept: ${r(fitted.intercept)},`);
  console.log(`  weights: { ${Object.entries(fitted.weights).map(([k, v]) => `${k}: ${r(v)}`).join(', ')} },`);
  const contact = pooled.filter((j) => j.kind === 'contact');
  const by = (c: number) => contact.filter((j) => j.confidence === c);
  const share = (c: number) => `${by(c).filter((j) => j.correct).length}/${by(c).length}`;
  console.log(`  contact answers: ${contact.length}, right ${contact.filter((j) => j.correct).length}; own guidance ${share(CALIBRATION.contactOwn)}, partly general ${share(CALIBRATION.contactGeneral)}`);
}
