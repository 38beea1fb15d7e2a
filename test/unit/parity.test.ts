/** @module Parity guard between index time (scripts/build) and query time (the worker): same analysis, terms present in the shipped index, deterministic rebuilds. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseArtifact, serializeArtifact, type Artifact } from '../../src/artifact';
import { createAnalyzer, FIELD_BOOSTS, indexOptions, WORD_FIELDS, type Analyzer, type IndexDoc } from '../../src/search/index-options';
import { decodeWordPostings } from '../../src/search/postings';
import { WordIndex } from '../../src/search/word-index';
import { providerAliases } from '../../src/search/provider-detect';
import { SortedTable } from '../../src/text/sorted-table';
import { GramIndex } from '../../src/search/gram-index';
import { SearchEngine } from '../../src/search/engine';
import { buildArtifact } from '../../src/indexer/artifact';
import { loadSources } from '../../src/indexer/load-sources';
import { indexedTexts } from '../../src/indexer/indexed-text';
import { shippedFold } from '../support/indexer';

const root = process.cwd();
const shippedPath = join(root, 'src/generated/artifact.txt');
const shippedText = readFileSync(shippedPath, 'utf8');
const shipped = parseArtifact(shippedText);
const engine = new SearchEngine(shipped);

/** The artifact the build computes now from data/ (twice, for the determinism check). */
let fresh: Artifact;
let freshJson: string;
let againJson: string;
/** The analyzer the build indexes with, recomputed from the sources. */
let buildAnalyzer: Analyzer;

beforeAll(() => {
  // Sources are read once, so an edit under data/ while the test runs cannot pass for nondeterminism.
  const sources = loadSources(resolve(root, 'data'));
  fresh = buildArtifact(sources).artifact;
  freshJson = JSON.stringify(fresh);
  againJson = JSON.stringify(buildArtifact(sources).artifact);
  buildAnalyzer = createAnalyzer(fresh.text);
}, 120_000);

/** Positions of the entries holding `term` in `field`, read straight from the shipped postings. */
const postings = new SortedTable(shipped.words.postings);
const positionOf = new Map(shipped.entries.map((e, i) => [e.id, i]));
const found = (term: string, field: string, id: string) => {
  const value = postings.get(term);
  const list = value === undefined ? undefined : decodeWordPostings(value, shipped.words.fields.length)[shipped.words.fields.indexOf(field)];
  return list ? list.positions.includes(positionOf.get(id)!) : false;
};

/** What the build indexes of each entry (src/indexer/indexed-text.ts). */
const indexed = indexedTexts(shipped.entries, shippedFold());
const docOf = new Map(shipped.entries.map((e, i) => [e.id, indexed[i].doc]));
const gramTextOf = new Map(shipped.entries.map((e, i) => [e.id, indexed[i].grams]));

/** MiniSearch indexing the shipped entries with the shared options: the reference the shipped word index must score like. */
const reference = new MiniSearch<IndexDoc>(indexOptions(engine.analyzer));
reference.addAll(shipped.entries.map((e) => docOf.get(e.id)!));

