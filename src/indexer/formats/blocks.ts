/**
 * @module Building blocks of the article model from parsed sources: text that remembers where each character came
 * from (SourcedText), the alignment of a parser's decoded text with the raw source, line numbers, and the final
 * Block. Every adapter builds its blocks through these, so runs and spans obey one set of rules.
 */
import type { Block, BlockKind, Link, Marker, Run, Span } from '../article';
import { BuildError } from '../errors';
import type { AdapterContext, SourceFile } from './index';

/**
 * Text with runs that map its verbatim stretches to a source string (see Run). Characters the source does not
 * hold verbatim map nowhere; those decoded from a stretch of it (an entity, an escape, a line ending) remember
 * that stretch in `decoded`, so a span can still start or end on them.
 */
export interface SourcedText {
  text: string;
  runs: Run[];
  decoded?: Decoded[];
}

/** text[at, at + length) was decoded from source[start, end). */
export interface Decoded {
  at: number;
  length: number;
  start: number;
  end: number;
}

export const EMPTY: SourcedText = { text: '', runs: [] };

/** `source[from, to)`, every character verbatim. */
export function verbatim(source: string, from: number, to: number): SourcedText {
  return to > from ? { text: source.slice(from, to), runs: [{ at: 0, from, length: to - from }] } : EMPTY;
}

/** Text the source does not hold verbatim: a joining line break; with `from`, what was decoded from source[from, to). */
export function synthetic(text: string, from?: number, to?: number): SourcedText {
  if (from === undefined || to === undefined || !text) return { text, runs: [] };
  return { text, runs: [], decoded: [{ at: 0, length: text.length, start: from, end: to }] };
}

/** The parts one after another; runs that continue each other in the source merge into one. */
export function concat(parts: readonly SourcedText[]): SourcedText {
  let text = '';
  const runs: Run[] = [];
  const decoded: Decoded[] = [];
  for (const part of parts) {
    for (const run of part.runs) pushRun(runs, run.at + text.length, run.from, run.length);
    for (const d of part.decoded ?? []) decoded.push({ ...d, at: d.at + text.length });
    text += part.text;
  }
  return decoded.length ? { text, runs, decoded } : { text, runs };
}

/** The parts joined by `separator`, which maps nowhere. */
export function join(parts: readonly SourcedText[], separator: string): SourcedText {
  return concat(parts.flatMap((part, i) => (i === 0 ? [part] : [synthetic(separator), part])));
}

function pushRun(runs: Run[], at: number, from: number, length: number): void {
  if (length <= 0) return;
  const last = runs[runs.length - 1];
  if (last && last.at + last.length === at && last.from + last.length === from) last.length += length;
  else runs.push({ at, from, length });
}

/** `st.text[a, b)` with the runs that cover it (a decoded stretch cut by the slice keeps its whole source). */
export function slice(st: SourcedText, a: number, b = st.text.length): SourcedText {
  if (a <= 0 && b >= st.text.length) return st;
  const runs: Run[] = [];
  for (const run of st.runs) {
    const lo = Math.max(a, run.at);
    const hi = Math.min(b, run.at + run.length);
    if (lo < hi) runs.push({ at: lo - a, from: run.from + (lo - run.at), length: hi - lo });
  }
  const decoded: Decoded[] = [];
  for (const d of st.decoded ?? []) {
    const lo = Math.max(a, d.at);
    const hi = Math.min(b, d.at + d.length);
    if (lo < hi) decoded.push({ at: lo - a, length: hi - lo, start: d.start, end: d.end });
  }
  const text = st.text.slice(a, b);
  return decoded.length ? { text, runs, decoded } : { text, runs };
}

/** Without leading and trailing white space (as String.prototype.trim: ASCII, no-break and ideographic spaces). */
export function trim(st: SourcedText): SourcedText {
  const start = st.text.length - st.text.trimStart().length;
  const end = st.text.trimEnd().length;
  return start >= end ? EMPTY : slice(st, start, end);
}

/** The lines of `st` (split at '\n'), each trimmed; blank lines are left out. */
export function lines(st: SourcedText): SourcedText[] {
  const out: SourcedText[] = [];
  let start = 0;
  for (;;) {
    const end = st.text.indexOf('\n', start);
    const line = trim(slice(st, start, end === -1 ? st.text.length : end));
    if (line.text) out.push(line);
    if (end === -1) return out;
    start = end + 1;
  }
}

const COLLAPSIBLE = /[ \t\n\f\r]+/g;

/**
 * White space collapsed as a browser renders it: each stretch of spaces, tabs and line breaks becomes one space
 * (mapped to the file when the stretch starts with a space). No-break and ideographic spaces are kept.
 */
