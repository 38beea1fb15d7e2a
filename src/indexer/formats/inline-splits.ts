/**
 * @module Structure written on one line, read once on the model of every format, so that a CSV field, a JSON string,
 * an HTML paragraph and a line of text read alike.
 *
 * An answer on its question's line ("问：如何充值？答：打开首页…", "Q: …? A: …", "问：怎么注册 答：…") is a block of
 * its own after the question. Steps written on one line ("1.打开首页 2.点击充值 3.输入金额", "①上传照片；②等待审核", "第一步：…；第二步：…"):
 * a paragraph whose text numbers steps one after another, or a list item whose text goes on with the next numbers
 * of its own list, becomes one item per step; the text before the first number (a lead-in, 请按以下步骤操作：) stays a
 * paragraph, and a remark after the last step's sentence (原手机号已停用的，请联系客服) one of its own.
 */
import type { ArticleModel, Block, Link, Marker, MarkerKind, Span } from '../article';
import { LineIndex, slice, spanOf, trim } from './blocks';
import type { AdapterContext } from './index';
import { type LineMarker, labelWordRole, leadingLabel, leadingMarker, markerText, shownPrefix } from './markers';

/** Numbered kinds whose markers count steps; bullets and letters inline are options or emphasis, not steps. */
const STEP_KINDS: ReadonlySet<MarkerKind> = new Set(['decimal', 'circled', 'step']);
/** What stands before a marker inside running text: a space or a mark that ends a clause ("…；2.点击"). */
const BOUNDARY = /[\s。；;，,、:：!！)）]/;
/** A character a marker can start with (a digit, a bracket, a glyph, 第, 步, Step): where to look for one. */
const MARKER_START = /[0-9０-９(（\u2460-\u2473\u2776-\u277f\u2780-\u2789\u24f5-\u24fe\u2474-\u249b第步Ss]/;
/** The end of a lead-in before the first step: a colon, or a whole sentence. */
const LEAD_IN_END = /[:：。；;!！]\s*$/;
const SENTENCE_END = /[。！？!?]/;
const QUESTION_MARK = /[?？]/;
/** How a label that needs no question mark before it ends: a colon or a closing bracket (答：, A:, 【答】). */
const CLOSED_LABEL = /[:：】\]〗」』]$/;

/** Cuts a block's text into blocks of their own (see splitBlock, splitAnswer), with the file's line numbers. */
interface Cutter {
  context: AdapterContext;
  lineOf(offset: number): number;
}

/** Splits, in every block of `model`, an answer off its question's line and steps written on one line. */
export function splitInline(model: ArticleModel, context: AdapterContext): void {
  let lineIndex: LineIndex | undefined;
  const cutter: Cutter = { context, lineOf: (offset) => (lineIndex ??= new LineIndex(model.text)).lineOf(offset) };
  model.blocks = model.blocks
    .flatMap((block) => splitAnswer(block, cutter) ?? [block])
    .flatMap((block) => {
      const chain = inlineChain(block, context);
      return chain ? splitBlock(block, chain, model.text, cutter) : [block];
    });
}

/** `block.text[from, to)`, trimmed, as a block of its own of `kind`; undefined when nothing is left. */
function cut(block: Block, from: number, to: number, kind: Block['kind'], cutter: Cutter, extra: Partial<Block> = {}): Block | undefined {
  const text = trim(slice({ text: block.text, runs: block.runs }, from, to));
  if (!text.text) return undefined;
  const span = spanOf(text) ?? block.span;
  return { kind, text: text.text, norm: cutter.context.normalize(text.text), span, runs: text.runs, line: cutter.lineOf(span.start), ...extra };
}

/**
 * The first and last of the pieces a block was cut into keep the block's own ends (markup, a label, a closing
 * quote its text leaves out), and each of its links goes to the piece it lies in.
 */
