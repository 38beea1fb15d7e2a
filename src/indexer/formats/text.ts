/**
 * @module The .txt adapter: a plain-text article in any of the common shapes → the article model. Every line is
 * read on its own first (Markdown `#` headings, 问：/Q1/【答】 labels, 【section】 and ▍section titles, list markers of
 * every kind, 温馨提示 notes, label–colon lines, pipe tables), then numbered and decorated lines are settled with
 * their neighbours: a numbered line is a section heading or a question when its numbering runs through the article
 * with content between the numbers, and a list item when its numbers follow each other. Markers and labels are
 * read with the grammar every format shares (markers.ts); every word-based decision reads the folded line
 * (traditional → simplified, full width → ASCII).
 */
import { BuildError } from '../errors';
import type { ArticleModel, Block, Run, Span } from '../article';
import { CLAUSE_PUNCTUATION, endsWithPunctuation, HAS_WORDS, isQuestionLine } from '../article-roles';
import { LineIndex, toBlock } from './blocks';
import type { AdapterContext, FormatAdapter, SourceFile } from './index';
import {
  BOLD_LABEL_SEPARATOR,
  type LineMarker,
  headingNumberLength,
  isBoldLabelName,
  leadingLabel,
  leadingMarker,
  leadingNameLabel,
  shownPrefix,
} from './markers';
import { type FieldValue, recordRows, tableRecordDrafts } from './records';

export const textAdapter: FormatAdapter = {
  format: 'txt',
  extensions: ['txt'],
  parse: parseText,
};

// ---------------------------------------------------------------------------------------------------------
// Lines

interface Line {
  /** 1-based line number. */
  no: number;
  /** Content without indentation and trailing white space: [start, end) of the file. */
  start: number;
  end: number;
  /** Indentation width in columns (a tab is 4, an ideographic space 2). */
  indent: number;
  /** Blank lines directly before this one. */
  blankBefore: boolean;
}

/** Every non-blank line; "\r\n", "\r" and "\n" all end a line. */
function splitLines(file: string): Line[] {
  const lines: Line[] = [];
  let blank = false;
  const re = /\r\n|\r|\n/g;
  let pos = 0;
  for (let no = 1; pos <= file.length; no++) {
    re.lastIndex = pos;
    const m = re.exec(file);
    const stop = m ? m.index : file.length;
    let start = pos;
    let indent = 0;
    for (; start < stop && isSpace(file[start]); start++) indent += file[start] === '\t' ? 4 : file[start] === '\u3000' ? 2 : 1;
    let end = stop;
    while (end > start && isSpace(file[end - 1])) end--;
    if (start === end) blank = true;
    else {
      lines.push({ no, start, end, indent, blankBefore: blank });
      blank = false;
    }
    if (!m) break;
    pos = m.index + m[0].length;
  }
  return lines;
}

/** White space, including the BOM and the ideographic and no-break spaces editors leave in Chinese text. */
function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u3000' || ch === '\u00a0' || ch === '\ufeff' || ch === '\f' || ch === '\v';
}

// ---------------------------------------------------------------------------------------------------------
// Line shapes. List markers and labels are the grammar every format shares (markers.ts); what follows is what
// only a plain-text line can be: a Markdown heading, a 【section】 title, a rule, a pipe table row.

/** `## 标题`; a hashtag (#话题#) is not a heading. */
const MD_HEADING = /^(#{1,6})(?:\s+|(?=[^#\s].*[^#]$)|(?=[^#\s]$))/;
/** 【账户与登录】 alone on its line, or as a tag before the line's text; brackets around nothing but space are neither. */
const BRACKET = /^[【〖\[]\s*([^】〗\]\n\s][^】〗\]\n]{0,39}?)\s*[】〗\]]\s*/;
/** ----, ====, ***, ——— and the like: a separator, nothing to read. */
const RULE = /^(?:[-=*_~～—─━·•.]\s*){3,}$/;
const TABLE_ROW = /^\|.*\|$/;
const TABLE_SEPARATOR = /^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$/;

/** Longest title-like line without punctuation; longer unpunctuated lines are running text. */
const MAX_TITLE_CHARS = 24;
/** Bold text opening a line, in Markdown's markup (`**语音引导**——…`): a label when markers.ts says it names one. */
const BOLD_LEAD = /^\*\*([^*\n]+?)\*\*/;

