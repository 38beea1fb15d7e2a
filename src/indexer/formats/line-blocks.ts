/**
 * @module Blocks from lines of text: a paragraph broken by line breaks, an answer field of a CSV or JSON export.
 * Each line's leading marker or label decides its block: a numbered or bulleted line is an item, a 温馨提示： line a
 * note, a 问： line a question, anything else running text. Shared by every adapter whose source has such lines.
 */
import type { BlockKind, Marker, Span } from '../article';
import { type Draft, type SourcedText, join, lines, slice, spanOf, trim } from './blocks';
import {
  BOLD_LABEL_SEPARATOR,
  type LineLabel,
  headingNumberLength,
  isBoldLabelName,
  labelWordRole,
  leadingLabel,
  leadingMarker,
  leadingNameLabel,
} from './markers';

export interface LineOptions {
  normalize: (s: string) => string;
  /** Nesting depth given to items (the depth of the list the lines sit in). */
  depth: number;
  /** Whether a 问： line is a question; false inside a structured answer, where only the question field is one. */
  questions: boolean;
  /** Inside a blockquote every line is a note (a caveat, never a step). */
  note: boolean;
  /**
   * Whether an unmarked line continues the block before it (a Markdown paragraph, whose line breaks are soft)
   * rather than being a block of its own (a line of an answer field or after a `<br>`).
   */
  continuation: boolean;
}

/** The blocks of `text`'s lines; `fallback` is the span of lines none of whose characters come from the file. */
export function lineDrafts(text: SourcedText, fallback: Span, options: LineOptions): Draft[] {
  const groups: SourcedText[][] = [];
  for (const line of lines(text)) {
    const starts = !options.continuation || groups.length === 0 || startsBlock(line.text, options);
    if (starts) groups.push([line]);
    else groups[groups.length - 1].push(line);
  }
  return groups.map((group) => groupDraft(group, fallback, options));
}

/** A line with a marker or a label of its own is a block of its own, even where lines otherwise continue. */
function startsBlock(line: string, options: LineOptions): boolean {
  return leadingMarker(line) !== undefined || leadingLabel(line, options.normalize) !== undefined || leadingNameLabel(line) !== undefined;
}

/** One block from a line and the lines that continue it. */
function groupDraft(group: SourcedText[], fallback: Span, options: LineOptions): Draft {
  const [first, ...rest] = group;
  const span = spanUnion(group) ?? fallback;
  const draft = lineDraft(first, span, options);
  if (rest.length === 0) return draft;
  return { ...draft, text: join([draft.text, ...rest], '\n') };
}

/** The file span from the first to the last verbatim character of the lines. */
export function spanUnion(parts: readonly SourcedText[]): Span | undefined {
  let span: Span | undefined;
  for (const part of parts) {
    const s = spanOf(part);
    if (!s) continue;
    span = span ? { start: Math.min(span.start, s.start), end: Math.max(span.end, s.end) } : s;
  }
  return span;
}

/** The block of one trimmed line: its label or marker removed from the text and recorded. */
export function lineDraft(line: SourcedText, span: Span, options: LineOptions): Draft {
  const label = leadingLabel(line.text, options.normalize);
  if (label && (label.role !== 'question' || options.questions)) return labelDraft(line, span, label, options);
  const marker = options.note ? undefined : leadingMarker(line.text);
  if (marker) {
    const ordinal = marker.ordinal === undefined ? {} : { ordinal: marker.ordinal };
    const item: Draft = { kind: 'item', text: trim(slice(line, marker.length)), span, marker: { kind: marker.kind, ...ordinal, depth: options.depth } };
    return withNameLabel(item);
  }
  return withNameLabel({ kind: options.note ? 'note' : 'paragraph', text: line, span });
}

/** The draft with a leading name label (客服电话：…) moved from its text to its label. */
export function withNameLabel(draft: Draft): Draft {
  const name = draft.label ? undefined : leadingNameLabel(draft.text.text);
  if (!name) return draft;
  return { ...draft, text: trim(slice(draft.text, name.length)), label: slice(draft.text, 0, name.end) };
}

const ROLE_KIND: Record<LineLabel['role'], BlockKind> = { question: 'question', answer: 'paragraph', note: 'note' };

/** A labelled line; a label with nothing after it keeps its text, as the reader sees only the label. */
function labelDraft(line: SourcedText, span: Span, label: LineLabel, options: LineOptions): Draft {
  const kind = options.note && label.role === 'answer' ? 'note' : ROLE_KIND[label.role];
  if (label.length >= line.text.length) return { kind, text: line, span };
  const draft: Draft = { kind, text: trim(slice(line, label.length)), span };
  // ※ and ⚠ mark a note without a word: nothing to keep as its label.
  if (label.end > label.start) draft.label = slice(line, label.start, label.end);
  return draft;
}

/**
 * A question as a structured source or a `<summary>` states it: its 问：/Q1. label and its own number are not part
 * of the question and are removed (the label is kept as `label`).
 */