describe('(a) the worker analyzer equals the build analyzer', () => {
  it('on every entry question', () => {
    expect(shipped.entries.length).toBeGreaterThan(0);
    for (const e of shipped.entries) {
      expect(engine.analyzer.terms(e.question), e.id).toEqual(buildAnalyzer.terms(e.question));
      expect(engine.analyzer.terms(e.question).length, e.id).toBeGreaterThan(0);
    }
  });

  it('on every entry answer, step and gram text', () => {
    for (const e of shipped.entries) {
      expect(engine.analyzer.terms(e.answer), e.id).toEqual(buildAnalyzer.terms(e.answer));
      expect(engine.analyzer.grams(e.answer), e.id).toEqual(buildAnalyzer.grams(e.answer));
      for (const s of e.steps) expect(engine.analyzer.terms(`${s.title} ${s.text}`), e.id).toEqual(buildAnalyzer.terms(`${s.title} ${s.text}`));
    }
  });

  it('on the labelled evaluation queries', () => {
    const queries = readFileSync(join(root, 'test/eval/queries.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { q: string }).q);
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      expect(engine.analyzer.normalizer.normalize(q), q).toBe(buildAnalyzer.normalizer.normalize(q));
      expect(engine.analyzer.terms(q), q).toEqual(buildAnalyzer.terms(q));
    }
  });

  it('the shipped provider aliases are the registry normalized by the worker\'s normalizer', () => {
    expect(shipped.text.aliases).toEqual(providerAliases(shipped.providers, (t) => engine.analyzer.normalizer.normalize(t)));
    expect(shipped.text.aliases.length).toBeGreaterThan(shipped.providers.length);
  });

  it('the shipped text data is the data the build computes now', () => {
    expect(shipped.text.scriptMap).toEqual(fresh.text.scriptMap);
    expect(shipped.text.lexicon).toEqual(fresh.text.lexicon);
    expect(shipped.text.stopwords).toEqual(fresh.text.stopwords);
  });
});

describe('(b) every term of an entry is in the shipped index for that entry', () => {
  it('question terms, in the question field', () => {
    const missing: string[] = [];
    for (const e of shipped.entries) {
      for (const term of engine.analyzer.terms(docOf.get(e.id)!.question)) if (!found(term, 'question', e.id)) missing.push(`${e.id}: ${term}`);
    }
    expect(missing).toEqual([]);
  });

  it('answer and step terms, in their fields', () => {
    const missing: string[] = [];
    for (const e of shipped.entries) {
      const doc = docOf.get(e.id)!;
      for (const field of ['answer', 'steps'] as const) {
        for (const term of new Set(engine.analyzer.terms(doc[field]))) if (!found(term, field, e.id)) missing.push(`${e.id} ${field}: ${term}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('Han grams of question and answer, in the gram postings', () => {
    const grams = new GramIndex(shipped.grams);
    const missing: string[] = [];
    for (const e of shipped.entries) {
      for (const g of new Set(engine.analyzer.grams(gramTextOf.get(e.id)!))) if (!grams.search(g).positions.includes(positionOf.get(e.id)!)) missing.push(`${e.id}: ${g}`);
    }
    expect(missing).toEqual([]);
  });

  it('query-time analysis of an entry question finds that entry for every concept', () => {
    const missing: string[] = [];
    for (const e of shipped.entries) {
      for (const c of engine.analyze(e.question).concepts) {
        const words = c.alternatives.filter((a) => a.field === 'words');
        if (!words.some((a) => found(a.term, 'question', e.id))) missing.push(`${e.id}: ${c.surface}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('the index holds exactly the entries, with the fields the worker searches', () => {
    expect(shipped.words.count).toBe(shipped.entries.length);
    expect(shipped.grams.count).toBe(shipped.entries.length);
    expect(shipped.words.fields).toEqual([...WORD_FIELDS]);
    expect([...WORD_FIELDS].sort()).toEqual(['answer', 'question', 'steps']);
  });

  it('every term scores every entry exactly as MiniSearch does on the same entries', () => {
    const words = new WordIndex(shipped.words, shipped.words.fields.map((f) => FIELD_BOOSTS[f as keyof typeof FIELD_BOOSTS]));
    const terms = new SortedTable(shipped.words.postings).entries().map(([t]) => t);
    expect(terms.length).toBe(reference.termCount);
    const differences: string[] = [];
    for (const term of terms) {
      const ours = words.search(term);
      const theirs = reference.search(term, { fields: [...WORD_FIELDS], boost: FIELD_BOOSTS, prefix: false, fuzzy: false });
      const expected = new Map(theirs.map((r) => [positionOf.get(String(r.id))!, r.score]));
      if (ours.positions.length !== expected.size) differences.push(`${term}: ${ours.positions.length} entries, MiniSearch ${expected.size}`);
      ours.positions.forEach((p, i) => {
        if (expected.get(p) !== ours.scores[i]) differences.push(`${term} @${shipped.entries[p].id}: ${ours.scores[i]} vs ${expected.get(p)}`);
      });
    }
    expect(differences).toEqual([]);
  });
});

describe('(c) rebuilding is deterministic', () => {
  it('two builds from the same sources are byte-identical', () => {
    expect(againJson.length).toBe(freshJson.length);
    expect(againJson === freshJson).toBe(true);
  });

  it('the shipped artifact is what the build produces now (else run npm run build)', () => {
    expect(fresh.hash, 'src/generated/artifact.txt is stale: run npm run build').toBe(shipped.hash);
    expect(serializeArtifact(fresh) === shippedText, 'src/generated/artifact.txt differs from a fresh build').toBe(true);
  });

  it('entry ids are unique and stable across the rebuild', () => {
    const ids = fresh.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(shipped.entries.map((e) => e.id));
  });
});