function isTitleLike(s: string): boolean {
  return s.length > 0 && s.length <= MAX_TITLE_CHARS && HAS_WORDS.test(s) && !CLAUSE_PUNCTUATION.test(s) && !endsWithPunctuation(s);
}

// ---------------------------------------------------------------------------------------------------------
// Reading one line

type Shape =
  /** A Markdown heading. */
  | 'md'
  /** 问：… (a question by its label). */
  | 'asked'
  /** 答：… (answer text by its label). */
  | 'answer'
  /** 【section】 alone on its line. */
  | 'bracket'
  /** A line opening with a list marker (settled later: item, heading or question). */
  | 'marked'
  | 'note'
  | 'row'
  | 'plain';

interface Read {
  line: Line;
  shape: Shape;
  /** Where the visible text starts (after markers, labels and decorations) and ends. */
  body: number;
  bodyEnd: number;
  /** Where what a reader still sees starts (after structural labels and decorations, before numbering). */
  shown: number;
  mdLevel?: number;
  /** The line's list marker; `end` is where it and the space after it end in the file. */
  marker?: LineMarker & { end: number };
  /** A label the line states (note word, 【tag】); items and paragraphs find theirs from their text (makeBlock). */
  label?: Span;
  /** True when nothing but a label is on the line (答：, 温馨提示：). */
  labelOnly?: boolean;
  /** The plain text of the line from `body` (no ** markup), for decisions. */
  plain: string;
  /** Set when the line is settled. */
  kind?: Block['kind'] | 'skip';
  /** Heading style, for levels. */
  style?: string;
  /** Lines joined to this one (an item's wrapped text). */
  more: Line[];
  /** For a line joined to an item: that item. */
  joinedTo?: Read;
}

/** Reads what the start of a line says, on its own. */
function readLine(file: string, folded: string, line: Line): Read {
  const text = file.slice(line.start, line.end);
  const fold = folded.slice(line.start, line.end);
  const at = (n: number) => line.start + n;
  const read = (shape: Shape, body: number, extra: Partial<Read> = {}): Read => ({
    line,
    shape,
    body: at(body),
    bodyEnd: line.end,
    shown: at(body),
    plain: plainText(file.slice(at(body), line.end)),
    more: [],
    ...extra,
  });

  if (RULE.test(text)) return { ...read('plain', 0), kind: 'skip' };
  if (TABLE_ROW.test(text)) return read('row', 0);

  const md = MD_HEADING.exec(text);
  if (md && md[0].length < text.length) {
    const r = read('md', md[0].length, { mdLevel: md[1].length });
    // "### 4. 如何…？": the heading's own numbering is shown, never read as a list item.
    const numbering = headingNumberLength(text.slice(md[0].length));
    if (numbering) r.body = at(md[0].length + numbering);
    const closing = /\s#+$/.exec(text);
    if (closing) r.bodyEnd = at(closing.index);
    r.plain = plainText(file.slice(r.body, r.bodyEnd));
    return r;
  }

  // The line's folded text is its labels' (one folded character for each character of the file).
  const label = leadingLabel(text, () => fold);
  if (label) {
    const labelOnly = label.length === text.length;
    if (label.role === 'question') return read('asked', label.length, { labelOnly });
    if (label.role === 'answer') return read('answer', label.length, { labelOnly });
    const word = label.end > label.start ? { start: at(label.start), end: at(label.end) } : undefined;
    return { ...read('note', label.length, { label: word, labelOnly }), shown: at(0) };
  }

  const bracket = BRACKET.exec(text);
  if (bracket) {
    const label = { start: at(bracket[0].indexOf(bracket[1])), end: at(bracket[0].indexOf(bracket[1]) + bracket[1].length) };
    if (bracket[0].length === text.length) return read('bracket', label.start - line.start, { plain: plainText(bracket[1]), bodyEnd: label.end, label });
    // "【退款】如何申请退款？": the tag is a label; the rest is read as a line of its own.
    const rest = readLine(file, folded, { ...line, start: at(bracket[0].length) });
    return { ...rest, label: rest.label ?? label };
  }

  const marker = leadingMarker(text);
  if (marker) {
    // A number or bullet before a 问/答 label (1. 问：…, - Q：…) marks a question or answer, which the label names.
    const asked = leadingLabel(text.slice(marker.length), () => fold.slice(marker.length));
    if (asked?.role === 'question' || asked?.role === 'answer') {
      const end = marker.length + asked.length;
      return read(asked.role === 'question' ? 'asked' : 'answer', end, { labelOnly: end === text.length });
    }
    return read('marked', marker.length, { marker: { ...marker, end: at(marker.length) }, shown: at(0) });
  }
  return read('plain', 0);
}