export function questionDraft(text: SourcedText, fallback: Span, normalize: (s: string) => string): Draft {
  const all = lines(text);
  const span = spanUnion(all) ?? fallback;
  if (all.length === 0) return { kind: 'question', text, span };
  const first = all[0];
  const label = leadingLabel(first.text, normalize);
  let start = 0;
  let labelText: SourcedText | undefined;
  if (label?.role === 'question' && label.length < first.text.length) {
    start = label.length;
    labelText = slice(first, label.start, label.end);
  }
  const marker = leadingMarker(first.text.slice(start));
  if (marker && marker.kind !== 'bullet') start += marker.length;
  const head = trim(slice(first, start));
  const draft: Draft = { kind: 'question', text: join([head, ...all.slice(1)], '\n'), span };
  if (labelText) draft.label = labelText;
  return draft;
}

/**
 * A line opening with bold text that names what follows ("**检查网络**：…", "<b>温馨提示：</b>…"): the bold text
 * without its colon as the label, and the rest of the line.
 */
export function boldLabel(line: SourcedText, bold: string): { label: SourcedText; rest: SourcedText } | undefined {
  if (!bold || bold.length >= line.text.length || !line.text.startsWith(bold)) return undefined;
  const ownColon = /\s*[:：]\s*$/.exec(bold);
  const separator = BOLD_LABEL_SEPARATOR.exec(line.text.slice(bold.length));
  if (!ownColon && !separator) return undefined;
  const label = trim(slice(line, 0, ownColon ? ownColon.index : bold.length));
  if (!isBoldLabelName(label.text)) return undefined;
  const rest = trim(slice(line, bold.length + (separator?.[0].length ?? 0)));
  return rest.text ? { label, rest } : undefined;
}

/** The block of a line with a bold label: a tip word makes it a note, 问 a question, anything else running text. */
export function boldLabelDraft(label: SourcedText, rest: SourcedText, span: Span, options: LineOptions): Draft {
  const role = labelWordRole(label.text, options.normalize);
  const kind: BlockKind =
    options.note || role === 'note' ? 'note'
    : role === 'question' && options.questions ? 'question'
    : 'paragraph';
  return { kind, text: rest, span, label };
}

/** A wholly bold line longer than this is emphasis, not a sub-heading. */
const MAX_BOLD_HEADING = 40;

/**
 * The blocks of a paragraph of Markdown or HTML. A paragraph that is one short bold line is how editors write a
 * sub-heading (`subHeading` makes that block); one that opens with a bold label is labelled; otherwise its lines
 * are classified by their markers and labels.
 */
export function paragraphDrafts(
  text: SourcedText,
  span: Span,
  bold: string | undefined,
  options: LineOptions,
  subHeading: (line: SourcedText, span: Span) => Draft,
): Draft[] {
  const all = lines(text);
  if (all.length === 0) return [];
  const wholeBold = bold !== undefined && all.length === 1 && all[0].text === bold;
  if (wholeBold && bold.length <= MAX_BOLD_HEADING && !options.note && !leadingLabel(bold, options.normalize) && !/[:：]$/.test(bold))
    return [subHeading(all[0], spanUnion(all) ?? span)];
  const drafts = lineDrafts(text, span, options);
  const first = drafts[0];
  // A bold label separated by a dash (**语音引导**——…) is not found by the colon rules of lineDrafts.
  const labelled = bold && !first.label && first.kind !== 'item' ? boldLabel(first.text, bold) : undefined;
  if (labelled) drafts[0] = boldLabelDraft(labelled.label, labelled.rest, first.span, options);
  return drafts;
}

/**
 * A list item from its own text: the list's marker, unless the text opens with a numbering of its own (第一步, ①,
 * 1、), which then is the marker; a bold lead-in is the item's label (a step's title). Inside a quote it is a note.
 */
export function itemDraft(text: SourcedText, span: Span, marker: Marker, bold: string | undefined, options: LineOptions): Draft {
  if (options.note) return { kind: 'note', text, span };
  const draft: Draft = { kind: 'item', text, span, marker };
  const own = leadingMarker(text.text);
  if (own && own.kind !== 'bullet') {
    draft.text = trim(slice(text, own.length));
    draft.marker = { kind: own.kind, ...(own.ordinal === undefined ? {} : { ordinal: own.ordinal }), depth: marker.depth };
  }
  const labelled = bold ? boldLabel(draft.text, bold) : undefined;
  if (labelled) {
    draft.text = labelled.rest;
    draft.label = labelled.label;
  }
  return withNameLabel(draft);
}

/**
 * A heading without its own numbering (## 2. 如何提现 reads 如何提现); one written as a labelled question
 * (### Q1：…？) is that question, at the heading's level.
 */
export function headingDraft(text: SourcedText, span: Span, level: number, normalize: (s: string) => string): Draft {
  const label = leadingLabel(text.text, normalize);
  if (label?.role === 'question' && label.length < text.text.length) return { ...questionDraft(text, span, normalize), span, level };
  return { kind: 'heading', text: trim(slice(text, headingNumberLength(text.text))), span, level };
}