export function collapseWhitespace(st: SourcedText): SourcedText {
  const parts: SourcedText[] = [];
  let last = 0;
  for (const m of st.text.matchAll(COLLAPSIBLE)) {
    parts.push(slice(st, last, m.index));
    parts.push(m[0][0] === ' ' ? slice(st, m.index, m.index + 1) : synthetic(' '));
    last = m.index + m[0].length;
  }
  parts.push(slice(st, last));
  return concat(parts);
}

/** The source span `st` was read from (its first to its last character that maps there), if any does. */
export function spanOf(st: SourcedText): Span | undefined {
  let start = Infinity;
  let end = -Infinity;
  for (const run of st.runs) {
    start = Math.min(start, run.from);
    end = Math.max(end, run.from + run.length);
  }
  for (const d of st.decoded ?? []) {
    start = Math.min(start, d.start);
    end = Math.max(end, d.end);
  }
  return end > start ? { start, end } : undefined;
}

/**
 * `st`, whose offsets point into an inner string, carried through `outer` (that inner string read from the file):
 * how text parsed out of a decoded value (a CSV field, a JSON string) maps to the file the value was read from.
 * Inner characters that the value itself decoded (an escaped quote) become decoded characters of the file.
 */
export function compose(st: SourcedText, outer: SourcedText): SourcedText {
  const runs: Run[] = [];
  const decoded: Decoded[] = [];
  for (const run of st.runs) {
    let at = run.at;
    for (const o of outer.runs) {
      const lo = Math.max(run.from, o.at);
      const hi = Math.min(run.from + run.length, o.at + o.length);
      if (lo >= hi) continue;
      const textAt = run.at + (lo - run.from);
      if (textAt > at) decoded.push(...carried(at, textAt - at, run.from + (at - run.at), outer));
      pushRun(runs, textAt, o.from + (lo - o.at), hi - lo);
      at = textAt + (hi - lo);
    }
    if (at < run.at + run.length) decoded.push(...carried(at, run.at + run.length - at, run.from + (at - run.at), outer));
  }
  for (const d of st.decoded ?? []) decoded.push(...carried(d.at, d.length, d.start, outer, d.end));
  decoded.sort((x, y) => x.at - y.at);
  return decoded.length ? { text: st.text, runs, decoded } : { text: st.text, runs };
}

/** A decoded stretch of text read from [start, end) of the inner string, with that range carried to the file. */
function carried(at: number, length: number, start: number, outer: SourcedText, end = start + length): Decoded[] {
  const s = mapStart(outer, start);
  const e = mapEnd(outer, end);
  return s !== undefined && e !== undefined && e > s ? [{ at, length, start: s, end: e }] : [];
}

/** The inner string's pieces that map to the file (verbatim runs and decoded stretches), in text order. */
function pieces(outer: SourcedText): { at: number; length: number; start: number; end: number; verbatim: boolean }[] {
  return [
    ...outer.runs.map((r) => ({ at: r.at, length: r.length, start: r.from, end: r.from + r.length, verbatim: true })),
    ...(outer.decoded ?? []).map((d) => ({ ...d, verbatim: false })),
  ].sort((x, y) => x.at - y.at);
}

/** File offset where the inner string's character at `p` (or the first one after it that maps) starts. */
function mapStart(outer: SourcedText, p: number): number | undefined {
  for (const piece of pieces(outer))
    if (piece.at + piece.length > p) return piece.verbatim ? piece.start + Math.max(0, p - piece.at) : piece.start;
  return undefined;
}

/** File offset where the inner string's character before `p` (or the last one before it that maps) ends. */
function mapEnd(outer: SourcedText, p: number): number | undefined {
  const all = pieces(outer);
  for (let k = all.length - 1; k >= 0; k--) {
    const piece = all[k];
    if (piece.at < p) return piece.verbatim ? piece.start + Math.min(piece.length, p - piece.at) : piece.end;
  }
  return undefined;
}

/** An HTML character reference as the tokenizer reads one (named, decimal or hexadecimal; `;` optional). */
const CHARACTER_REFERENCE = /&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)/y;

/**
 * Maps `value`, the text a parser decoded from `source[from, to)`, back onto that source. The parser drops
 * characters (markup, backslash escapes, line prefixes of quotes and lists) and replaces a few (character
 * references, line endings); every other character of `value` is found, in order, in the source. Characters
 * matched to an identical source character are verbatim; a decoded reference and a line ending that is not a bare
 * '\n' map nowhere. `decode` decodes one character reference as the parser did (absent: the parser decodes none).
 * Line endings in `value` become '\n'.
 */
