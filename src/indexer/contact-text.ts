/**
 * @module Build-only: how the contact extractor reads article models. Each block becomes a unit (a paragraph's label
 * put back in front of its text, an item's label kept apart), split into sentences and clauses. Offsets are into
 * the unit's text; its `norm` is the same text folded, offset for offset, and its runs map it to the stored file,
 * so every statement cut from a unit gets its exact file span.
 */
import type { ArticleModel, Block, Link, Run } from './article';
import type { Fold } from './fold';
import type { SourceSpan, Statement } from '../model';

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  clauses: Span[];
}

/** A text the extractor reads: offsets into `text`, `norm` aligned with it, `runs` mapping it to the file. */
export interface UnitText {
  /** The file name of the article the text comes from. */
  doc: string;
  text: string;
  norm: string;
  runs: Run[];
  /** The block's span, for text the runs do not cover. */
  span: Span;
  sentences: Sentence[];
}

export interface Unit extends UnitText {
  /** Position among the units of every article read together. */
  index: number;
  /** True for a numbered or bulleted list item. */
  item: boolean;
  /** An item's label (`**语音引导**——`, `耐心等待接听:`), outside every sentence. */
  label: { text: string; norm: string } | null;
  /**
   * The unit as a reader sees it, its label in front ("客服热线:021-6088-5521" of an item labelled 客服热线), so a
   * value is read with its label; the unit itself when it has no label apart. Its offsets are the unit's plus
   * `labelShift`.
   */
  labelled: UnitText;
  labelShift: number;
  /** A table row's cells, as offsets into `text` (the model joins them with " | "). */
  cells?: Span[];
  /** The stored text of the unit's article (its runs and links point into it). */
  file: string;
  /** The links of the block (Markdown or HTML), whose targets may be contact values the text does not show. */
  links?: readonly Link[];
  /** True for a table's header row. */
  isHeader?: boolean;
  /** A table row's header row, when its table opens with one of as many cells. */
  header?: Unit;
}

/** The units of one provider's articles, in article and block order. */
export interface ParsedArticle {
  units: Unit[];
}

const OPENERS = '(“「《【‘';
const CLOSERS = ')”」》】’';
const SENTENCE_END = '。!?;';
const CLAUSE_END = ',:';
/** How far an opening bracket or quote may be from its closer and still hide the punctuation inside. */
const MAX_BRACKET = 60;

export function parseArticles(articles: readonly ArticleModel[], fold: Fold): ParsedArticle {
  const units: Unit[] = [];
  for (const article of articles) {
    let header: Unit | undefined;
    for (const block of article.blocks) {
      const unit = toUnit(article, block, units.length, fold);
      units.push(unit);
      if (!unit.cells) header = undefined;
      else if (block.header) header = unit;
      else if (header && header.cells!.length === unit.cells.length) unit.header = header;
    }
  }
  return { units };
}

/** A row's cells as offsets into its text, when the text is its cells joined with " | " (else undefined). */
function cellsOf(block: Block): Span[] | undefined {
  if (block.kind !== 'row' || !block.cells) return undefined;
  const out: Span[] = [];
  let at = 0;
  for (const cell of block.cells) {
    if (out.length) {
      if (block.text.slice(at, at + CELL_JOIN.length) !== CELL_JOIN) return undefined;
      at += CELL_JOIN.length;
    }
    if (block.text.slice(at, at + cell.text.length) !== cell.text) return undefined;
    out.push({ start: at, end: at + cell.text.length });
    at += cell.text.length;
  }
  return at === block.text.length ? out : undefined;
}

const CELL_JOIN = ' | ';

function toUnit(article: ArticleModel, block: Block, index: number, fold: Fold): Unit {
  const item = block.kind === 'item';
  const doc = article.doc;
  const span = block.span;
  const common = { index, item, file: article.text, links: block.links };
  const plain = { doc, text: block.text, norm: block.norm, runs: block.runs, span, sentences: splitSentences(block.norm) };
  if (!block.label) return { ...plain, ...common, label: null, labelled: plain, labelShift: 0, cells: cellsOf(block), isHeader: block.header };
  const [text, norm, runs] = withLabel(article.text, block, fold);
  const labelled = { doc, text, norm, runs, span, sentences: splitSentences(norm) };
  // A paragraph's label is part of what it says ("客服电话：95xxx"); an item's is its title, kept apart.
  if (!item) return { ...labelled, ...common, label: null, labelled, labelShift: 0 };
  const label = { text: block.label.text, norm: fold(block.label.text) };
  return { ...plain, ...common, label, labelled, labelShift: text.length - block.text.length };
}

/**
 * A block's text with its label in front, the separator as the file writes it when it is short punctuation (else
 * "：", which no run maps: markup stands between them in the file).
 */
function withLabel(file: string, block: Block, fold: Fold): [string, string, Run[]] {
  const label = block.label!;
  const textStart = block.runs[0]?.from ?? label.span.end;
  const between = file.slice(label.span.end, textStart);
  const labelVerbatim = file.slice(label.span.start, label.span.end) === label.text;
  const tight = labelVerbatim && /^[\s:：—\-*]{0,4}$/.test(between);
  const separator = tight ? between.replace(/\*/g, '') : '：';
  const head = label.text + separator;
  const runs: Run[] = labelVerbatim ? [{ at: 0, from: label.span.start, length: label.text.length }] : [];
  if (tight && separator === between) runs[0].length += between.length;
  else if (tight && separator) runs.push({ at: label.text.length, from: textStart - separator.length, length: separator.length });
  runs.push(...block.runs.map((r) => ({ ...r, at: r.at + head.length })));
  return [head + block.text, fold(head) + block.norm, runs];
}

