/** @module Query understanding: normalized text → provider, intent and weighted concepts (the user's words plus synonyms, pinyin and homophone readings). */
import { hanRuns, hasLetterOrDigit, isHan, isHanAt, unitsAt } from '../text/char-class';
import type { Category } from '../model';
import { scoreCategories, type CategoryLexicon } from '../text/category';
import type { PinyinMatcher } from '../text/pinyin';
import { packTable, SortedTable, type PackedTable } from '../text/sorted-table';
import { firstChar, hanGrams, innerWords, segment, segmentSpans, type Lexicon, type WordSpan } from '../text/tokenize';
import type { Analyzer } from './index-options';
import { capAlternatives, capChars, capConcepts, capGrams, capWords, headChars, LIMITS } from './limits';
import type { ProviderDetector, ProviderMatch } from './provider-detect';
import { CATEGORY_THRESHOLD, WEIGHTS } from './ranking';

/** Which index fields a term is looked up in. */
export type TermField = 'words' | 'grams';

/** How an alternative was found. */
export type Via = 'own' | 'inner' | 'synonym' | 'pinyin' | 'sound' | 'gram' | 'loneGram';

/** One way of matching a concept, with how much a match counts (1 = the user's own word). */
export interface Alternative {
  term: string;
  weight: number;
  field: TermField;
  via: Via;
}

/** One thing the user asked about: a word they typed, or a phrase, with every way it may be matched. */
export interface Concept {
  /** The text the user typed for it (normalized). */
  surface: string;
  start: number;
  end: number;
  alternatives: Alternative[];
}

/** Everything the ranker needs to know about a query. */
export interface QueryAnalysis {
  normalized: string;
  /** The words of the normalized query, for display. */
  terms: string[];
  provider: ProviderMatch | null;
  category: Category | null;
  /** The query asks when customer service can be reached (几点上班, 24小时, 周末). */
  asksHours: boolean;
  concepts: Concept[];
  /** Fallback bigrams (or a lone character) of the query's Han text. */
  grams: string[];
}

// Weights of the ways a concept can be matched, and the intent threshold: ranking settings (ranking.ts).
export { WEIGHTS } from './ranking';

/** The data query analysis draws on, all from the artifact. */
export interface QueryResources {
  analyzer: Analyzer;
  detector: ProviderDetector;
  pinyin: () => PinyinMatcher;
  categories: CategoryLexicon;
  /** Filler phrases, longest first. */
  fillers: string[];
  /** Synonym phrases (normalized) with their canonical words, read from the shipped table group by group. */
  synonyms: Synonyms;
  /** Words that ask about service hours (normalized). */
  hoursWords: string[];
}

/** Analyzes a raw query string. */
export function analyzeQuery(query: string, r: QueryResources): QueryAnalysis {
  const { analyzer } = r;
  const normalized = analyzer.normalizer.normalize(query);
  // What the analysis reads: the whole query, unless it holds more distinct characters than LIMITS.chars.
  const text = capChars(normalized);
  const words = segmentSpans(text, analyzer.lexicon);
  const terms = words.map((w) => w.word);
  const provider = r.detector.detect(text);

  // The provider's name is a filter, not a keyword: left in, it would match every line of its article.
  let rest = provider ? blank(text, provider.start, provider.end) : text;
  rest = stripFillers(rest, r.fillers);
  rest = joinSeparable(rest, (pair) => analyzer.lexicon.has(pair));

  // Segmented once when nothing was taken out (most queries).
  const restWords = rest === text ? words : segmentSpans(rest, analyzer.lexicon);
  const ownWords = restWords.filter((s) => !analyzer.stopwords.has(s.word));
  const keptWords = capWords(ownWords);
  let concepts = keptWords.map((s) => ownConcept(s, r));
  // What synonyms and homophones are searched in: past the cap, the kept words alone (see capWords).
  const read = keptWords === ownWords ? rest : onlyWords(rest, keptWords);

  const expansions: string[] = [];
  for (const { start, end, words } of findSynonyms(read, r.synonyms)) {
    const alternatives = canonicalTerms(words, r).map((term) => alt(term, 'synonym'));
    expansions.push(...words);
    concepts = mergeOver(concepts, read, start, end, alternatives);
  }
  concepts = readPinyin(concepts, r);
  concepts = readHomophones(concepts, read, restWords, r);
  expandReadings(concepts, r);

  const single = concepts.length === 1 && Array.from(concepts[0].surface).length === 1;
  for (const c of concepts) {
    if (Array.from(c.surface).length === 1 && isHan(c.surface)) {
      c.alternatives.push(alt(c.surface, single ? 'loneGram' : 'gram'));
    }
  }
  // Bounded work whatever the query holds (see limits.ts); real questions stay within every cap.
  const { lexicon } = analyzer;
  concepts = capConcepts(concepts, (w) => lexicon.cost(w) ?? lexicon.unknownCost);
  for (const c of concepts) c.alternatives = capAlternatives(c.alternatives);

  // Intent reads the user's text and every reading of it, so 账户冻洁 (→ 冻结) and zhifushibai (→ 支付失败) count too.
  const intentParts = [rest, ...expansions];
  for (const c of concepts) for (const a of c.alternatives) intentParts.push(a.term);
  const intentText = intentParts.join(' ');
  const top = scoreCategories(intentText, r.categories)[0];
  const category = top && top.score >= CATEGORY_THRESHOLD ? top.category : null;
  const asksHours = r.hoursWords.some((w) => intentText.includes(w));

  const grams = concepts.length ? capGrams(hanGrams(concepts.map((c) => c.surface).join(' ')).filter((g) => Array.from(g).length === 2 || single)) : [];
  return { normalized, terms, provider, category, asksHours, concepts, grams };
}

