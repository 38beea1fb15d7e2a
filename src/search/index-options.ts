/** @module Term analysis shared by the build (indexing) and the worker (querying), so the two cannot drift; and the build's MiniSearch options. */
import type { Options } from 'minisearch';
import { createNormalizer, type Normalizer } from '../text/normalize';
import { ScriptTable, type PackedScriptMap } from '../text/script-table';
import { createLexicon, hanGrams, tokenize, type Lexicon, type PackedLexicon } from '../text/tokenize';
import type { Entry } from '../model';

/** The text fields of an indexed entry, best evidence first. */
export const WORD_FIELDS = ['question', 'steps', 'answer'] as const;

// The field boosts are a ranking setting (ranking.ts); exported here too, beside the fields they weigh.
export { FIELD_BOOSTS } from './ranking';

/** The document shape MiniSearch indexes for an entry. */
export interface IndexDoc {
  id: string;
  question: string;
  steps: string;
  answer: string;
}

/** The text of an entry the character-gram fallback indexes (see gram-index.ts). */
export function gramText(entry: Entry): string {
  return `${entry.question}\n${entry.answer}`;
}

/** Maps an entry to the document that is indexed. */
export function toIndexDoc(entry: Entry): IndexDoc {
  return {
    id: entry.id,
    question: entry.question,
    steps: entry.steps.map((s) => `${s.title} ${s.text}`).join('\n'),
    answer: entry.answer,
  };
}

/** The data that defines text analysis; all of it ships in the artifact. */
export interface AnalysisData {
  scriptMap: PackedScriptMap;
  lexicon: PackedLexicon;
  stopwords: string[];
}

/** Text analysis built from AnalysisData: the one place that turns text into index or query terms. */
export interface Analyzer {
  normalizer: Normalizer;
  lexicon: Lexicon;
  stopwords: Set<string>;
  /** Word terms of raw text (normalize → segment → inner words → drop stop words). */
  terms(text: string): string[];
  /** Fallback terms of raw text (normalize → Han characters and bigrams). */
  grams(text: string): string[];
}

/** Creates the analyzer. */
export function createAnalyzer(data: AnalysisData): Analyzer {
  const normalizer = createNormalizer(new ScriptTable(data.scriptMap));
  const lexicon = createLexicon(data.lexicon);
  const stopwords = new Set(data.stopwords);
  return {
    normalizer,
    lexicon,
    stopwords,
    terms: (text) => tokenize(normalizer.normalize(text), lexicon).filter((t) => !stopwords.has(t)),
    grams: (text) => hanGrams(normalizer.normalize(text)),
  };
}

/** Letters that spell one hex digit each; none can occur in a normalized (lower-case) term. */
const NIBBLES = 'GHIJKLMNOPQRSTUV';

/**
 * Encodes a term for the radix tree: every non-ASCII UTF-16 unit becomes four letters from NIBBLES.
 * MiniSearch's radix tree inserts slowly when thousands of terms start with distinct Han characters (each
 * insert scans the root's children); encoded, the root has at most 16 + 36 children, so indexing stays fast.
 * Prefix relations between terms are preserved. The shipped postings hold the decoded terms (decodeTerm).
 */
export function encodeTerm(term: string): string {
  let out = '';
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 0x80) out += term[i];
    else out += NIBBLES[(c >> 12) & 15] + NIBBLES[(c >> 8) & 15] + NIBBLES[(c >> 4) & 15] + NIBBLES[c & 15];
  }
  return out;
}

/** Inverse of encodeTerm. */
export function decodeTerm(encoded: string): string {
  let out = '';
  for (let i = 0; i < encoded.length; ) {
    const k = NIBBLES.indexOf(encoded[i]);
    if (k === -1) {
      out += encoded[i++];
      continue;
    }
    let c = 0;
    for (let j = 0; j < 4; j++) c = (c << 4) | NIBBLES.indexOf(encoded[i + j]);
    out += String.fromCharCode(c);
    i += 4;
  }
  return out;
}

/**
 * MiniSearch options of the build's index (and of the parity test's reference). Terms come out of the analyzer
 * already final, and processTerm only encodes them; query terms are passed in pre-analyzed and encoded the same way.
 */
export function indexOptions(analyzer: Analyzer): Options<IndexDoc> {
  return {
    idField: 'id',
    fields: [...WORD_FIELDS],
    storeFields: [],
    tokenize: (text) => analyzer.terms(text),
    processTerm: encodeTerm,
    searchOptions: { tokenize: (text) => [text], processTerm: encodeTerm },
  };
}
