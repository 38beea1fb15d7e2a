/** @module The systems compared by the eval: this engine, and two baselines over the same entries. */
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { parseArtifact, type Artifact } from '../../src/artifact';
import type { Entry } from '../../src/model';
import { answer } from '../../src/search/answer';
import { SearchEngine } from '../../src/search/engine';
import type { SystemOutput } from './evaluate';

/** Loads the built artifact (run `npm run build` first). */
export function loadArtifact(path = 'src/generated/artifact.txt'): Artifact {
  return parseArtifact(readFileSync(path, 'utf8'));
}

/** This engine: its search ranking (as /v1/search ranks), and whether /v1/answer answers (the same calls the route makes). */
export function ourSystem(engine: SearchEngine): (q: string) => SystemOutput {
  return (q) => {
    const out = engine.search({ q, limit: 5 });
    return { ranked: out.hits.map((h) => h.entry.id), provider: out.provider?.id ?? null, answered: answer(engine, { q }).answered };
  };
}

const docs = (entries: Entry[]) => entries.map((e) => ({ id: e.id, question: e.question, answer: e.answer }));

/** MiniSearch out of the box: its default tokenizer (splits on spaces and punctuation) and BM25. */
export function miniSearchDefault(entries: Entry[]): (q: string) => SystemOutput {
  const ms = new MiniSearch({ fields: ['question', 'answer'] });
  ms.addAll(docs(entries));
  return (q) => ({ ranked: ms.search(q).slice(0, 5).map((r) => String(r.id)) });
}

/** Character bigrams of Han runs plus lower-cased Latin words: the usual CJK fallback. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/\p{Script=Han}+|[a-z0-9]+/gu)) {
    const run = Array.from(m[0]);
    if (!/\p{Script=Han}/u.test(run[0]) || run.length === 1) out.push(m[0]);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
  }
  return out;
}

/** BM25 over character bigrams (MiniSearch with a bigram tokenizer), OR semantics. */
export function bigramBm25(entries: Entry[]): (q: string) => SystemOutput {
  const ms = new MiniSearch({ fields: ['question', 'answer'], tokenize: bigrams });
  ms.addAll(docs(entries));
  return (q) => ({ ranked: ms.search(q, { tokenize: bigrams }).slice(0, 5).map((r) => String(r.id)) });
}
