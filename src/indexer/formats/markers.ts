/**
 * @module What a line of article text may start with besides its content, for every format: a list marker (1、 ①
 * 第一步 Step 1 a. •), a label (问： 答： Q1. 温馨提示： ※) or a name before a colon (客服电话：). Adapters remove both
 * from a block's `text`: the marker becomes `Block.marker`, the label `Block.label` and, for 问/答/提示 labels, the
 * block's kind. Marker patterns read the raw line (① and 1. must stay apart); label words are compared on the
 * folded line (問 is 问, Ｑ is q, ： is :), whose offsets are the raw line's.
 */
import type { MarkerKind } from '../article';

// ---------------------------------------------------------------------------------------------------------
// Numbers

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

/** 1-based position of a numbered glyph: ① ❶ ➀ ⓵ ⑴ ⒈ ㈠. */
function glyphValue(glyph: string): number {
  const code = glyph.codePointAt(0)!;
  const ranges: [number, number][] = [[0x2460, 0x2473], [0x2776, 0x277f], [0x2780, 0x2789], [0x24f5, 0x24fe], [0x2474, 0x2487], [0x2488, 0x249b], [0x3220, 0x3229]];
  const [first] = ranges.find(([lo, hi]) => code >= lo && code <= hi)!;
  return code - first + 1;
}

// ---------------------------------------------------------------------------------------------------------
// List markers

const CJK_NUMBER = '[零〇一二三四五六七八九十百两兩]{1,4}';
const DIGITS = '[0-9０-９]{1,3}';

/** A leading list marker: its kind, its number, and how many characters it and the space after it take. */
export interface LineMarker {
  kind: MarkerKind;
  /** 1-based position for ordered kinds; absent for bullets. */
  ordinal?: number;
  length: number;
  /** How the marker is written (`1.`, `(一)`, `第n步`, a bullet's glyph): lines of one style number one list. */
  style: string;
  /** A glyph that also decorates section titles (▍ ■ ◆ ★): a lone one above its section is a heading's. */
  decorative?: boolean;
}

interface MarkerRule {
  kind: MarkerKind;
  style: string;
  /** Group 1 is the number or glyph. */
  re: RegExp;
  value: (token: string) => number | undefined;
  decorative?: boolean;
}

const none = () => undefined;
const letterValue = (token: string) => token.toLowerCase().charCodeAt(0) - 96;

/** Marker patterns, most specific first. */
const MARKER_RULES: MarkerRule[] = [
  { kind: 'step', style: '第n步', re: new RegExp(`^第\\s*(${DIGITS}|${CJK_NUMBER})\\s*步\\s*[:：、,，.．]?\\s*`), value: numberValue },
  { kind: 'step', style: '步骤n', re: new RegExp(`^(?:步骤|步驟)\\s*(${DIGITS}|${CJK_NUMBER})\\s*[:：、,，.．]?\\s*`), value: numberValue },
  { kind: 'step', style: 'step n', re: /^step\s*([0-9]{1,3})\s*[:：.．)）-]?\s*/i, value: numberValue },
  { kind: 'circled', style: '①', re: /^([\u2460-\u2473\u2776-\u277f\u2780-\u2789\u24f5-\u24fe])\s*/, value: glyphValue },
  { kind: 'decimal', style: '(1)', re: new RegExp(`^[(（]\\s*(${DIGITS})\\s*[)）]\\s*`), value: numberValue },
  { kind: 'decimal', style: '(1)', re: /^([\u2474-\u2487])\s*/, value: glyphValue },
  { kind: 'decimal', style: '1.', re: /^([\u2488-\u249b])\s*/, value: glyphValue },
  // "1.5%" and "10.00元" are numbers, not markers.
  { kind: 'decimal', style: '1.', re: new RegExp(`^(${DIGITS})\\s*[.．](?![0-9０-９])\\s*`), value: numberValue },
  { kind: 'decimal', style: '1、', re: new RegExp(`^(${DIGITS})\\s*、\\s*`), value: numberValue },
  { kind: 'decimal', style: '1)', re: new RegExp(`^(${DIGITS})\\s*[)）]\\s*`), value: numberValue },
  // Keycap emoji (1️⃣ 2️⃣, 🔟): a digit, an optional variation selector and the combining keycap.
  { kind: 'decimal', style: '1️⃣', re: /^([0-9]\ufe0f?\u20e3|\u{1f51f})\s*/u, value: (token) => (token === '\u{1f51f}' ? 10 : Number(token[0])) },
  { kind: 'cjk', style: '一、', re: new RegExp(`^(${CJK_NUMBER})\\s*[、.．]\\s*`), value: numberValue },
  { kind: 'cjk', style: '(一)', re: new RegExp(`^[(（]\\s*(${CJK_NUMBER})\\s*[)）]\\s*`), value: numberValue },
  { kind: 'cjk', style: '(一)', re: /^([\u3220-\u3229])\s*/, value: glyphValue },
  // "a. 检查" and "B) 确认"; an English "e.g." is not a marker (a letter must follow a space or leave ASCII).
  { kind: 'letter', style: 'a.', re: /^([a-zA-Z])\s*[.．)）](?=\s|[^\x00-\x7f])\s*/, value: letterValue },
  { kind: 'letter', style: '(a)', re: /^[(（]([a-zA-Z])[)）]\s*/, value: letterValue },
  // ASCII bullets need a space after them ("-5元" is a number); the typographic ones do not.
  { kind: 'bullet', style: '-', re: /^([-*+])\s+/, value: none },
  { kind: 'bullet', style: '•', re: /^([•·・▪▫◦‣⁃✓✔✅➤➢→⇒▸▹])\s*/, value: none },
  { kind: 'bullet', style: 'decor', re: /^([▍▌▎▋▊▉█■□◆◇★☆●○▶►◼◾❖✦✧〓▼▽♦❓❔])\ufe0f?\s*/, value: none, decorative: true },
];