export function align(source: string, from: number, to: number, value: string, decode?: (reference: string) => string): SourcedText {
  const text = value.replace(/\r\n?/g, '\n');
  const parts: SourcedText[] = [];
  let i = from;
  let j = 0;
  while (j < text.length) {
    const c = text[j];
    if (i >= to) {
      parts.push(synthetic(text.slice(j)));
      break;
    }
    const r = source[i];
    if (r === '&' && decode) {
      CHARACTER_REFERENCE.lastIndex = i;
      const reference = CHARACTER_REFERENCE.exec(source)?.[0];
      const decoded = reference && i + reference.length <= to ? decode(reference) : undefined;
      if (reference && decoded !== undefined && decoded !== reference && text.startsWith(decoded, j)) {
        parts.push(synthetic(decoded, i, i + reference.length));
        i += reference.length;
        j += decoded.length;
        continue;
      }
    }
    if (c === '\n' && r === '\r') {
      // CRLF: the '\n' of the pair is the verbatim one; a lone CR maps nowhere.
      if (source[i + 1] === '\n' && i + 1 < to) i++;
      else {
        parts.push(synthetic('\n', i, i + 1));
        i++;
        j++;
      }
      continue;
    }
    if (r === c) {
      parts.push(verbatim(source, i, i + 1));
      i++;
      j++;
      continue;
    }
    // Source the parser did not carry into the value: skip to the next occurrence of the character, or, when it
    // is not there, the character was produced by the parser and maps nowhere.
    const next = c === '\n' ? nextLineEnd(source, i, to) : source.indexOf(c, i);
    if (next === -1 || next >= to) {
      parts.push(synthetic(c));
      j++;
    } else i = next;
  }
  return concat(parts);
}

function nextLineEnd(source: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (source[i] === '\n' || source[i] === '\r') return i;
  return -1;
}

/** 1-based line numbers of offsets; CRLF, LF and a lone CR each end a line. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
  }

  /** The line `offset` is on. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** Length of a leading byte order mark (the stored text keeps it; every offset counts it). */
export function bomLength(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** Throws the 'no content' error for a file that holds nothing but white space (and a BOM). */
export function requireContent(file: SourceFile): void {
  if (!file.text.slice(bomLength(file.text)).trim()) throw new BuildError(file.path, 1, 'no content: the file is empty or blank');
}

/** A block as an adapter assembles it: text still carrying its runs, everything else as in Block. */
export interface Draft {
  kind: BlockKind;
  text: SourcedText;
  span: Span;
  level?: number;
  marker?: Marker;
  label?: SourcedText;
  cells?: { text: SourcedText; span: Span }[];
  header?: boolean;
  links?: Link[];
  hints?: { category?: string; provider?: string };
  /** What a reader sees before the text (see Block.prefix), already as shown. */
  prefix?: string;
}

/** The finished block: `norm` from the pipeline's normalizer, `line` from the span's start. */
export function toBlock(draft: Draft, lineIndex: LineIndex, context: AdapterContext): Block {
  const block: Block = {
    kind: draft.kind,
    text: draft.text.text,
    norm: context.normalize(draft.text.text),
    span: draft.span,
    runs: draft.text.runs,
    line: lineIndex.lineOf(draft.span.start),
  };
  if (draft.level !== undefined) block.level = draft.level;
  if (draft.marker) block.marker = draft.marker;
  // A label none of whose characters maps to the file gets the block's span, as sourceSpan does for such text.
  if (draft.label) block.label = { text: draft.label.text, span: spanOf(draft.label) ?? block.span };
  if (draft.cells) block.cells = draft.cells.map((cell) => ({ text: cell.text.text, span: cell.span }));
  if (draft.header) block.header = true;
  if (draft.links?.length) block.links = draft.links;
  if (draft.hints && (draft.hints.category !== undefined || draft.hints.provider !== undefined)) block.hints = draft.hints;
  if (draft.prefix) block.prefix = draft.prefix;
  return block;
}

/**
 * A draft whose offsets point into a decoded value (HTML inside a CSV field or a JSON string) carried to the file
 * through the value's own mapping; a span whose characters map nowhere becomes `fallback`, the value's span.
 */
export function relocate(draft: Draft, value: SourcedText, fallback: Span): Draft {
  const span = (s: Span): Span => {
    const start = mapStart(value, s.start);
    const end = mapEnd(value, s.end);
    return start !== undefined && end !== undefined && end > start ? { start, end } : fallback;
  };
  return {
    ...draft,
    text: compose(draft.text, value),
    span: span(draft.span),
    label: draft.label && compose(draft.label, value),
    cells: draft.cells?.map((cell) => ({ text: compose(cell.text, value), span: span(cell.span) })),
    links: draft.links?.map((link) => ({ ...link, span: span(link.span) })),
  };
}

/** Gives each link to the draft whose span it overlaps (the first draft when none does) and returns the drafts. */
export function attachLinks(drafts: Draft[], links: readonly Link[]): Draft[] {
  for (const link of links) {
    const owner = drafts.find((d) => link.span.start < d.span.end && d.span.start < link.span.end) ?? drafts[0];
    if (owner) (owner.links ??= []).push(link);
  }
  return drafts;
}