/** Splits norm into sentences and clauses, ignoring punctuation inside nearby brackets and quotes. */
function splitSentences(norm: string): Sentence[] {
  const start = 0;
  const end = norm.length;
  const sentences: Sentence[] = [];
  let clauses: Span[] = [];
  let clauseStart = start;
  const closeClause = (at: number) => {
    const span = trimSpan(norm, clauseStart, at);
    if (span) clauses.push(span);
    clauseStart = at + 1;
  };
  const closeSentence = () => {
    if (clauses.length) sentences.push({ start: clauses[0].start, end: clauses[clauses.length - 1].end, clauses });
    clauses = [];
  };
  for (let i = start; i < end; i++) {
    const ch = norm[i];
    const opener = OPENERS.indexOf(ch);
    if (opener !== -1) {
      const close = norm.indexOf(CLOSERS[opener], i + 1);
      if (close !== -1 && close < end && close - i <= MAX_BRACKET) {
        i = close;
        continue;
      }
    }
    if (SENTENCE_END.includes(ch) || ch === '\n') {
      closeClause(i);
      closeSentence();
    } else if (CLAUSE_END.includes(ch) && !(isDigit(norm[i - 1]) && isDigit(norm[i + 1])) && !isScheme(norm, i)) {
      // "9:00" and "1,000" are numbers, and "https://" is part of an address, not clause boundaries.
      closeClause(i);
    }
  }
  closeClause(end);
  closeSentence();
  return sentences;
}

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return start < end ? { start, end } : null;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** The colon of "http://" or "https://". */
function isScheme(norm: string, i: number): boolean {
  return norm[i] === ':' && norm.startsWith('//', i + 1) && /https?$/.test(norm.slice(Math.max(0, i - 5), i));
}

// ---------------------------------------------------------------------------------------------------------
// Clause windows: the clauses a statement is cut from.

/** A clause that sets the scene ("若…", "在拨打电话之前") reads wrong without it, so windows take it along. */
const CONDITION = /^(?:若|如果|假如|倘若|如若|一旦|当)|(?:时|之前|之后|以前|以后|过程中)$|^在.{1,15}[前后中上]$/;
/** A lone connective clause ("首先", "此外") adds nothing to a statement shown on its own. */
const CONNECTIVE = /^(?:首先|其次|再次|然后|接着|此外|另外|同时|最后|总之|因此|一般来说|一般情况下|通常情况下)$/;

/** The clauses [first, last] a stretch [start, end) of a sentence touches. */
export function clauseRange(sentence: Sentence, start: number, end: number): [number, number] {
  const { clauses } = sentence;
  let first = clauses.findIndex((c) => c.end > start);
  if (first === -1) first = clauses.length - 1;
  let last = first;
  while (last + 1 < clauses.length && clauses[last + 1].start < end) last++;
  return [first, last];
}

/** The clauses a..b of a sentence, with a leading condition clause taken along and a leading bare connective dropped. */
export function widen(unit: UnitText, sentence: Sentence, a: number, b: number): Span {
  const { clauses } = sentence;
  const clause = (i: number) => unit.norm.slice(clauses[i].start, clauses[i].end);
  if (a > 0 && CONDITION.test(clause(a - 1))) a--;
  if (a < b && CONNECTIVE.test(clause(a))) a++;
  return { start: clauses[a].start, end: clauses[b].end };
}

/** The sentence of a unit that holds offset `at`. */
export function sentenceAt(unit: UnitText, at: number): Sentence | undefined {
  return unit.sentences.find((s) => s.start <= at && at < s.end);
}

// ---------------------------------------------------------------------------------------------------------
// Statements and their sources.

/** What a window of a unit says (its source text) and where it stands in the file. */
export function statement(unit: UnitText, span: Span): Statement {
  return { text: unit.text.slice(span.start, span.end), source: source(unit, span), general: false };
}

/** The file span of unit text [start, end): from its first to its last character the file holds verbatim. */
export function source(unit: UnitText, span: Span): SourceSpan {
  let start = -1;
  let end = -1;
  for (const run of unit.runs) {
    const lo = Math.max(span.start, run.at);
    const hi = Math.min(span.end, run.at + run.length);
    if (lo >= hi) continue;
    if (start === -1) start = run.from + (lo - run.at);
    end = run.from + (hi - run.at);
  }
  return start === -1 ? { doc: unit.doc, ...unit.span } : { doc: unit.doc, start, end };
}

/** The stretch of a text whose characters the file holds within [start, end) (a link's text within its markup), or null. */
export function textWithin(unit: UnitText, start: number, end: number): Span | null {
  let lo = -1;
  let hi = -1;
  for (const run of unit.runs) {
    const a = Math.max(start, run.from);
    const b = Math.min(end, run.from + run.length);
    if (a >= b) continue;
    if (lo === -1) lo = run.at + (a - run.from);
    hi = run.at + (b - run.from);
  }
  return lo === -1 ? null : { start: lo, end: hi };
}

/** True when unit text [start, end) stands in the file exactly as it is (no decoded entity, no joined line). */
export function isVerbatim(unit: UnitText, span: Span): boolean {
  let at = span.start;
  let from = -1;
  for (const run of unit.runs) {
    if (run.at + run.length <= at || run.at > at) continue;
    const fileAt = run.from + (at - run.at);
    if (from !== -1 && fileAt !== from) return false;
    const hi = Math.min(span.end, run.at + run.length);
    from = run.from + (hi - run.at);
    at = hi;
    if (at >= span.end) return true;
  }
  return false;
}
