/**
 * @module What a line of article text may start with besides its content: a list marker (1、 ① 第一步 Step 1 a. •)
 * or a label (问： 答： Q1. 温馨提示：). Adapters remove both from a block's `text`; the marker becomes `Block.marker`,
 * the label `Block.label` and, for 问/答/提示 labels, the block's kind.
 */
import type { MarkerKind } from '../article';

/** A leading list marker: its kind, its number, and how many characters it and the space after it take. */
export interface LineMarker {
  kind: MarkerKind;
  ordinal?: number;
  length: number;
}

const CJK_DIGITS = '〇一二三四五六七八九';

/** Value of a number written in digits (ASCII or full-width) or in Chinese numerals up to 99 (十二, 二十, 两). */
export function numberValue(s: string): number | undefined {
  const folded = s.normalize('NFKC');
  if (/^\d+$/.test(folded)) return Number(folded);
  const m = /^([一二三四五六七八九两兩])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || !s) return undefined;
  const digit = (c?: string) => (c ? CJK_DIGITS.indexOf(c.replace(/[两兩]/, '二')) : 0);
  // Without 十 only a single numeral is a number (一二 is not twelve).
  if (!m[2]) return m[3] ? undefined : digit(m[1]);
  return (m[1] ? digit(m[1]) : 1) * 10 + digit(m[3]);
}

const CN = '[一二三四五六七八九十两兩]{1,3}';
const DIGITS = '[0-9０-９]{1,2}';
/** What may follow a marker before the content: punctuation and spaces. */
const AFTER = '[\\s:：,，、.．)）\\-—]*';

/** Marker patterns in the order they are tried; group 1 (or 2) holds the number. */
const MARKERS: { kind: MarkerKind; re: RegExp; ordinal: (m: RegExpExecArray) => number | undefined }[] = [
  {
    kind: 'step',
    re: new RegExp(`^(?:第\\s*(${CN}|${DIGITS})\\s*步|步骤\\s*(${CN}|${DIGITS})(?![0-9０-９])|[Ss][Tt][Ee][Pp]\\s*(${DIGITS}))${AFTER}`),
    ordinal: (m) => numberValue(m[1] ?? m[2] ?? m[3]),
  },
  {
    kind: 'circled',
    re: new RegExp(`^([\\u2460-\\u2473\\u2776-\\u277f\\u24f5-\\u24fe])${AFTER}`),
    ordinal: (m) => circledValue(m[1].charCodeAt(0)),
  },
  {
    kind: 'decimal',
    // 1. 1、 1) 1） (1) （1） ⑴ ⒈; "1.5" and "2024年" are numbers, not markers.
    re: new RegExp(`^(?:[(（]\\s*(${DIGITS})\\s*[)）]|(${DIGITS})\\s*(?:[.．](?![0-9０-９])|[、)）])|([\\u2474-\\u249b]))${AFTER}`),
    ordinal: (m) => (m[3] ? parenthesizedValue(m[3].charCodeAt(0)) : numberValue(m[1] ?? m[2])),
  },
  {
    kind: 'cjk',
    re: new RegExp(`^(?:[(（]\\s*(${CN})\\s*[)）]|(${CN})\\s*[、.．])${AFTER}`),
    ordinal: (m) => numberValue(m[1] ?? m[2]),
  },
  {
    kind: 'letter',
    // a. A) (a); the letter must be followed by a space or non-Latin text, so "e.g." is not a marker.
    re: new RegExp(`^(?:[(（]([A-Za-z])[)）]|([A-Za-z])[.．)）](?=\\s|[^\\x00-\\x7f]))${AFTER}`),
    ordinal: (m) => (m[1] ?? m[2]).toLowerCase().charCodeAt(0) - 96,
  },
  {
    kind: 'bullet',
    // ASCII bullets need a space after them ("-5元" is a number); the typographic ones do not.
    re: /^(?:[-*+](?=\s)|[•·・▪■▶►▸★☆◆◇●○‣⁃])[\s:：]*/,
    ordinal: () => undefined,
  },
];

function circledValue(code: number): number {
  if (code >= 0x2460 && code <= 0x2473) return code - 0x2460 + 1; // ① … ⑳
  if (code >= 0x2776 && code <= 0x277f) return code - 0x2776 + 1; // ❶ … ❿
  return code - 0x24f5 + 1; // ⓵ … ⓾
}

function parenthesizedValue(code: number): number {
  return code <= 0x2487 ? code - 0x2474 + 1 : code - 0x2488 + 1; // ⑴ … ⒇, ⒈ … ⒛
}

/** The list marker `text` starts with, when what follows it is content (a bare "1." is not an item). */
export function leadingMarker(text: string): LineMarker | undefined {
  for (const { kind, re, ordinal } of MARKERS) {
    const m = re.exec(text);
    if (!m) continue;
    if (m[0].length >= text.length) return undefined;
    const n = ordinal(m);
    if (kind !== 'bullet' && (n === undefined || n < 1)) return undefined;
    return n === undefined ? { kind, length: m[0].length } : { kind, ordinal: n, length: m[0].length };
  }
  return undefined;
}

