/**
 * @module Blocks from lines of text: a paragraph broken by line breaks, an answer field of a CSV or JSON export.
 * Each line's leading marker or label decides its block: a numbered or bulleted line is an item, a 温馨提示： line a
 * note, a 问： line a question, anything else running text. Shared by every adapter whose source has such lines.
 */
import type { BlockKind, Marker, Span } from '../article';
import { endsAsQuestion, isQuestionLine } from '../article-roles';
import { type Draft, EMPTY, type SourcedText, join, lines, slice, spanOf, trim } from './blocks';
import {
  BOLD_LABEL_SEPARATOR,
  type LineLabel,
  type LineMarker,
  headingNumberLength,
  isBoldLabelName,
  labelWordRole,
  leadingLabel,
  leadingMarker,
  leadingNameLabel,
  markerText,
  shownPrefix,
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
  return groups.flatMap((group) => groupDraft(group, fallback, options) ?? []);
}

/** A line with a marker or a label of its own is a block of its own, even where lines otherwise continue. */
function startsBlock(line: string, options: LineOptions): boolean {
  return leadingMarker(line) !== undefined || leadingLabel(line, options.normalize) !== undefined || leadingNameLabel(line) !== undefined;
}

/** One block from a line and the lines that continue it; a bare 问：/答： line gives none of its own. */
function groupDraft(group: SourcedText[], fallback: Span, options: LineOptions): Draft | undefined {
  const [first, ...rest] = group;
  const span = spanUnion(group) ?? fallback;
  const draft = lineDraft(first, span, options);
  if (!draft) return rest.length ? groupDraft(rest, fallback, options) : undefined;
  if (rest.length === 0) return draft;
  return { ...draft, text: join([draft.text, ...rest].filter((t) => t.text), '\n') };
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

/**
 * The block of one trimmed line: its label or marker removed from the text and recorded, what a reader sees of
 * them kept as the prefix. Undefined for a line that is nothing but a 问： or 答： label.
 */
export function lineDraft(line: SourcedText, span: Span, options: LineOptions): Draft | undefined {
  const label = leadingLabel(line.text, options.normalize);
  if (label && (label.role !== 'question' || options.questions)) return labelDraft(line, span, label, options);
  const marker = options.note ? undefined : leadingMarker(line.text);
  const start = marker?.length ?? 0;
  const draft: Draft = { kind: marker ? 'item' : options.note ? 'note' : 'paragraph', text: trim(slice(line, start)), span };
  if (marker) draft.marker = { kind: marker.kind, ...ordinalOf(marker), depth: options.depth, text: markerText(line.text, marker) };
  return withNameLabel(draft, line.text.slice(0, start));
}

function ordinalOf(marker: LineMarker): { ordinal?: number } {
  return marker.ordinal === undefined ? {} : { ordinal: marker.ordinal };
}

/**
 * The draft with a leading name label (客服电话：…) moved from its text to its label; `written` is what the source
 * writes before the draft's text, which with the label and its colon is what the reader sees before the rest.
 */
export function withNameLabel(draft: Draft, written: string): Draft {
  const name = draft.label ? undefined : leadingNameLabel(draft.text.text);
  if (!name) return { ...draft, prefix: shownPrefix(written) };
  const shown = written + draft.text.text.slice(0, name.length);
  return { ...draft, text: trim(slice(draft.text, name.length)), label: slice(draft.text, 0, name.end), prefix: shownPrefix(shown) };
}

const ROLE_KIND: Record<LineLabel['role'], BlockKind> = { question: 'question', answer: 'paragraph', note: 'note' };

/**
 * A labelled line. A tip's label is shown (温馨提示：…) and stays when nothing follows it, as a note that opens
 * what comes next; a 问：/答： label is structure, not shown, and a line of nothing else gives no block.
 */
function labelDraft(line: SourcedText, span: Span, label: LineLabel, options: LineOptions): Draft | undefined {
  const kind = options.note && label.role === 'answer' ? 'note' : ROLE_KIND[label.role];
  const shown = kind === 'note';
  if (label.length >= line.text.length && !shown) return undefined;
  const draft: Draft = { kind, text: label.length >= line.text.length ? EMPTY : trim(slice(line, label.length)), span };
  // ※ and ⚠ mark a note without a word: nothing to keep as its label.
  if (label.end > label.start) draft.label = slice(line, label.start, label.end);
  if (shown) draft.prefix = shownPrefix(line.text.slice(0, label.length));
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
  const labelEnd = start;
  const marker = leadingMarker(first.text.slice(start));
  if (marker && marker.kind !== 'bullet') start += marker.length;
  const head = trim(slice(first, start));
  const draft: Draft = { kind: 'question', text: join([head, ...all.slice(1)], '\n'), span };
  if (labelText) draft.label = labelText;
  const numbering = shownPrefix(first.text.slice(labelEnd, start), true);
  if (numbering) draft.prefix = numbering;
  return draft;
}

/** A bold label, the text it labels, and what the source writes before that text (label and separator). */
export interface BoldLabel {
  label: SourcedText;
  rest: SourcedText;
  written: string;
}

/**
 * A line opening with bold text that names what follows ("**检查网络**：…", "<b>温馨提示：</b>…"): the bold text
 * without its colon as the label, and the rest of the line.
 */
export function boldLabel(line: SourcedText, bold: string): BoldLabel | undefined {
  if (!bold || bold.length >= line.text.length || !line.text.startsWith(bold)) return undefined;
  const ownColon = /\s*[:：]\s*$/.exec(bold);
  const separator = BOLD_LABEL_SEPARATOR.exec(line.text.slice(bold.length));
  if (!ownColon && !separator) return undefined;
  const label = trim(slice(line, 0, ownColon ? ownColon.index : bold.length));
  if (!isBoldLabelName(label.text)) return undefined;
  const restStart = bold.length + (separator?.[0].length ?? 0);
  const rest = trim(slice(line, restStart));
  return rest.text ? { label, rest, written: line.text.slice(0, restStart) } : undefined;
}

/**
 * The block of a line with a bold label: a tip word makes it a note, 问 a question, anything else running text.
 * The label is shown before the text unless it is a 问/答 label, which is structure.
 */
export function boldLabelDraft(labelled: BoldLabel, span: Span, options: LineOptions): Draft {
  const { label, rest, written } = labelled;
  const role = labelWordRole(label.text, options.normalize);
  const kind: BlockKind =
    options.note || role === 'note' ? 'note'
    : role === 'question' && options.questions ? 'question'
    : 'paragraph';
  const draft: Draft = { kind, text: rest, span, label };
  if (role !== 'question' && role !== 'answer') draft.prefix = shownPrefix(written);
  return draft;
}

/** A wholly bold line longer than this is emphasis, not a sub-heading. */
const MAX_BOLD_HEADING = 40;

/** Whether a wholly bold line is how an editor writes a sub-heading: short, and not a label (温馨提示：) or lead-in. */
function isBoldHeading(bold: string, options: LineOptions): boolean {
  return bold.length <= MAX_BOLD_HEADING && !options.note && !leadingLabel(bold, options.normalize) && !/[:：]$/.test(bold);
}

/**
 * A first line that is a bold question with its answer on the lines after it (**如何注销账户？** / 进入设置…, or
 * <b>1、如何充值？</b><br>打开首页…), or in blocks that follow (`followed`: a list nested under it): the question
 * stands apart from its answer, as it would on a line of its own.
 */
function boldQuestionFirst(all: SourcedText[], bold: string | undefined, options: LineOptions, followed = false): boolean {
  if (bold === undefined || all.length === 0 || (all.length === 1 && !followed)) return false;
  return all[0].text === bold && options.questions && endsAsQuestion(bold) && isBoldHeading(bold, options);
}

/**
 * The blocks of a paragraph of Markdown or HTML. A paragraph that is one short bold line is how editors write a
 * sub-heading (`subHeading` makes that block), and so is one that is a question on its own, or a bold question
 * opening a paragraph that goes on with its answer; one that opens with a bold label is labelled; otherwise its
 * lines are classified by their markers and labels.
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
  if (wholeBold && isBoldHeading(bold, options)) return [subHeading(all[0], spanUnion(all) ?? span)];
  // A paragraph that is a question on its own (<p>如何注销账户？</p>) is one, as such a line of text is.
  if (all.length === 1 && options.questions && !options.note && isQuestionLine(all[0].text) && !leadingLabel(all[0].text, options.normalize))
    return [subHeading(all[0], spanUnion(all) ?? span)];
  if (boldQuestionFirst(all, bold, options)) {
    const first = spanUnion([all[0]]) ?? span;
    return [subHeading(all[0], { start: Math.min(span.start, first.start), end: first.end }), ...lineDrafts(join(all.slice(1), '\n'), span, options)];
  }
  const drafts = lineDrafts(text, span, options);
  const first = drafts[0];
  // A bold label separated by a dash (**语音引导**——…) is not found by the colon rules of lineDrafts.
  const labelled = bold && first && !first.label && first.kind !== 'item' ? boldLabel(first.text, bold) : undefined;
  if (labelled) drafts[0] = boldLabelDraft(labelled, first.span, options);
  return drafts;
}

/**
 * A list item from its own text: the list's marker, unless the text opens with a numbering of its own (第一步, ①,
 * 1、), which then is the marker; a bold lead-in is the item's label (a step's title). Inside a quote it is a note.
 * The list's marker is shown before the text where the source writes it (`marker.text`: Markdown's `1.`, `-`).
 */
export function itemDraft(text: SourcedText, span: Span, marker: Marker, bold: string | undefined, options: LineOptions): Draft {
  const listMarker = marker.text ? `${marker.text} ` : '';
  if (options.note) return { kind: 'note', text, span, prefix: shownPrefix(listMarker) };
  const leading = leadingMarker(text.text);
  const own = leading && leading.kind !== 'bullet' ? leading : undefined;
  const start = own?.length ?? 0;
  const itemMarker: Marker = own ? { kind: own.kind, ...ordinalOf(own), depth: marker.depth, text: markerText(text.text, own) } : marker;
  const draft: Draft = { kind: 'item', text: trim(slice(text, start)), span, marker: itemMarker };
  const written = listMarker + text.text.slice(0, start);
  const labelled = bold ? boldLabel(draft.text, bold) : undefined;
  if (labelled) return { ...draft, text: labelled.rest, label: labelled.label, prefix: shownPrefix(written + labelled.written) };
  return withNameLabel(draft, written);
}

/**
 * The blocks of a list item that asks a question: one that opens with a 问/Q or 答/A label (- Q：如何充值？ / A：…), or
 * with a bold question and goes on with its answer (1. **如何充值？** / 打开首页…, or a list of steps nested under it:
 * `followed`). A list of questions, not of steps: the question, numbered as the list numbers it, then the answer's
 * lines. Undefined for any other item.
 */
export function questionItemDrafts(
  text: SourcedText,
  span: Span,
  marker: Marker,
  bold: string | undefined,
  options: LineOptions,
  followed: boolean,
): Draft[] | undefined {
  const all = lines(text);
  const role = all.length > 0 && options.questions && !options.note ? leadingLabel(all[0].text, options.normalize)?.role : undefined;
  if (role === 'question' || role === 'answer') return labelledLines(text, span, options);
  if (!boldQuestionFirst(all, bold, options, followed)) return undefined;
  const first = spanUnion([all[0]]) ?? span;
  const question = questionDraft(all[0], first, options.normalize);
  question.span = { start: Math.min(span.start, first.start), end: first.end };
  if (!question.prefix && marker.text) question.prefix = marker.text;
  return [question, ...lineDrafts(join(all.slice(1), '\n'), span, options)];
}

/** The lines of a list item that opens with a 问/答 label, read as lines of questions and answers; its span is theirs. */
function labelledLines(text: SourcedText, span: Span, options: LineOptions): Draft[] {
  const drafts = lineDrafts(text, span, options);
  if (drafts.length > 0) drafts[0].span = { start: Math.min(span.start, drafts[0].span.start), end: drafts[0].span.end };
  return drafts;
}

/**
 * A heading without its own numbering (## 2. 如何提现 reads 如何提现); one written as a labelled question
 * (### Q1：…？) is that question, at the heading's level.
 */
export function headingDraft(text: SourcedText, span: Span, level: number, normalize: (s: string) => string): Draft {
  const label = leadingLabel(text.text, normalize);
  if (label?.role === 'question' && label.length < text.text.length) return { ...questionDraft(text, span, normalize), span, level };
  const numbering = headingNumberLength(text.text);
  const draft: Draft = { kind: 'heading', text: trim(slice(text, numbering)), span, level };
  if (numbering) draft.prefix = shownPrefix(text.text.slice(0, numbering), true);
  return draft;
}