/** Text without bold markup and surrounding white space. */
function plainText(s: string): string {
  return s.replace(/\*\*/g, '').trim();
}

// ---------------------------------------------------------------------------------------------------------
// Settling lines with their neighbours

/** Numbered lines that belong together: one style, one indentation, consecutive numbers. */
interface Numbering {
  members: number[];
}

/**
 * Decides every line's block kind. A numbering whose members each have content of their own before the next one
 * (1、如何…？ / answer / 2、…) numbers sections: its question-like members are questions, and its title-like ones
 * headings (a 1. line only when a paragraph follows it and no lead-in announced a list). A numbering whose members
 * follow one another is a list. Step words (第一步, Step 1) always number steps.
 */
function settle(reads: Read[]): void {
  for (const group of numberings(reads)) settleNumbering(reads, group);
  reads.forEach((r, i) => {
    if (r.kind) return;
    switch (r.shape) {
      case 'md':
      case 'bracket':
        r.kind = r.shape === 'md' && isQuestionLine(r.plain) ? 'question' : 'heading';
        r.style = r.shape === 'md' ? `md${r.mdLevel}` : 'bracket';
        break;
      case 'asked':
        r.kind = r.labelOnly ? 'skip' : 'question';
        r.style = 'asked';
        break;
      case 'answer':
        r.kind = r.labelOnly ? 'skip' : 'paragraph';
        break;
      case 'note':
        r.kind = 'note';
        break;
      case 'row':
        r.kind = 'row';
        break;
      case 'marked':
        r.kind = 'item';
        break;
      default:
        if (joinsItem(reads, i)) r.kind = 'skip';
        else if (isQuestionLine(r.plain)) [r.kind, r.style] = ['question', 'plain?'];
        else if (isTitleLike(r.plain) && !r.label) [r.kind, r.style] = ['heading', 'plain'];
        else r.kind = 'paragraph';
    }
  });
}

/** A line indented under an item, with no marker of its own, continues the item's text. */
function joinsItem(reads: Read[], i: number): boolean {
  const prev = reads[i - 1];
  const owner = prev?.joinedTo ?? prev;
  const r = reads[i];
  if (!owner || owner.kind !== 'item' || r.line.blankBefore || r.line.indent <= owner.line.indent) return false;
  owner.more.push(r.line);
  r.joinedTo = owner;
  return true;
}


/** Groups marked lines into numberings (and bullet runs), in order of first line. */
function numberings(reads: Read[]): Numbering[] {
  const open = new Map<string, { group: Numbering; last: number | undefined; at: number }>();
  const groups: Numbering[] = [];
  reads.forEach((r, i) => {
    if (r.shape !== 'marked' || !r.marker) return;
    const key = `${r.marker.style}@${r.line.indent}`;
    const prev = open.get(key);
    const { ordinal } = r.marker;
    // Bullets run while nothing but deeper lines comes between; numbers run while they count on.
    const continues = prev && (ordinal === undefined ? onlyDeeperBetween(reads, prev.at, i) : prev.last !== undefined && ordinal === prev.last + 1);
    if (continues) {
      prev!.group.members.push(i);
      prev!.last = ordinal;
      prev!.at = i;
    } else {
      const group = { members: [i] };
      groups.push(group);
      open.set(key, { group, last: ordinal, at: i });
    }
  });
  return groups;
}

/** True when every line strictly between a and b is indented deeper than line a. */
function onlyDeeperBetween(reads: Read[], a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (reads[k].line.indent <= reads[a].line.indent) return false;
  return true;
}