/**
 * The list marker `text` starts with, when content follows it (a bare "1." is not an item) and its number reads
 * as one (一二、 does not). A bullet's style is its glyph, so - and • lists stay apart.
 */
export function leadingMarker(text: string): LineMarker | undefined {
  for (const rule of MARKER_RULES) {
    const m = rule.re.exec(text);
    if (!m || m[0].length >= text.length) continue;
    const ordinal = rule.value(m[1]);
    if (rule.kind !== 'bullet' && (ordinal === undefined || ordinal < 1)) continue;
    const marker: LineMarker = { kind: rule.kind, length: m[0].length, style: rule.kind === 'bullet' ? `${rule.style}${m[1]}` : rule.style };
    if (ordinal !== undefined) marker.ordinal = ordinal;
    if (rule.decorative) marker.decorative = true;
    return marker;
  }
  return undefined;
}

/** The marker as the source writes it, without the space after it (`1.`, `第三步：`, `①`, `•`). */
export function markerText(text: string, marker: LineMarker): string {
  return text.slice(0, marker.length).trim();
}

/**
 * What a reader sees of what the source writes before a block's text (marker, label and their separators, markup
 * already removed): no leading space, and the space after them kept as one. A heading's or question's numbering
 * stands alone and keeps no space.
 */
export function shownPrefix(written: string, heading = false): string {
  return heading ? written.trim() : written.trimStart().replace(/\s+$/, ' ');
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

// ---------------------------------------------------------------------------------------------------------
// Labels

/** The role a leading label gives its line. */
export type LabelRole = 'question' | 'answer' | 'note';

/** A leading label: its role, where its own characters are, and where the content after it starts. */
export interface LineLabel {
  role: LabelRole;
  /** [start, end) of the label's own characters in the text (without brackets, number and colon); empty for ※. */
  start: number;
  end: number;
  /** Where the content after the label (and its brackets, number, colon and spaces) starts. */
  length: number;
}

/** Label words by role, in folded form (simplified, lower case), longest first where one starts another. */
const QUESTION_WORDS = ['问题', '提问', '问'];
const ANSWER_WORDS = ['回答', '解答', '答复', '答'];
const NOTE_WORDS = [
  '温馨提示', '温馨提醒', '友情提示', '友情提醒', '特别提示', '特别提醒', '特别说明', '重要提示', '重要提醒', '风险提示', '安全提示',
  '注意事项', '小贴士', '贴士', '提示', '提醒', '注意', '备注', '注', 'tips', 'tip', 'note', 'ps',
];

const any = (words: readonly string[]) => words.join('|');

/** A label's own number: 1, 12, or in Chinese numerals (问题一, 问题十二). */
const LABEL_NUMBER = '(?:\\d{1,3}|[一二三四五六七八九十]{1,3})';

/**
 * 问：/问题1：/问题一：/Q：/Q1/Q.1/【问】/「問」 and 答：/A1/A.1/【答】/「答」/回答：, on folded text. Group 1, 2, 3, 4 or 5 is
 * the label word: in brackets, before a colon, before a number, before a number it is set off from (Q.1, Q-1:
 * the number must be followed by a space or a delimiter, so A-1类 is no label), before a bare colon.
 */
function qaLabel(words: readonly string[], english: string): RegExp {
  const letter = english[0];
  return new RegExp(
    `^(?:[【\\[〖「『]\\s*(${any(words)}|${letter})\\s*${LABEL_NUMBER}?\\s*[】\\]〗」』]|(${any(words)}|${english})\\s*${LABEL_NUMBER}?\\s*:|(${letter})\\s*\\d{1,3}\\s*[:.、)]?|(${letter})\\s*[.\\-]\\s*\\d{1,3}(?:\\s*[:.、)]|\\s)|(${letter})\\s*:)\\s*`,
  );
}

const QUESTION_LABEL = qaLabel(QUESTION_WORDS, 'question');
const ANSWER_LABEL = qaLabel(ANSWER_WORDS, 'answer');
/** Words that open a tip or caveat, in brackets (【注意】) or before a colon (folded text). */
const NOTE_LABEL = new RegExp(`^(?:[【\\[〖]\\s*(${any(NOTE_WORDS)})\\s*[】\\]〗]\\s*:?|(${any(NOTE_WORDS)})\\s*:)\\s*`);
/** ※ and ⚠ mark a caveat without a word. */
const NOTE_GLYPH = /^[※⚠]\ufe0f?\s*/;

/**
 * The label `text` starts with, if it is one of the known words (compared through `normalize`, so 溫馨提示 and 問
 * are found too). `length` equals the text's length when nothing follows the label.
 */
export function leadingLabel(text: string, normalize: (s: string) => string): LineLabel | undefined {
  const folded = normalize(text);
  const rules: [LabelRole, RegExp][] = [['question', QUESTION_LABEL], ['answer', ANSWER_LABEL], ['note', NOTE_LABEL], ['note', NOTE_GLYPH]];
  for (const [role, re] of rules) {
    const m = re.exec(folded);
    if (!m) continue;
    const word = m.slice(1).find((g) => g !== undefined);
    const start = word === undefined ? 0 : m[0].indexOf(word);
    return { role, start, end: start + (word?.length ?? 0), length: m[0].length };
  }
  return undefined;
}

/** The role of a label found by other means (a bold lead-in in Markdown or HTML), if its word is a known one. */
export function labelWordRole(word: string, normalize: (s: string) => string): LabelRole | undefined {
  const folded = normalize(word).replace(/\s+/g, '');
  if ([...QUESTION_WORDS, 'q', 'question'].includes(folded)) return 'question';
  if ([...ANSWER_WORDS, 'a', 'answer'].includes(folded)) return 'answer';
  return NOTE_WORDS.includes(folded) ? 'note' : undefined;
}

/** Longest name a plain label has; a longer lead-in before a colon is a clause. */
const MAX_NAME_LABEL = 12;
/** Longest bold lead-in read as a label; a longer one is emphasis. */
const MAX_BOLD_LABEL = 20;
/** Punctuation that ends a clause or quotes, and a line break: a lead-in holding one is not a name. */
const LABEL_BREAKERS = /[，,。；;！!？?“”"‘’「」()（）\n]/;

/**
 * A name before a colon that labels the rest of its line (客服电话：95017, 注册账户：填写手机号): short and not a clause.
 * A time (9:00) and a URL (https://) are not labels. Returns where the name ends and where the content starts.
 */
export function leadingNameLabel(text: string): { end: number; length: number } | undefined {
  const colon = text.search(/[:：]/);
  if (colon <= 0) return undefined;
  const name = text.slice(0, colon).trimEnd();
  const rest = text.slice(colon + 1);
  if (!name.trim() || name.length > MAX_NAME_LABEL || LABEL_BREAKERS.test(name) || !rest.trim()) return undefined;
  if ((/\d$/.test(name) && /^\d/.test(rest)) || rest.startsWith('//')) return undefined;
  return { end: name.length, length: colon + 1 + (rest.length - rest.trimStart().length) };
}

/** What may stand between a bold lead-in and the text it labels ("**检查网络**：…", "**语音引导**——…"). */
export const BOLD_LABEL_SEPARATOR = /^\s*(?:[:：]|——|—|–|--|-)\s*/;

/** Whether bold text opening a line names what follows (a short name, not a sentence of emphasis). */
export function isBoldLabelName(name: string): boolean {
  return name.trim().length > 0 && name.length <= MAX_BOLD_LABEL && !LABEL_BREAKERS.test(name);
}
