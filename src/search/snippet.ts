/** @module Snippets: the passage of an entry that best matches the query, with highlight offsets into it. */
import type { Entry } from '../model';
import type { MappedText } from '../text/normalize';
import type { Analyzer } from './index-options';

/** A passage of an entry's answer and the [start, end) offsets of matched terms in it. */
export interface Snippet {
  text: string;
  highlights: [number, number][];
}

/** Longest snippet, in characters, before it is cropped around its first match. */
const MAX_LENGTH = 120;
/** A sentence shorter than this is joined with the next, so a snippet says something on its own. */
const MIN_SENTENCE = 24;

/**
 * An entry's normalized question (see normalizedQuestion) and, once a snippet needs them, its passages with their
 * normalized forms, prepared once per entry. Ranking reads the questions of many entries whose answers it never
 * shows, so passages wait for a snippet. Only the passage a snippet shows needs the map back to original offsets: it
 * is built on first use (mapping every passage of every hit would be most of a cold query's snippet cost).
 */
interface Prepared {
  /** The texts it was prepared from. */
  answer: string;
  question: string;
  normalizedQuestion: string;
  passages?: Passages;
}

interface Passages {
  texts: string[];
  normalized: string[];
  mapped: (MappedText | undefined)[];
}

/** Bounded, so a worker serving a large index keeps only the entries it recently returned. */
const prepared = new Map<string, Prepared>();
const PREPARED_LIMIT = 4096;

function prepare(entry: Entry, analyzer: Analyzer): Prepared {
  let p = prepared.get(entry.id);
  // An id is unique within an index, not among the indexes a process may load (tests, tools): the texts must match.
  if (!p || p.answer !== entry.answer || p.question !== entry.question) {
    const { answer, question } = entry;
    p = { answer, question, normalizedQuestion: analyzer.normalizer.normalize(question) };
    if (prepared.size >= PREPARED_LIMIT) prepared.clear();
    prepared.set(entry.id, p);
  }
  return p;
}

/** The prepared entry's answer passages, split and normalized on first use. */
function passagesOf(p: Prepared, analyzer: Analyzer): Passages {
  if (!p.passages) {
    const texts = splitPassages(p.answer);
    if (texts.length === 0) texts.push(p.answer);
    const { normalizer } = analyzer;
    p.passages = { texts, normalized: texts.map((x) => normalizer.normalize(x)), mapped: [] };
  }
  return p.passages;
}

/** The entry's question through the query normalizer, as ranking compares it with a query's words (Hit.titled). */
export function normalizedQuestion(entry: Entry, analyzer: Analyzer): string {
  return prepare(entry, analyzer).normalizedQuestion;
}

/**
 * Picks the passage (a sentence, or two short ones) that matches the most distinct query terms, longer terms
 * counting more; ties go to the earliest. With no match it is the opening of the answer.
 */
export function buildSnippet(entry: Entry, terms: string[], analyzer: Analyzer): Snippet {
  const p = passagesOf(prepare(entry, analyzer), analyzer);
  let best = 0;
  let bestScore = 0;
  p.normalized.forEach((text, i) => {
    let score = 0;
    for (const t of terms) if (text.includes(t)) score += Math.sqrt(t.length);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  const mapped = (p.mapped[best] ??= analyzer.normalizer.normalizeMapped(p.texts[best]));
  return crop(p.texts[best], highlightMapped(mapped, terms));
}

/**
 * Sentences of the answer (split after 。！？；), a short one joined with the next sentence of the same line;
 * a line (a step, a paragraph) never runs into the next.
 */
export function splitPassages(answer: string): string[] {
  const out: string[] = [];
  for (const line of answer.split('\n')) {
    let pending = '';
    for (const sentence of line.split(/(?<=[。！？!?；;])/)) {
      const s = sentence.trim();
      if (!s) continue;
      pending += s;
      if (pending.length >= MIN_SENTENCE) {
        out.push(pending);
        pending = '';
      }
    }
    if (pending) out.push(pending);
  }
  return out;
}

/** Offsets in `text` of the query terms, found on its normalized form and mapped back; longest terms first, no overlaps. */
export function highlight(text: string, terms: string[], analyzer: Analyzer): [number, number][] {
  return highlightMapped(analyzer.normalizer.normalizeMapped(text), terms);
}

function highlightMapped({ text: norm, map }: MappedText, terms: string[]): [number, number][] {
  // A byte per character (a boolean array takes eight): this runs for every hit of every query.
  const taken = new Uint8Array(norm.length);
  const ranges: [number, number][] = [];
  for (const term of longestFirst(terms)) {
    if (!term) continue;
    for (let i = norm.indexOf(term); i !== -1; i = norm.indexOf(term, i + 1)) {
      const end = i + term.length;
      if (anyTaken(taken, i, end)) continue;
      taken.fill(1, i, end);
      ranges.push([map[i], map[end - 1] + 1]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  // Adjacent matches read as one highlighted phrase.
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * `terms` longest first, ties in their given order (a stable sort). The engine passes them already in that
 * order, once per hit: then the list itself is returned instead of a sorted copy.
 */
function longestFirst(terms: string[]): string[] {
  for (let i = 1; i < terms.length; i++) {
    if (terms[i].length > terms[i - 1].length) return [...terms].sort((a, b) => b.length - a.length);
  }
  return terms;
}

/** True when any of `taken[start, end)` is set (a loop: slicing the range would make an array per match). */
function anyTaken(taken: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (taken[i]) return true;
  return false;
}

/** Crops a long passage to MAX_LENGTH around its first highlight, marking cuts with …, and shifts offsets. */
function crop(text: string, highlights: [number, number][]): Snippet {
  if (text.length <= MAX_LENGTH) return { text, highlights };
  const anchor = highlights[0]?.[0] ?? 0;
  let start = Math.max(0, Math.min(anchor - 20, text.length - MAX_LENGTH));
  // Never cut a surrogate pair in half.
  if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
  let end = Math.min(text.length, start + MAX_LENGTH);
  if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  const shift = prefix.length - start;
  return {
    text: prefix + text.slice(start, end) + suffix,
    highlights: highlights
      .filter(([s, e]) => s >= start && e <= end)
      .map(([s, e]) => [s + shift, e + shift] as [number, number]),
  };
}