function settleNumbering(reads: Read[], group: Numbering): void {
  const { members } = group;
  const first = reads[members[0]];
  const kind = first.marker!.kind;
  const asItems = () => members.forEach((i) => (reads[i].kind = 'item'));
  if (kind === 'step') return asItems();
  const bullet = kind === 'bullet';
  if (bullet && !first.marker!.decorative) return asItems();
  // Each member needs content of its own: lines up to the next member (the last one: up to the next line as shallow).
  const ownContent = members.map((m, k) => contentAfter(reads, m, members[k + 1]));
  if (ownContent.some((c) => c.length === 0)) return asItems();
  const leadIn = members[0] > 0 && /[:：]$/.test(reads[members[0] - 1].plain) && reads[members[0] - 1].kind !== 'heading';
  for (const [k, i] of members.entries()) {
    const r = reads[i];
    const hasParagraph = ownContent[k].some((j) => reads[j].shape !== 'marked' || reads[j].line.indent <= r.line.indent);
    if (isQuestionLine(r.plain)) r.kind = 'question';
    else if (isTitleLike(r.plain) && !leadingNameLabel(r.plain) && (kind === 'cjk' || bullet || (hasParagraph && !leadIn))) r.kind = 'heading';
    else r.kind = 'item';
    if (r.kind !== 'item') r.style = r.marker!.style;
  }
  // Decorations are not shown; numbering is (一、 stays in front of the heading as its prefix).
  if (bullet) for (const i of members) if (reads[i].kind !== 'item') reads[i].shown = reads[i].body;
}

