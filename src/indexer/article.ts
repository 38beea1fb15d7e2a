/**
 * @module The article model: every source file is parsed once, by the adapter of its format, into a list of
 * blocks with exact spans into the stored file. Entry extraction, contact extraction and the build report all
 * read this model and never the raw file, so they cannot disagree on what a line is.
 *
 * Two texts per block: `text` is what a reader sees (markup, list markers, Q/A labels and decorations removed, the
 * source's own script), `norm` is `text` normalized (script-folded to simplified, width- and case-folded) and is
 * what every classification reads. The build's normalizer maps every character to exactly one character, so `norm`
 * is offset-aligned with `text`: a keyword found at norm[i, j) is text[i, j). Offsets always point into the stored
 * file (`ArticleModel.text`); `runs` map positions of `text` back to it, so a clause or value found in `text` gets
 * its exact file span (see sourceSpan).
 */

/** The source formats an adapter exists for (chosen by file extension, case-insensitively). */
export type SourceFormat = 'txt' | 'md' | 'html' | 'csv' | 'tsv' | 'json';

/** A half-open range of UTF-16 offsets into the stored file text. */
export interface Span {
  start: number;
  end: number;
}

/** How a list item is numbered or bulleted. */
export type MarkerKind =
  /** 1. 1、 1) (1) １． */
  | 'decimal'
  /** 一、 （一） (一) */
  | 'cjk'
  /** ① ② ③ */
  | 'circled'
  /** 第一步, 步骤一, 步骤1, Step 1 */
  | 'step'
  /** a. A) (a) */
  | 'letter'
  /** - * + • · ・ ▪ ■ ▶ ★ ◆ ▍ and HTML/Markdown unordered lists */
  | 'bullet';

export interface Marker {
  kind: MarkerKind;
  /** The marker as the source writes it (`1.`, `第三步：`, `①`, `•`); absent where the format has none (`<li>`). */
  text?: string;
  /** 1-based position for ordered kinds (第三步 → 3, ③ → 3, c. → 3); absent for bullets. */
  ordinal?: number;
  /** Nesting depth: 0 for a top-level item. */
  depth: number;
}

export type BlockKind =
  /** A section title (Markdown/HTML heading, a short title line, 【section】, ▍section); see `level`. */
  | 'heading'
  /**
   * A question stated as such: a 问：/Q：/Q1/【问】 line, a `<summary>`, a structured source's question field, or a
   * heading or line whose text is a question. Starts an entry.
   */
  | 'question'
  /** Running text (an answer paragraph, an intro, a 答：/A： line with its label removed). */
  | 'paragraph'
  /** A list item; see `marker`. */
  | 'item'
  /** A tip or caveat (温馨提示/注意/提示 …, a blockquote): part of the answer, never a step. */
  | 'note'
  /** A table row; see `cells`. */
  | 'row';

/** A stretch of `text` copied verbatim from the file: text[at, at + length) === file[from, from + length). */
export interface Run {
  at: number;
  from: number;
  length: number;
}

/** A link in the source (Markdown or HTML); `tel:` and `mailto:` links are contact values. */
export interface Link {
  text: string;
  href: string;
  span: Span;
}

export interface Block {
  kind: BlockKind;
  /** What a reader sees; lines of a multi-line block are joined with '\n'. */
  text: string;
  /** `text` normalized for classification (see module comment); not offset-aligned with `text`. */
  norm: string;
  /** The whole block in the file, markup and markers included (for HTML, the element's text content). */
  span: Span;
  /** Maps `text` to the file (see Run); every character of `text` that the file holds verbatim is in a run. */
  runs: Run[];
  /** 1-based line of `span.start`, for messages. */
  line: number;
  /** Headings: 1 is the top level, 6 the deepest. Questions may carry the level of the heading they were. */
  level?: number;
  /** Items: how they are numbered and how deep they sit. */
  marker?: Marker;
  /**
   * A leading label, removed from `text`: `客服电话` of "客服电话：95xxx", `语音引导` of "**语音引导**——…", `温馨提示`
   * of a note. Its span points at the label's own characters.
   */
  label?: { text: string; span: Span };
  /** Rows: the cells, each with its own text and span. */
  cells?: { text: string; span: Span }[];
  /** True for a table's header row. */
  header?: boolean;
  links?: Link[];
  /** Values a structured source states for this block's entry (CSV/JSON columns, front matter), verbatim. */
  hints?: { category?: string; provider?: string };
  /**
   * What the source writes before `text` and a reader still sees, markup removed: list marker, label and their
   * separators (`1. `, `第三步：`, `• 在线聊天：`, `一、`). Answers show `prefix + text`, so a line reads as written.
   * Structural labels (问：, A1, 【答】) are not part of it, nor is a number the format draws without writing it
   * (an HTML `<li>`, an element of a JSON list): the steps carry that order. Absent when nothing stands before it.
   */
  prefix?: string;
  /** What the block is to the article as a whole; set by the shared pass in article-roles.ts, never by adapters. */
  role?: BlockRole;
}

export type BlockRole =
  /** The article's own title (the first heading, when more sections follow): no entry. */
  | 'title'
  /** Text before the first section, or under an 引言/前言 heading: an entry only when it says what the provider is. */
  | 'intro'
  /** A closing section or paragraph (结语, 综上所述 …): no entry. */
  | 'outro'
  /** A line repeated verbatim (a slogan, a site banner): no entry. */
  | 'tagline'
  /** A line that dates or versions the page (更新时间：2024-06-18, （2024年3月更新）): no entry. */
  | 'dateline'
  /** Running text cut off before its first sentence ends: no entry. */
  | 'fragment'
  /** A table of contents: a list repeating the section headings below it (and its 目录 heading): no entry. */
  | 'contents';

export interface ArticleModel {
  /** The file name under data/articles: the `doc` of every span the build ships. */
  doc: string;
  /** Path relative to the project, for messages. */
  path: string;
  format: SourceFormat;
  /** The stored file's text, exactly as decoded (every span indexes it). */
  text: string;
  /** The article's title when the source states one (front matter, `<title>`, a first top-level heading). */
  title?: string;
  /** Article-wide values a structured source states (front matter `provider:`, `category:`), verbatim. */
  hints?: { category?: string; provider?: string };
  blocks: Block[];
}

/** The file span of `text[a, b)` of a block: the first and last characters that come from the file. */
export function sourceSpan(block: Block, a: number, b: number): Span {
  let start = -1;
  let end = -1;
  for (const run of block.runs) {
    const lo = Math.max(a, run.at);
    const hi = Math.min(b, run.at + run.length);
    if (lo >= hi) continue;
    if (start === -1) start = run.from + (lo - run.at);
    end = run.from + (hi - run.at);
  }
  // Text the file does not hold verbatim (a decoded entity, a joined line break): the block's own span.
  return start === -1 ? { start: block.span.start, end: block.span.end } : { start, end };
}

/** What a reader sees of a block in an answer: its prefix and text, or a row's cells. */
export function shownText(block: Block): string {
  if (block.kind === 'row' && block.cells) return block.cells.map((c) => c.text).join(' | ');
  return (block.prefix ?? '') + block.text;
}