/**
 * The words a synonym stands for, whole: 工作时间 is looked up as 工作时间, not also as 时间, which would match
 * any sentence mentioning time. (Canonical words ship normalized.)
 */
function canonicalTerms(words: string[], r: QueryResources): string[] {
  return words.flatMap((w) => remembered(r.analyzer.lexicon, 'canonical', w, () => segment(w, r.analyzer.lexicon).filter((t) => !r.analyzer.stopwords.has(t))));
}

/** Words whose segmentation and inner words a lexicon's analysis remembers (queries repeat their words). */
const REMEMBERED = 4096;
const memos = new WeakMap<Lexicon, Map<string, string[]>>();

/**
 * `compute()`, remembered per lexicon under `kind` and `word` (a pure function of both): bounded, and forgotten
 * whole when full, so hostile traffic cannot grow it.
 */
function remembered(lexicon: Lexicon, kind: string, word: string, compute: () => string[]): string[] {
  let memo = memos.get(lexicon);
  if (!memo || memo.size >= REMEMBERED) memos.set(lexicon, (memo = new Map()));
  const key = `${kind}\u0000${word}`;
  let out = memo.get(key);
  if (!out) memo.set(key, (out = compute()));
  return out;
}

const alt = (term: string, via: Via, weight = WEIGHTS[via]): Alternative => ({
  term,
  weight,
  via,
  field: via === 'gram' || via === 'loneGram' ? 'grams' : 'words',
});

function ownConcept(s: WordSpan, r: QueryResources): Concept {
  const { lexicon } = r.analyzer;
  // Most words have none (innerWords answers at once); a long one costs a lookup per substring.
  const inner = s.word.length < 3 ? [] : remembered(lexicon, 'inner', s.word, () => innerWords(s.word, lexicon));
  const alternatives = [alt(s.word, 'own'), ...inner.map((w) => alt(w, 'inner'))];
  return { surface: s.word, start: s.start, end: s.end, alternatives };
}

/** `text` with everything outside `words` (spans of it, in order) replaced by spaces: offsets stay as they were. */
function onlyWords(text: string, words: readonly WordSpan[]): string {
  let out = '';
  for (const w of words) out += ' '.repeat(w.start - out.length) + text.slice(w.start, w.end);
  return out + ' '.repeat(text.length - out.length);
}

function blank(s: string, start: number, end: number): string {
  return `${s.slice(0, start)} ${s.slice(end)}`.replace(/ +/g, ' ').trim();
}

/** Particles a separable verb takes between its two characters: 付了款, 转的账, 退过钱. */
const SEPARABLE_PARTICLES = new Set(['了', '的', '过']);
const SEPARABLE_PARTICLE = new RegExp(`[${[...SEPARABLE_PARTICLES].join('')}]`);

/**
 * Separable verbs joined again: 付了款 → 付款, 退的钱 → 退钱, when the joined pair is `known` (a word of the lexicon:
 * the articles' words, synonym phrases, category keywords, everyday words). People split these verb–object words
 * with an aspect or structural particle where FAQ text writes them whole, and split, each half is a weak single
 * character.
 */