/** Indices of the lines after member `m` that belong to it: up to `next`, or for the last member up to a line as shallow as it is that starts something else. */
function contentAfter(reads: Read[], m: number, next: number | undefined): number[] {
  const out: number[] = [];
  const stop = next ?? reads.length;
  for (let j = m + 1; j < stop; j++) {
    const r = reads[j];
    if (next === undefined && (r.shape === 'md' || r.shape === 'bracket' || (r.shape === 'marked' && r.line.indent < reads[m].line.indent))) break;
    out.push(j);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Building blocks

/** Text of file[from, to) without ** markup, and the runs mapping it back to the file. */
function inlineText(file: string, from: number, to: number): { text: string; runs: Run[] } {
  while (from < to && isSpace(file[from])) from++;
  while (to > from && isSpace(file[to - 1])) to--;
  let text = '';
  const runs: Run[] = [];
  let k = from;
  while (k < to) {
    const bold = file.indexOf('**', k);
    const stop = bold === -1 || bold >= to ? to : bold;
    if (stop > k) {
      runs.push({ at: text.length, from: k, length: stop - k });
      text += file.slice(k, stop);
    }
    k = stop + 2;
  }
  // Markup removal can leave white space at either end ("** 标题 **").
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return lead || trail ? sliceRuns(text, runs, lead, text.length - trail) : { text, runs };
}

/** text[a, b) with its runs. */
function sliceRuns(text: string, runs: Run[], a: number, b: number): { text: string; runs: Run[] } {
  const out: Run[] = [];
  for (const run of runs) {
    const lo = Math.max(a, run.at);
    const hi = Math.min(b, run.at + run.length);
    if (lo < hi) out.push({ at: lo - a, from: run.from + (lo - run.at), length: hi - lo });
  }
  return { text: text.slice(a, b), runs: out };
}

/** `**name**` and a separator opening a line's text, when the name is a label: the name and where the text starts. */
function leadingBoldLabel(s: string): { name: string; length: number } | undefined {
  const bold = BOLD_LEAD.exec(s);
  const separator = bold && BOLD_LABEL_SEPARATOR.exec(s.slice(bold[0].length));
  if (!bold || !separator || !isBoldLabelName(bold[1])) return undefined;
  const length = bold[0].length + separator[0].length;
  return length < s.length ? { name: bold[1], length } : undefined;
}

function makeBlock(file: string, context: AdapterContext, r: Read, kind: Block['kind']): Block {
  const { line } = r;
  const lines = [line, ...r.more];
  // "**语音引导**——…": a bold label is read before the markup goes.
  const boldLabel = kind === 'item' || kind === 'paragraph' ? leadingBoldLabel(file.slice(r.body, r.bodyEnd)) : undefined;
  let { text, runs } = inlineText(file, r.body + (boldLabel?.length ?? 0), r.bodyEnd);
  for (const more of r.more) {
    const next = inlineText(file, more.start, more.end);
    runs = [...runs, ...next.runs.map((run) => ({ ...run, at: run.at + text.length + 1 }))];
    text = `${text}\n${next.text}`;
  }
  const block: Block = {
    kind,
    text,
    norm: '',
    span: { start: line.start, end: lines[lines.length - 1].end },
    runs,
    line: line.no,
  };
  if (r.marker && kind === 'item') {
    block.marker = { kind: r.marker.kind, depth: 0, text: plainText(file.slice(line.start, r.marker.end)) };
    if (r.marker.ordinal !== undefined) block.marker.ordinal = r.marker.ordinal;
  }
  if (r.label && kind !== 'question' && kind !== 'heading') block.label = { text: plainText(file.slice(r.label.start, r.label.end)), span: r.label };
  if (boldLabel) {
    const start = r.body + 2 + (boldLabel.name.length - boldLabel.name.trimStart().length);
    block.label = { text: boldLabel.name.trim(), span: { start, end: start + boldLabel.name.trim().length } };
  }
  // Items, paragraphs and notes may open with a label of their own (注册账户：…, **语音引导**——…).
  if (!block.label && (kind === 'item' || kind === 'paragraph' || kind === 'note')) {
    const own = leadingNameLabel(text);
    if (own) {
      const labelSpan = spanOf(runs, 0, own.end);
      if (labelSpan) block.label = { text: text.slice(0, own.end), span: labelSpan };
      ({ text, runs } = sliceRuns(text, runs, own.length, text.length));
      block.text = text;
      block.runs = runs;
    }
  }
  // What a reader sees before the text: numbering, a shown label and their separators, one space kept after them.
  const textStart = runs.length ? runs[0].from : r.bodyEnd;
  const prefix = shownPrefix(file.slice(Math.min(r.shown, textStart), textStart).replace(/\*\*/g, ''), kind === 'heading' || kind === 'question');
  if (prefix) block.prefix = prefix;
  block.norm = context.normalize(block.text);
  return block;
}

/** The file span of text[a, b) through runs, or undefined when no character of it is in the file. */
function spanOf(runs: Run[], a: number, b: number): Span | undefined {
  let start = -1;
  let end = -1;
  for (const run of runs) {
    const lo = Math.max(a, run.at);
    const hi = Math.min(b, run.at + run.length);
    if (lo >= hi) continue;
    if (start === -1) start = run.from + (lo - run.at);
    end = run.from + (hi - run.at);
  }
  return start === -1 ? undefined : { start, end };
}

/** The cells of a pipe table row (| a | b |), each with its text (bold markup removed) mapped to the file. */
function rowCells(file: string, r: Read): FieldValue[] {
  const { line } = r;
  const cells: FieldValue[] = [];
  let from = line.start + 1;
  for (const part of file.slice(line.start + 1, line.end - 1).split('|')) {
    const text = inlineText(file, from, from + part.length);
    const last = text.runs[text.runs.length - 1];
    cells.push({ text, span: last ? { start: text.runs[0].from, end: last.from + last.length } : { start: from, end: from } });
    from += part.length + 1;
  }
  return cells;
}

function makeRow(file: string, context: AdapterContext, r: Read, header: boolean): Block {
  const { line } = r;
  const cells = rowCells(file, r);
  let runs: Run[] = [];
  let text = '';
  for (const cell of cells) {
    if (text) text += ' | ';
    runs = [...runs, ...cell.text.runs.map((run) => ({ ...run, at: run.at + text.length }))];
    text += cell.text.text;
  }
  const shown = cells.map((cell) => ({ text: cell.text.text, span: cell.span }));
  return { kind: 'row', text, norm: context.normalize(text), span: { start: line.start, end: line.end }, runs, line: line.no, cells: shown, header };
}

/**
 * The rows of every pipe table that holds questions and answers (a header naming a question and an answer column,
 * or rows that each pair a question with its answer: see recordRows), each row as its record's blocks and a
 * header row as none. Other tables are left to be rows.
 */
function recordTables(file: string, context: AdapterContext, reads: Read[]): Map<Read, Block[]> {
  const out = new Map<Read, Block[]>();
  const lineIndex = new LineIndex(file);
  for (let i = 0; i < reads.length; ) {
    if (reads[i].kind !== 'row') {
      i++;
      continue;
    }
    // A table is a run of row lines (its |---| line among them); a blank line ends it.
    const table: Read[] = [];
    const inTable = (r: Read) => (r.kind === 'row' || (r.kind === 'skip' && r.shape === 'row')) && !(table.length > 0 && r.line.blankBefore);
    for (; i < reads.length && inTable(reads[i]); i++) if (reads[i].kind === 'row') table.push(reads[i]);
    const records = recordRows(
      table.map((read) => ({ read, cells: rowCells(file, read) })),
      context.normalize,
    );
    if (!records) continue;
    for (const r of table) out.set(r, []);
    for (const row of records.rows)
      out.set(row.read, tableRecordDrafts(row.cells, records.header, records.columns, context.normalize).map((draft) => toBlock(draft, lineIndex, context)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Levels and depths

/** Heading levels by the order in which heading styles first appear (the article's outline), deepest last. */
function assignLevels(reads: Read[], blocks: Map<Read, Block>): void {
  const order: string[] = [];
  for (const r of reads) {
    const block = blocks.get(r);
    if (!block || (block.kind !== 'heading' && block.kind !== 'question') || !r.style) continue;
    const style = r.style === 'plain?' ? 'plain' : r.style;
    if (!order.includes(style)) order.push(style);
    block.level = Math.min(6, order.indexOf(style) + 1);
  }
}

/** List depth: within a run of items, by indentation where it varies, else by the order marker styles appear in. */
function assignDepths(reads: Read[], blocks: Map<Read, Block>): void {
  let run: Read[] = [];
  const flush = () => {
    const indents = [...new Set(run.map((r) => r.line.indent))].sort((a, b) => a - b);
    const styles: string[] = [];
    for (const r of run) if (!styles.includes(r.marker!.style)) styles.push(r.marker!.style);
    for (const r of run) {
      const block = blocks.get(r)!;
      block.marker!.depth = indents.length > 1 ? indents.indexOf(r.line.indent) : styles.indexOf(r.marker!.style);
    }
    run = [];
  };
  for (const r of reads) {
    if (r.kind === 'skip' || !blocks.has(r)) continue;
    if (r.kind === 'item' && r.marker) run.push(r);
    else if (run.length) flush();
  }
  if (run.length) flush();
}

// ---------------------------------------------------------------------------------------------------------

function parseText(file: SourceFile, context: AdapterContext): ArticleModel {
  const text = file.text;
  if (!text.trim()) throw new BuildError(file.path, 1, 'empty article');
  const folded = context.normalize(text);
  const reads = splitLines(text).map((line) => readLine(text, folded, line));
  markSetextAndTables(reads);
  settle(reads);
  const records = recordTables(text, context, reads);
  const blocks = new Map<Read, Block>();
  reads.forEach((r, i) => {
    if (r.kind === 'skip' || !r.kind || records.has(r)) return;
    if (r.kind === 'row') {
      const next = reads[i + 1];
      blocks.set(r, makeRow(text, context, r, next?.kind === 'skip' && TABLE_SEPARATOR.test(text.slice(next.line.start, next.line.end))));
      return;
    }
    const block = makeBlock(text, context, r, r.kind);
    // Markup alone ("**", "## #") says nothing; a note may be its label alone (温馨提示：).
    if (block.text.trim() || (block.kind === 'note' && block.label)) blocks.set(r, block);
  });
  assignLevels(reads, blocks);
  assignDepths(reads, blocks);
  const ordered = reads.flatMap((r) => records.get(r) ?? (blocks.has(r) ? [blocks.get(r)!] : []));
  return { doc: file.doc, path: file.path, format: 'txt', text, blocks: ordered };
}

/** `标题` over `====` or `----` is a heading (Markdown's other heading form); a table's |---| line is skipped. */
function markSetextAndTables(reads: Read[]): void {
  reads.forEach((r, i) => {
    if (r.kind !== 'skip') return;
    const prev = reads[i - 1];
    const underline = r.plain.replace(/\s/g, '');
    const titled = prev && (isTitleLike(prev.plain) || isQuestionLine(prev.plain));
    if (titled && !r.line.blankBefore && prev.shape === 'plain' && /^(=+|-+)$/.test(underline)) {
      prev.shape = 'md';
      prev.mdLevel = underline[0] === '=' ? 1 : 2;
    }
  });
  for (const r of reads) if (r.shape === 'row' && TABLE_SEPARATOR.test(r.plain)) r.kind = 'skip';
}