/** A chapter or section number before a heading's text: 第一章, 第2节, 第三部分. */
const CHAPTER = /^第\s*(?:[0-9０-９]{1,3}|[零〇一二三四五六七八九十百两]{1,4})\s*[章节節部分篇]\s*[:：、.．]?\s*/;

/** Length of a heading's own numbering (1. 一、 （二） ③ a. 第一章), or 0: the heading's text starts after it. */
export function headingNumberLength(text: string): number {
  const chapter = CHAPTER.exec(text);
  if (chapter && chapter[0].length < text.length) return chapter[0].length;
  const marker = leadingMarker(text);
  return marker && marker.kind !== 'bullet' && marker.kind !== 'step' ? marker.length : 0;
}

/** The role a leading label gives its line. */
export type LabelRole = 'question' | 'answer' | 'note';

/** A leading label: its role, where its own characters are, and where the content after it starts. */
export interface LineLabel {
  role: LabelRole;
  /** [start, end) of the label's own characters in the text (without brackets and colon). */
  start: number;
  end: number;
  /** Where the content after the label (and its brackets, colon and spaces) starts. */
  length: number;
}

/** Label words by role, in simplified script (labels are compared after the pipeline's normalization). */
const LABEL_WORDS: Record<LabelRole, readonly string[]> = {
  question: ['问', '问题', '提问', 'q', 'question'],
  answer: ['答', '答复', '回答', '解答', 'a', 'answer'],
  note: ['温馨提示', '温馨提醒', '友情提示', '特别提示', '特别提醒', '特别说明', '重要提示', '提示', '提醒', '注意', '注意事项', '小贴士', '贴士', '备注', 'tip', 'tips', 'note'],
};

/** 【问】 [答] 〖温馨提示〗: a label in brackets needs no colon. */
const BRACKETED = /^[【\[〖［]\s*([^\]】〗］\s]{1,6})\s*[】\]〗］][\s:：]*/;
/** 问： Q1： A: 温馨提示： — a label word, an optional number, a colon. */
const COLONED = /^([^\s:：,，。]{1,6}?)\s*([0-9０-９]{0,3})\s*[:：][\s]*/;
/** Q1. Q1、 问1、 — a numbered question or answer label without a colon. */
const NUMBERED = /^([QqAa问答問])\s*([0-9０-９]{1,3})\s*[.．、)）\s]\s*/;

/**
 * The label `text` starts with, if it is one of the known words (compared through `normalize`, so 溫馨提示 and
 * 問 are found too). `length` equals the text's length when nothing follows the label.
 */
export function leadingLabel(text: string, normalize: (s: string) => string): LineLabel | undefined {
  for (const re of [BRACKETED, COLONED, NUMBERED]) {
    const m = re.exec(text);
    if (!m) continue;
    const role = labelRole(normalize(m[1]).replace(/\s+/g, ''));
    if (!role) continue;
    // A number belongs to questions and answers (Q1：), never to a tip.
    if (m[2] && role === 'note') continue;
    const start = m.index + m[0].indexOf(m[1]);
    return { role, start, end: start + m[1].length, length: m[0].length };
  }
  return undefined;
}

function labelRole(word: string): LabelRole | undefined {
  for (const role of ['question', 'answer', 'note'] as const) if (LABEL_WORDS[role].includes(word)) return role;
  return undefined;
}

/** The role of a label found by other means (a bold lead-in in Markdown or HTML), if its word is a known one. */
export function labelWordRole(word: string, normalize: (s: string) => string): LabelRole | undefined {
  return labelRole(normalize(word).replace(/\s+/g, ''));
}

/** Longest name a plain label has; a longer lead-in before a colon is a clause. */
const MAX_NAME_LABEL = 12;
/** Punctuation that ends a clause or quotes: a lead-in holding one is not a name. */
const LABEL_BREAKERS = /[，,。；;！!？?“”"‘’「」()（）]/;

/**
 * A name before a colon that labels the rest of its line (客服电话：95017, 注册账户：填写手机号): short and not a clause.
 * A time (9:00) and a URL (https://) are not labels. Returns where the name ends and where the content starts.
 */
export function leadingNameLabel(text: string): { end: number; length: number } | undefined {
  const colon = text.search(/[:：]/);
  if (colon <= 0) return undefined;
  const name = text.slice(0, colon).trimEnd();
  const rest = text.slice(colon + 1);
  if (!name || name.length > MAX_NAME_LABEL || LABEL_BREAKERS.test(name) || !rest.trim()) return undefined;
  if ((/\d$/.test(name) && /^\d/.test(rest)) || rest.startsWith('//')) return undefined;
  return { end: name.length, length: colon + 1 + (rest.length - rest.trimStart().length) };
}