export function joinSeparable(text: string, known: (pair: string) => boolean): string {
  // Most queries hold no particle: they are returned as they are, not copied character by character.
  if (!SEPARABLE_PARTICLE.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const split = i > 0 && i + 1 < text.length && SEPARABLE_PARTICLES.has(text[i]) && isHanAt(text, i - 1) && isHanAt(text, i + 1);
    if (!split || !known(text[i - 1] + text[i + 1])) out += text[i];
  }
  return out;
}

/** Removes greetings and politeness, unless that would leave nothing to search for. */
function stripFillers(text: string, fillers: string[]): string {
  let out = text;
  for (const f of fillers) {
    if (!out.includes(f)) continue;
    // A Latin filler (hi, thanks) only as a whole word: "hi" must not eat the inside of "zhifushibai".
    const pattern = /^[a-z ]+$/.test(f) ? new RegExp(`(?<![a-z0-9])${f}(?![a-z0-9])`, 'g') : f;
    const next = out.replaceAll(pattern, ' ').replace(/ +/g, ' ').trim();
    if (hasLetterOrDigit(next)) out = next;
  }
  return out;
}

/** A synonym phrase (normalized) and the canonical words it stands for. */
export type SynonymPair = [phrase: string, words: string[]];

/**
 * Synonyms as shipped: a table from first character (code point, as the lexicon groups words) to the group's
 * pairs, `phrase=word,word` joined with '|', longest phrase first. One table, not a list of pairs: a list would be
 * thousands of short strings for the header parse to make and every isolate's first query to group again; one
 * table (long enough to sit in the artifact's blob) costs start-up no strings, and a query parses only the groups
 * of its own characters. Normalized text holds only letters, marks, digits and single spaces, so no separator
 * occurs inside a phrase or word.
 */
export type PackedSynonyms = PackedTable;

/** Read access to shipped synonyms; a group is parsed on first use and kept. */
export interface Synonyms {
  /** The phrases that start with the character at `text[i]` (a surrogate pair whole), longest first; [] when none. */
  startingAt(text: string, i: number): readonly SynonymPair[];
  /** The canonical words of a phrase, or undefined when it is not a synonym phrase. */
  wordsOf(phrase: string): string[] | undefined;
}

/** What packSynonyms rejects inside a phrase or word: the group separators, and the table's own ('\n'). */
const SEPARATOR = /[|=,\n]/;

/**
 * Packs normalized synonym pairs, longest phrase first (the build's order, kept within each group), for shipping;
 * deterministic. Throws on an empty phrase, word or word list, a repeated phrase, or a separator inside a phrase
 * or word: normalization leaves none of these, so one means the build is broken, and shipping it would split or
 * drop a phrase without a word.
 */
