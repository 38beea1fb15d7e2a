/**
 * @module Synthetic corpus: harvests the real articles into a pool of reusable text (questions, headings, topic sentences,
 * clauses, list steps, lead-ins), grouped by category, with every provider mention replaced by `{P}`.
 * The synthetic corpus is recombined from this pool, so its vocabulary and sentence shapes are the real ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORIES, type Category } from '../../src/model';
import { scoreCategories, type CategoryLexicon } from '../../src/text/category';

/** Placeholder for the provider's name in pooled text. */
export const P = '{P}';

/** One list item of a procedure: an optional short label and its text. */
export interface PoolStep {
  label: string;
  text: string;
}

/** Reusable text by category; every string may contain `{P}`. */
export interface Pool {
  questions: Record<Category, string[]>;
  headings: Record<Category, string[]>;
  /** First sentences of paragraphs: they decide a headless entry's category and question. */
  topics: Record<Category, string[]>;
  sentences: Record<Category, string[]>;
  steps: Record<Category, PoolStep[]>;
  /** Lines ending in a colon that announce a list, by the category of the list they announced. */
  leadIns: Record<Category, string[]>;
  /** Every pooled string, for checking that a synthetic provider name never occurs by accident. */
  allText: string;
}

/** Provider spellings found in data/providers.json (all of them become `{P}`). */
export interface ProviderSpelling {
  name: string;
  aliases: string[];
}

const byCategory = <T>(): Record<Category, T[]> => Object.fromEntries(CATEGORIES.map((c) => [c, [] as T[]])) as unknown as Record<Category, T[]>;

const ITEM = /^(?:\d{1,2}[.．、](?!\d)|[•·●])\s*/;
const SECTION = /^(?:[一二三四五六七八九十]+[、.．])\s*/;
const QUESTION_END = /[?？]$/;
const COLON_END = /[:：]$/;
const CLAUSE_PUNCT = /[，,。；;！!？?]/;
const SKIP_HEADING = /^(?:引言|结语|总结|前言|常见问题|常见用户问题)/;
const OUTRO = /^(?:综上|总之|通过本文|希望本文)/;
const BOLD_LABEL = /^\*\*([^*]+?)\*\*\s*(?:——|—|[:：])\s*/;

/** Replaces every provider spelling (longest first, case-insensitive) with `{P}`. */
export function maskProviders(text: string, providers: ProviderSpelling[]): string {
  const spellings = [...new Set(providers.flatMap((p) => [p.name, ...p.aliases]))].filter(Boolean).sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of spellings) out = out.replace(new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), P);
  // "{P}的{P}", "{P}，即{P}" (数字钱包，即电子钱包) and similar collapse to one mention.
  return out.replace(/\{P\}(?:\s*(?:[，,]\s*即\s*)?\{P\})+/g, P);
}

/** Best category of a text by the build's own keyword lexicon, or undefined when no keyword matches. */
export function categoryOf(text: string, lexicon: CategoryLexicon): Category | undefined {
  return scoreCategories(text.toLowerCase(), lexicon)[0]?.category;
}

/** Splits a paragraph into sentences, keeping the closing punctuation. */
export function sentencesOf(paragraph: string): string[] {
  return (paragraph.match(/[^。！？!?；;]+[。！？!?；;]?/g) ?? []).map((s) => s.trim()).filter((s) => s.length >= 6);
}

/** Parses a list item body into label and text ("**label**——text", "label：text" or just text). */
export function parseStep(body: string): PoolStep {
  const bold = body.match(BOLD_LABEL);
  if (bold) return { label: bold[1].trim(), text: body.slice(bold[0].length).replace(/\*\*/g, '').trim() };
  const plain = body.replace(/\*\*/g, '').trim();
  const colon = plain.search(/[:：]/);
  const label = colon > 0 ? plain.slice(0, colon).trim() : '';
  if (label && label.length <= 12 && !CLAUSE_PUNCT.test(label)) return { label, text: plain.slice(colon + 1).trim() };
  return { label: '', text: plain };
}

/** Adds one article's lines to the pool; list items inherit the category of the text that introduced them. */
function harvestArticle(text: string, pool: Pool, lexicon: CategoryLexicon): void {
  let context: Category = 'about';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const plain = line.replace(/\*\*/g, '').trim();
    if (!plain || plain.length < 4) continue;
    if (ITEM.test(line)) {
      const body = line.replace(ITEM, '');
      const rest = body.replace(/\*\*/g, '').trim();
      if (QUESTION_END.test(rest) && rest.length <= 40) addQuestion(rest, pool, lexicon);
      else {
        const step = parseStep(body);
        if (step.text.length >= 8) pool.steps[context].push(step);
      }
      continue;
    }
    if (SECTION.test(plain) || (!CLAUSE_PUNCT.test(plain) && !COLON_END.test(plain) && plain.length <= 20)) {
      const heading = plain.replace(SECTION, '');
      const c = categoryOf(heading, lexicon);
      if (!SKIP_HEADING.test(heading) && c) pool.headings[c].push(heading.replace(/[?？]$/, ''));
      if (c) context = c;
      continue;
    }
    if (QUESTION_END.test(plain) && plain.length <= 40) {
      context = addQuestion(plain, pool, lexicon) ?? context;
      continue;
    }
    if (COLON_END.test(plain)) {
      context = categoryOf(plain, lexicon) ?? context;
      if (plain.length <= 40) pool.leadIns[context].push(plain);
      continue;
    }
    if (OUTRO.test(plain)) continue;
    context = harvestParagraph(plain, pool, lexicon) ?? context;
  }
}

function addQuestion(q: string, pool: Pool, lexicon: CategoryLexicon): Category | undefined {
  const c = categoryOf(q, lexicon);
  if (c) pool.questions[c].push(q.replace(/[?？]$/, ''));
  return c;
}

/** Pools a paragraph's topic sentence and its sentences under the paragraph's category. */
function harvestParagraph(paragraph: string, pool: Pool, lexicon: CategoryLexicon): Category | undefined {
  const sentences = sentencesOf(paragraph);
  if (sentences.length === 0) return undefined;
  const c = categoryOf(sentences[0], lexicon) ?? categoryOf(paragraph, lexicon) ?? 'about';
  pool.topics[c].push(sentences[0]);
  for (const s of sentences) pool.sentences[categoryOf(s, lexicon) ?? c].push(s);
  return c;
}

/** Reads `dataDir/articles/*.txt` and `dataDir/providers.json` into a pool. */
export function harvestPool(dataDir: string, lexicon: CategoryLexicon): Pool {
  const providers = (JSON.parse(readFileSync(join(dataDir, 'providers.json'), 'utf8')) as { providers: ProviderSpelling[] }).providers;
  const pool: Pool = {
    questions: byCategory(),
    headings: byCategory(),
    topics: byCategory(),
    sentences: byCategory(),
    steps: byCategory(),
    leadIns: byCategory(),
    allText: '',
  };
  const dir = join(dataDir, 'articles');
  const texts = readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => maskProviders(readFileSync(join(dir, n), 'utf8'), providers));
  for (const t of texts) harvestArticle(t, pool, lexicon);
  pool.allText = texts.join('\n');
  return pool;
}