function keepEnds(block: Block, out: Block[], cutter: Cutter): Block[] {
  out[0].span = { start: Math.min(out[0].span.start, block.span.start), end: out[0].span.end };
  const tail = out[out.length - 1];
  tail.span = { start: tail.span.start, end: Math.max(tail.span.end, block.span.end) };
  for (const b of out) b.line = cutter.lineOf(b.span.start);
  for (const link of block.links ?? []) (ownerOf(out, link).links ??= []).push(link);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// An answer on its question's line

/**
 * A question block whose text goes on with an answer label (？答：…, ? A: …, or after a space 怎么注册 答：…, where the
 * label must end in a colon or bracket): the question, then the answer.
 */
function splitAnswer(block: Block, cutter: Cutter): Block[] | undefined {
  if (block.kind !== 'question') return undefined;
  const { text } = block;
  for (let i = 0; i < text.length - 1; i++) {
    const asked = QUESTION_MARK.test(text[i]);
    if (!asked && !/\s/.test(text[i])) continue;
    const start = i + 1 + (text.length - i - 1 - text.slice(i + 1).trimStart().length);
    const label = leadingLabel(text.slice(start), cutter.context.normalize);
    if (label?.role !== 'answer' || start + label.length >= text.length) continue;
    if (!asked && !CLOSED_LABEL.test(text.slice(start, start + label.length).trimEnd())) continue;
    const { marker, label: own, prefix, level, hints } = block;
    const question = cut(block, 0, i + 1, 'question', cutter, {
      ...(marker ? { marker } : {}),
      ...(own ? { label: own } : {}),
      ...(prefix ? { prefix } : {}),
      ...(level !== undefined ? { level } : {}),
      ...(hints ? { hints } : {}),
    })!;
    const word = spanOf(slice({ text, runs: block.runs }, start + label.start, start + label.end));
    const answer = cut(block, start + label.length, text.length, 'paragraph', cutter, word ? { label: { text: text.slice(start + label.start, start + label.end), span: word } } : {});
    return keepEnds(block, answer ? [question, answer] : [question], cutter);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Steps written on one line

interface Found {
  at: number;
  marker: LineMarker;
}

/** Markers of one style at positions of `text` where one may stand, in order (the first character is not looked at). */
function inlineMarkers(text: string): Found[] {
  const found: Found[] = [];
  for (let i = 1; i < text.length; i++) {
    if (!MARKER_START.test(text[i]) || !BOUNDARY.test(text[i - 1])) continue;
    const marker = leadingMarker(text.slice(i));
    if (marker && STEP_KINDS.has(marker.kind)) found.push({ at: i, marker });
  }
  return found;
}

/**
 * The markers a block's text numbers its steps with, in order, when it does: for a paragraph two or more counting
 * from 1, the first opening the text or following a lead-in; for an item, the numbers after its own. A paragraph of
 * caveats is not split, nor is a note.
 */
function inlineChain(block: Block, context: AdapterContext): Found[] | undefined {
  if (block.kind !== 'paragraph' && block.kind !== 'item') return undefined;
  // Caveats a tip label opens (温馨提示：1.… 2.…) are not steps, however numbered.
  if (block.label && labelWordRole(block.label.text, context.normalize) === 'note') return undefined;
  const { text } = block;
  let last: { ordinal: number; style: string };
  const chain: Found[] = [];
  if (block.kind === 'item') {
    const own = block.marker?.text ? leadingMarker(`${block.marker.text} …`) : undefined;
    if (!own || own.ordinal === undefined || !STEP_KINDS.has(own.kind)) return undefined;
    last = { ordinal: own.ordinal, style: own.style };
  } else {
    const opening = leadingMarker(text);
    const first =
      opening && opening.ordinal === 1 && STEP_KINDS.has(opening.kind)
        ? { at: 0, marker: opening }
        : inlineMarkers(text).find((f) => f.marker.ordinal === 1 && LEAD_IN_END.test(text.slice(0, f.at)));
    if (!first) return undefined;
    chain.push(first);
    last = { ordinal: 1, style: first.marker.style };
  }
  for (const f of inlineMarkers(text)) {
    if (f.at <= (chain[chain.length - 1]?.at ?? 0) || f.marker.style !== last.style || f.marker.ordinal !== last.ordinal + 1) continue;
    chain.push(f);
    last = { ordinal: f.marker.ordinal, style: f.marker.style };
  }
  // A paragraph's chain holds its first marker; an item's, only the numbers after its own.
  return chain.length >= (block.kind === 'item' ? 1 : 2) ? chain : undefined;
}

/** The block cut at its inline markers: lead-in (or the item's own step), one item per marker, a closing remark. */
function splitBlock(block: Block, chain: Found[], file: string, cutter: Cutter): Block[] {
  const depth = block.marker?.depth ?? 0;
  const out: Block[] = [];
  const push = (piece: Block | undefined) => piece && out.push(piece);
  const head = chain[0].at;
  if (head > 0) {
    // The lead-in, or the item's own first step: the block as it was, up to the first inline marker.
    const { marker, label, prefix } = block;
    push(cut(block, 0, head, block.kind, cutter, { ...(marker ? { marker } : {}), ...(label ? { label } : {}), ...(prefix ? { prefix } : {}) }));
  } else if (block.prefix) {
    out.push(leadInOfPrefix(block, file, cutter));
  }
  chain.forEach((f, k) => {
    const end = k + 1 < chain.length ? chain[k + 1].at : block.text.length;
    const written = block.text.slice(f.at, f.at + f.marker.length);
    const marker: Marker = { kind: f.marker.kind, depth, text: markerText(written, f.marker) };
    if (f.marker.ordinal !== undefined) marker.ordinal = f.marker.ordinal;
    const stepEnd = k + 1 === chain.length ? remarkStart(block.text, f.at + f.marker.length, end) : end;
    push(cut(block, f.at + f.marker.length, stepEnd, 'item', cutter, { marker, prefix: shownPrefix(written) }));
    if (stepEnd < end) push(cut(block, stepEnd, end, 'paragraph', cutter));
  });
  return keepEnds(block, out, cutter);
}

/** Where a remark after the last step's sentence starts (its first sentence end, when more text follows), else `end`. */
function remarkStart(text: string, from: number, end: number): number {
  for (let i = from; i < end - 1; i++) if (SENTENCE_END.test(text[i]) && text.slice(i + 1, end).trim()) return i + 1;
  return end;
}

/**
 * A lead-in the adapter read as the block's label (請依下列步驟辦理：１．…): a paragraph of its own, the prefix as
 * the reader sees it, mapped to the file where the file spells it so.
 */
function leadInOfPrefix(block: Block, file: string, cutter: Cutter): Block {
  const text = block.prefix!.trim();
  const at = file.indexOf(text, block.label?.span.start ?? block.span.start);
  const span: Span = at !== -1 && at + text.length <= block.span.end ? { start: at, end: at + text.length } : block.span;
  const runs = at === span.start && span !== block.span ? [{ at: 0, from: at, length: text.length }] : [];
  return { kind: 'paragraph', text, norm: cutter.context.normalize(text), span, runs, line: cutter.lineOf(span.start) };
}

/** The piece a link lies in (the first one when it lies in none). */
function ownerOf(blocks: Block[], link: Link): Block {
  return blocks.find((b) => link.span.start < b.span.end && b.span.start < link.span.end) ?? blocks[0];
}