export function packSynonyms(pairs: readonly SynonymPair[]): PackedSynonyms {
  const groups = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const [phrase, words] of pairs) {
    checkSynonymText(phrase, `phrase ${JSON.stringify(phrase)}`);
    if (words.length === 0) throw new Error(`synonym phrase ${JSON.stringify(phrase)} has no words`);
    for (const w of words) checkSynonymText(w, `word ${JSON.stringify(w)} of phrase ${JSON.stringify(phrase)}`);
    if (seen.has(phrase)) throw new Error(`synonym phrase ${JSON.stringify(phrase)} occurs twice`);
    seen.add(phrase);
    const key = firstChar(phrase);
    const entry = `${phrase}=${words.join(',')}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  return packTable([...groups].map(([key, entries]) => [key, entries.join('|')]), { fixedWidth: true });
}

/** Throws unless `text` (the phrase or word `what` names) is non-empty and free of separators. */
function checkSynonymText(text: string, what: string): void {
  if (!text) throw new Error(`empty synonym ${what}`);
  if (SEPARATOR.test(text)) throw new Error(`synonym ${what} contains a separator ('|', '=', ',' or a newline), which normalized text never holds`);
}

/** The pairs of one packed group, in its order. */
function parseSynonymGroup(group: string): SynonymPair[] {
  return group.split('|').map((entry) => {
    const eq = entry.indexOf('=');
    return [entry.slice(0, eq), entry.slice(eq + 1).split(',')];
  });
}

/** Unpacks shipped synonyms into the build's list: every pair, longest phrase first, then by phrase (tests and tools). */
export function unpackSynonyms(packed: PackedSynonyms): SynonymPair[] {
  return new SortedTable(packed)
    .entries()
    .flatMap(([, group]) => parseSynonymGroup(group))
    .sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1));
}

/**
 * Reads shipped synonyms in place; groups are parsed on first use and kept. A character that starts no phrase is
 * looked up again each time rather than remembered, so the cache holds at most the shipped groups whatever
 * characters the traffic brings.
 */
export function createSynonyms(packed: PackedSynonyms): Synonyms {
  const table = new SortedTable(packed);
  const parsed = new Map<string, SynonymPair[]>();
  const none: readonly SynonymPair[] = [];
  const group = (key: string): readonly SynonymPair[] => {
    let g = parsed.get(key);
    if (!g) {
      const text = table.get(key);
      if (text === undefined) return none;
      parsed.set(key, (g = parseSynonymGroup(text)));
    }
    return g;
  };
  return {
    // Keyed by code point: a phrase starting with an astral character has a whole surrogate pair as its key (a lone
    // surrogate cannot be shipped as text). A low surrogate alone starts no phrase, so it finds none, as it should.
    startingAt: (text, i) => group(text.slice(i, i + unitsAt(text, i))),
    wordsOf: (phrase) => (phrase ? group(firstChar(phrase)).find(([p]) => p === phrase)?.[1] : undefined),
  };
}

/**
 * Synonym phrases in the text, longest first, not overlapping; Latin phrases only as whole words. Scans
 * positions left to right and, at each, the phrases starting with that character.
 */
function findSynonyms(text: string, synonyms: Synonyms): { start: number; end: number; words: string[] }[] {
  const candidates: { start: number; end: number; words: string[] }[] = [];
  // Each distinct character's phrases are looked up once per query (a long query repeats its characters).
  const groups = new Map<number, readonly SynonymPair[]>();
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    let group = groups.get(c);
    if (group === undefined) groups.set(c, (group = synonyms.startingAt(text, i)));
    for (const [phrase, words] of group) {
      if (!text.startsWith(phrase, i)) continue;
      const end = i + phrase.length;
      if (/[a-z0-9]/.test(phrase[0]) && (/[a-z0-9]/.test(text[i - 1] ?? '') || /[a-z0-9]/.test(text[end] ?? ''))) continue;
      candidates.push({ start: i, end, words });
    }
  }
  // Longest phrase wins where phrases overlap.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: boolean[] = new Array(text.length).fill(false);
  const found: { start: number; end: number; words: string[] }[] = [];
  for (const c of candidates) {
    if (taken.slice(c.start, c.end).some(Boolean)) continue;
    taken.fill(true, c.start, c.end);
    found.push(c);
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * Replaces the concepts that overlap [start, end) by one concept that keeps all their alternatives and adds
 * `extra`: a phrase the user typed is one thing they asked about, however the segmenter cut it.
 */
function mergeOver(concepts: Concept[], text: string, start: number, end: number, extra: Alternative[]): Concept[] {
  const inside = concepts.filter((c) => c.start < end && c.end > start);
  const outside = concepts.filter((c) => !(c.start < end && c.end > start));
  const s = Math.min(start, ...inside.map((c) => c.start));
  const e = Math.max(end, ...inside.map((c) => c.end));
  const alternatives: Alternative[] = [];
  for (const a of [...inside.flatMap((c) => c.alternatives), ...extra]) {
    const same = alternatives.find((x) => x.term === a.term && x.field === a.field);
    if (!same) alternatives.push({ ...a });
    else same.weight = Math.max(same.weight, a.weight);
  }
  if (alternatives.length === 0) return concepts;
  return [...outside, { surface: text.slice(s, e), start: s, end: e, alternatives }].sort((a, b) => a.start - b.start);
}

/**
 * Latin words that are not known terms are read as toneless pinyin (zhifushibai, mima zhaohui). A run of such
 * words is read together first, then word by word; each vocabulary word read becomes its own concept.
 */
function readPinyin(concepts: Concept[], r: QueryResources): Concept[] {
  const isCandidate = (c: Concept) =>
    /^[a-z]+$/.test(c.surface) && c.alternatives.length === 1 && !r.analyzer.lexicon.has(c.surface);
  // Letters read so far: beyond LIMITS.pinyinLetters a word is left as typed (see limits.ts).
  let budget = LIMITS.pinyinLetters;
  const fromPinyin = (latin: string): string[] => {
    if (latin.length > budget) return [];
    budget -= latin.length;
    return r.pinyin().fromPinyin(latin);
  };
  const out: Concept[] = [];
  for (let i = 0; i < concepts.length; ) {
    if (!isCandidate(concepts[i])) {
      out.push(concepts[i++]);
      continue;
    }
    let j = i;
    while (j < concepts.length && isCandidate(concepts[j])) j++;
    const run = concepts.slice(i, j);
    const whole = fromPinyin(run.map((c) => c.surface).join(''));
    const toConcepts = (words: string[], from: Concept, to: Concept): Concept[] =>
      words.map((w) => ({ surface: w, start: from.start, end: to.end, alternatives: [alt(w, 'pinyin')] }));
    if (whole.length) out.push(...toConcepts(whole, run[0], run[run.length - 1]));
    else {
      for (const c of run) {
        const words = fromPinyin(c.surface);
        out.push(...(words.length ? toConcepts(words, c, c) : [c]));
      }
    }
    i = j;
  }
  return out;
}

/** Synonyms of what pinyin and homophone readings found (冻洁 → 冻结 → 锁定), at the reading's weight times the synonym weight. */
function expandReadings(concepts: Concept[], r: QueryResources): void {
  for (const c of concepts) {
    for (const a of [...c.alternatives]) {
      if (a.via !== 'pinyin' && a.via !== 'sound') continue;
      for (const word of r.synonyms.wordsOf(a.term) ?? []) {
        for (const term of canonicalTerms([word], r)) {
          if (!c.alternatives.some((x) => x.term === term)) c.alternatives.push(alt(term, 'synonym', a.weight * WEIGHTS.synonym));
        }
      }
    }
  }
}

/**
 * The segmentation of `run` (a Han run of `text` starting at `index`), from `words` (the segmentation of `text`, read
 * from its word `from` on: none before it reaches the run) when the run is a whole space-separated chunk of it, which
 * segments exactly as the run alone; else segmented anew.
 */
function runWords(run: string, index: number, text: string, words: readonly WordSpan[], from: number, lexicon: Lexicon): WordSpan[] {
  const end = index + run.length;
  if ((index > 0 && text[index - 1] !== ' ') || (end < text.length && text[end] !== ' ')) return segmentSpans(run, lexicon);
  const out: WordSpan[] = [];
  for (let i = from; i < words.length && words[i].start < end; i++) {
    const w = words[i];
    if (w.start >= index && w.end <= end) out.push({ word: w.word, start: w.start - index, end: w.end - index, cost: w.cost });
  }
  return out;
}

/**
 * Homophone typos (客服电化, 账户冻洁): vocabulary words that sound like a run of the query join its concepts.
 * `textWords` is the segmentation of `text`.
 */
function readHomophones(concepts: Concept[], text: string, textWords: readonly WordSpan[], r: QueryResources): Concept[] {
  const lexicon = r.analyzer.lexicon;
  let out = concepts;
  // Characters left to read and readings left to take (see limits.ts): a run past the budget is read up to it.
  let chars = LIMITS.soundChars;
  let readings = LIMITS.soundReadings;
  // The first of textWords that may lie in the current run: runs come in text order, as the words do.
  let next = 0;
  for (const run of hanRuns(text)) {
    if (chars <= 0 || readings <= 0) break;
    const head = headChars(run.text, chars);
    chars -= head === run.text ? Array.from(run.text).length : chars;
    while (next < textWords.length && textWords[next].end <= run.index) next++;
    // Only runs the lexicon cannot fully explain with words of two or more characters can hold a typo.
    const words = head === run.text ? runWords(run.text, run.index, text, textWords, next, lexicon) : segmentSpans(head, lexicon);
    if (words.every((w) => Array.from(w.word).length > 1)) continue;
    // Offsets strictly inside a known word of two or more characters: a typo never cuts through one (会付款 is
    // 会 + 付款, not 汇付 + 款).
    const inside = new Set<number>();
    for (const w of words) if (w.word.length > 1 && lexicon.has(w.word)) for (let k = w.start + 1; k < w.end; k++) inside.add(k);
    for (const m of r.pinyin().homophones(head, (s) => lexicon.has(s), (k) => inside.has(k))) {
      const start = run.index + m.start;
      const end = run.index + m.end;
      // A reading must touch something the user asked about: stop words (能不能) are never typos.
      if (!out.some((c) => c.start < end && c.end > start)) continue;
      out = mergeOver(out, text, start, end, [alt(m.term, 'sound')]);
      if (--readings <= 0) break;
    }
  }
  return out;
}
