/** @module Build-time article segmenter: splits one customer-service article into FAQ entries (question, answer, steps, source spans). */
import { BuildError } from './errors';
import type { Category, Entry, SourceSpan, Step } from '../model';
import type { CategoryLexicon } from '../text/category';
import { scoreCategories } from '../text/category';

/** One source article: `doc` is its file name under data/articles, `text` its full content. */
export interface ArticleInput {
  doc: string;
  text: string;
}

/** The provider fields the segmenter needs (structurally the same as `Provider` in src/model). */
export interface ProviderInfo {
  id: string;
  name: string;
  aliases: string[];
  general?: boolean;
}

/** A problem in a source article, located by file and 1-based line; the message reads `doc:line: …`. */
export class SourceError extends BuildError {
  constructor(
    public readonly doc: string,
    line: number,
    message: string,
  ) {
    super(doc, line, message);
    this.name = 'SourceError';
  }
}

// ---------------------------------------------------------------------------
// Provider detection
// ---------------------------------------------------------------------------

/**
 * Finds the provider an article is about by counting alias mentions.
 * At each position only the longest matching alias counts (so 通联支付 is not also counted as 通联),
 * Latin aliases match case-insensitively and only on word boundaries. The winner needs at least two
 * mentions and twice as many as the runner-up; otherwise the article is ambiguous and a SourceError is thrown.
 */
export function detectArticleProvider(article: ArticleInput, providers: ProviderInfo[]): ProviderInfo {
  const counts = countProviderMentions(article.text, providers);
  // Ties keep providers.json order so the result is deterministic.
  const ranked = providers.map((provider, index) => ({ provider, count: counts[index], index }));
  ranked.sort((a, b) => b.count - a.count || a.index - b.index);
  const [first, second] = ranked;
  const runnerUp = second?.count ?? 0;
  if (!first || first.count < 2 || first.count < 2 * runnerUp) {
    const tally = ranked.map((r) => `${r.provider.id}=${r.count}`).join(', ');
    throw new SourceError(article.doc, 1, `cannot tell which provider the article is about (${tally})`);
  }
  return first.provider;
}

/** Counts, per provider, the non-overlapping longest alias matches in `text`. */
/** Aliases grouped by first character, longest first, built once per provider list (thousands at scale). */
const aliasIndexes = new WeakMap<ProviderInfo[], Map<string, { alias: string; index: number }[]>>();

function aliasIndex(providers: ProviderInfo[]): Map<string, { alias: string; index: number }[]> {
  let byFirst = aliasIndexes.get(providers);
  if (!byFirst) {
    byFirst = new Map();
    const aliases = providers
      .flatMap((provider, index) => provider.aliases.map((alias) => ({ alias: alias.toLowerCase(), index })))
      .filter((a) => a.alias.length > 0)
      // Longest first, so the first alias that matches at a position is the longest one there.
      .sort((a, b) => b.alias.length - a.alias.length);
    for (const a of aliases) {
      const group = byFirst.get(a.alias[0]);
      if (group) group.push(a);
      else byFirst.set(a.alias[0], [a]);
    }
    aliasIndexes.set(providers, byFirst);
  }
  return byFirst;
}

function countProviderMentions(text: string, providers: ProviderInfo[]): number[] {
  const haystack = text.toLowerCase();
  const byFirst = aliasIndex(providers);
  const counts = providers.map(() => 0);
  for (let pos = 0; pos < haystack.length; ) {
    const hit = byFirst.get(haystack[pos])?.find((a) => haystack.startsWith(a.alias, pos) && onWordBoundary(haystack, pos, a.alias.length));
    if (hit) {
      counts[hit.index]++;
      pos += hit.alias.length;
    } else {
      pos++;
    }
  }
  return counts;
}

const LATIN_WORD_CHAR = /[a-z0-9]/;

/** A Latin alias must not be glued to other Latin letters ("topay" inside "autopay" is no mention). */
function onWordBoundary(text: string, start: number, length: number): boolean {
  const end = start + length;
  if (LATIN_WORD_CHAR.test(text[start]) && start > 0 && LATIN_WORD_CHAR.test(text[start - 1])) return false;
  if (LATIN_WORD_CHAR.test(text[end - 1]) && end < text.length && LATIN_WORD_CHAR.test(text[end])) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------

type LineKind = 'blank' | 'heading' | 'question' | 'item' | 'leadIn' | 'paragraph' | 'fragment';

/** One line of the article with exact offsets of its content (indentation and trailing whitespace/CR excluded). */
interface Line {
  /** 1-based line number, for error messages. */
  no: number;
  start: number;
  end: number;
  /** `text.slice(start, end)`. */
  content: string;
  /** Content without bold/heading markup, used for classification and scoring. */
  plain: string;
  kind: LineKind;
  /** Set when the line is dropped from every answer. */
  noise?: 'fragment' | 'repeated' | 'outro';
}

/** Numbered section headings: 一、 … 十、, (一) … */
const SECTION_NUMBER = /^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十]+[)）])\s*/;
/** List markers: 1. 1、 (1) 1) and bullets. `-`/`*`/`+` need a following space so **bold** is no bullet. */
const ITEM_MARKER = /^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|\d{1,2}[)）]|[•·●▪◦■□◆◇○►▶✓✔]|[-*+](?=\s))\s*/;
const NUMERIC_MARKER = /^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|\d{1,2}[)）])\s*/;
/** Punctuation that ends a complete sentence (a colon ends a lead-in, which is complete too). */
const TERMINAL = /[。！？!?；;…:：.]$/;
const QUESTION_END = /[?？]$/;
const COLON_END = /[:：]$/;
/** Closing quotes/brackets are looked through when checking how a line ends. */
const CLOSERS = /[”’"'）)】」』》\]]+$/;
/** Punctuation that shows a line is running text, not a title. */
const CLAUSE_PUNCTUATION = /[，,。；;：:！!？?]/;

/** Some Chinese or a Latin word: what a title is made of (a bare "95193" is not). */
const HAS_WORDS = /\p{Script=Han}|[A-Za-z]{2}/u;

/** Longest bare question line; longer lines ending in ? are rhetorical sentences inside a paragraph. */
const MAX_QUESTION_CHARS = 40;
/** Longest title-like line without punctuation; longer unpunctuated lines are truncated sentences. */
const MAX_HEADING_CHARS = 20;

/** Splits `text` into lines, keeping exact UTF-16 offsets; "\r\n" and "\n" both end a line. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let pos = 0, no = 1; pos <= text.length; no++) {
    let newline = text.indexOf('\n', pos);
    if (newline === -1) newline = text.length;
    const raw = text.slice(pos, newline);
    const indent = raw.length - raw.trimStart().length;
    const start = pos + indent;
    const end = pos + Math.max(indent, raw.trimEnd().length);
    const content = text.slice(start, end);
    lines.push({ no, start, end, content, plain: stripMarkup(content), kind: 'blank' });
    pos = newline + 1;
  }
  return lines;
}

/** Removes bold markers and Markdown heading hashes. */
function stripMarkup(s: string): string {
  return s.replace(/\*\*/g, '').replace(/^#{1,6}\s*/, '').trim();
}

/** How a line ends, looking through closing quotes and brackets. */
function lineEnding(s: string): string {
  return s.replace(CLOSERS, '');
}

/** Short, unpunctuated and made of words (a bare number such as a phone number is a fact, not a title). */
function isHeadingLike(s: string): boolean {
  return (
    s.length <= MAX_HEADING_CHARS &&
    HAS_WORDS.test(s) &&
    !CLAUSE_PUNCTUATION.test(s) &&
    !TERMINAL.test(lineEnding(s))
  );
}

function isShortQuestion(s: string): boolean {
  return s.length <= MAX_QUESTION_CHARS && QUESTION_END.test(lineEnding(s));
}

/** Classifies one line on its own; numbered lines are refined with their neighbours in `refineNumberedLines`. */
function classifyLine(line: Line): void {
  const s = line.plain;
  if (!s) {
    line.kind = 'blank';
    return;
  }
  const section = s.match(SECTION_NUMBER);
  if (section) {
    const rest = s.slice(section[0].length);
    if (isShortQuestion(rest) || (rest.length <= MAX_QUESTION_CHARS && !TERMINAL.test(lineEnding(rest)))) {
      line.kind = 'heading';
      return;
    }
  }
  if (ITEM_MARKER.test(s)) line.kind = 'item';
  else if (isShortQuestion(s)) line.kind = 'question';
  else if (COLON_END.test(s)) line.kind = 'leadIn';
  else if (TERMINAL.test(lineEnding(s))) line.kind = 'paragraph';
  else if (isHeadingLike(s)) line.kind = 'heading';
  // "客服电话:95193" states a fact without a full stop; only truncated running text is a fragment.
  else if (hasLabel(s) || !HAS_WORDS.test(s)) line.kind = 'paragraph';
  else line.kind = 'fragment';
}

/**
 * A numbered line standing alone (no list item right before or after it) is a heading, not a step:
 * "1. 如何找回密码?" above its answer is a question; "  1. 打开应用…" inside a list stays a step,
 * and so do checklist items that happen to end in "?".
 */
function refineNumberedLines(lines: Line[]): void {
  const content = lines.filter((l) => l.kind !== 'blank');
  const isItem = content.map((l) => l.kind === 'item');
  content.forEach((line, i) => {
    if (!isItem[i] || !NUMERIC_MARKER.test(line.plain)) return;
    if (isItem[i - 1] || isItem[i + 1]) return;
    const rest = line.plain.replace(NUMERIC_MARKER, '');
    if (isShortQuestion(rest) && !hasLabel(rest)) line.kind = 'question';
    else if (isHeadingLike(rest)) line.kind = 'heading';
  });
}

// ---------------------------------------------------------------------------
// Noise
// ---------------------------------------------------------------------------

const INTRO_HEADING = /^(?:引言|前言|导言|导语|序言|开篇)$/;
const OUTRO_HEADING = /^(?:结语|总结|结论|结束语|小结|写在最后|尾声)[:：]?$/;
/** Paragraph openers that announce a wrap-up of the whole article. */
const OUTRO_START = /^(?:综上所述|综上|总之|总而言之|总的来说|总体来说|总体而言|总结来说|总结而言|总结一下)/;
/** Looking back on "this article" marks a closing paragraph even without an opener. */
const RETROSPECTIVE = /希望(?:本文|以上|这篇|此文)|通过本文|本文(?:介绍|总结|详细介绍)了/;
/** How many trailing paragraphs may form the outro; earlier ones belong to the last answer. */
const OUTRO_MAX_PARAGRAPHS = 2;

/** Marks fragments, verbatim repeats (SEO taglines) and the article's outro as noise. */
function markNoise(lines: Line[]): void {
  for (const line of lines) if (line.kind === 'fragment') line.noise = 'fragment';
  markRepeatedLines(lines);
  markOutroSections(lines);
  markOutroTail(lines);
}

/** Questions, steps and lead-ins may legitimately repeat; any other repeated line is boilerplate. */
function markRepeatedLines(lines: Line[]): void {
  const seen = new Map<string, number>();
  for (const line of lines) if (line.kind !== 'blank') seen.set(line.plain, (seen.get(line.plain) ?? 0) + 1);
  for (const line of lines) {
    if (line.kind === 'question' || line.kind === 'item' || line.kind === 'leadIn' || line.kind === 'blank') continue;
    if ((seen.get(line.plain) ?? 0) > 1) line.noise ??= 'repeated';
  }
}

/** A 结语/总结 heading drops its whole section. */
function markOutroSections(lines: Line[]): void {
  let inOutro = false;
  for (const line of lines) {
    if (isSectionStart(line)) inOutro = OUTRO_HEADING.test(headingText(line));
    if (inOutro && line.kind !== 'blank') line.noise ??= 'outro';
  }
}

/** A closing paragraph at the very end (综上所述… / 希望本文…) is dropped even inside the last section. */
function markOutroTail(lines: Line[]): void {
  const kept = lines.filter((l) => l.kind !== 'blank' && !l.noise);
  const tail: Line[] = [];
  for (let i = kept.length - 1; i >= 0 && kept[i].kind === 'paragraph' && tail.length < OUTRO_MAX_PARAGRAPHS; i--) {
    tail.unshift(kept[i]);
  }
  const opener = tail.findIndex((l) => OUTRO_START.test(l.plain));
  if (opener !== -1) {
    for (const line of tail.slice(opener)) line.noise = 'outro';
  } else if (tail.length > 0 && RETROSPECTIVE.test(tail[tail.length - 1].plain)) {
    tail[tail.length - 1].noise = 'outro';
  }
}

// ---------------------------------------------------------------------------
// Sections
// ---------------------------------------------------------------------------

interface Section {
  heading?: Line;
  /** Kept, non-blank lines of the section body. */
  body: Line[];
}

function isSectionStart(line: Line): boolean {
  return !line.noise && (line.kind === 'heading' || line.kind === 'question');
}

/** Groups kept lines under their headings; lines before the first heading form a headless section. */
function splitSections(lines: Line[]): Section[] {
  const sections: Section[] = [{ body: [] }];
  for (const line of lines) {
    if (line.kind === 'blank' || line.noise) continue;
    if (isSectionStart(line)) sections.push({ heading: line, body: [] });
    else sections[sections.length - 1].body.push(line);
  }
  return sections.filter((s) => s.heading || s.body.length > 0);
}

/** Heading text without numbering and markup: the question of a headed entry. */
function headingText(line: Line): string {
  return line.plain.replace(SECTION_NUMBER, '').replace(NUMERIC_MARKER, '').trim();
}

/** Words that point at what comes next ("以下是几个常见问题的解答"). */
const FORWARD_REFERENCE = /以下|下面|如下|下列|接下来/;
/** Longest sentence still read as a mere announcement; longer ones carry content of their own. */
const MAX_ANNOUNCEMENT_CHARS = 40;

/** A lead-in, or one short sentence that only points at what follows (no "label: value" content). */
function announcesFollowing(line: Line): boolean {
  if (line.kind === 'leadIn') return true;
  const [first, rest] = splitFirstSentence(line.plain);
  return FORWARD_REFERENCE.test(first) && !rest && first.length <= MAX_ANNOUNCEMENT_CHARS && !/[:：]/.test(first);
}

/**
 * A heading that only introduces the headings under it ("三、常见用户问题及解答", "常见问题解析"):
 * its body is empty, or only announces the sections that follow, with no list of its own.
 * A body that says anything else is an answer, even when question headings follow it.
 */
function isContainer(section: Section, next: Section | undefined): boolean {
  const { body } = section;
  if (body.length === 0) return true;
  return next !== undefined && !body.some((l) => l.kind === 'item') && body.every(announcesFollowing);
}

// ---------------------------------------------------------------------------
// Category scoring
// ---------------------------------------------------------------------------

/** A piece of text and how much its keyword hits count. */
interface Part {
  text: string;
  weight: number;
}

/** Weight of a section heading: the author's own statement of the topic, so it outweighs stray keywords in the answer. */
const HEADING_WEIGHT = 5;
/** Weight of the topic phrase (problem subject, announced how-to) of a headless paragraph. */
const TOPIC_PHRASE_WEIGHT = 3;
/** Weight of a paragraph's first (topic) sentence. */
const TOPIC_SENTENCE_WEIGHT = 2;
/** A paragraph continues the current topic when that topic scores at least this share of its best category. */
const CONTINUATION_SHARE = 0.5;

/**
 * Examples listed after 例如/比如/如/包括 … 等 name other problems in passing
 * ("如账户问题、交易异常、退款、投诉建议等"); they are not the paragraph's topic, so they are not scored.
 */
const EXAMPLE_LIST =
  /(^|[，,。；;：:！!？?\s])(?:例如|比如|譬如|诸如|包括|像是|如(?![何果今此同]))[^，,。；;：:！!？?]*?、[^，,。；;！!？?]*?等/g;

function scoringText(s: string): string {
  return s.toLowerCase().replace(EXAMPLE_LIST, '$1');
}

function scoreParts(parts: Part[], lexicon: CategoryLexicon): Map<Category, number> {
  const total = new Map<Category, number>();
  for (const { text, weight } of parts) {
    if (!text) continue;
    for (const { category, score } of scoreCategories(scoringText(text), lexicon)) {
      total.set(category, (total.get(category) ?? 0) + score * weight);
    }
  }
  return total;
}

/** The best-scoring category; ties go to the earlier category in the lexicon. */
function bestCategory(scores: Map<Category, number>, lexicon: CategoryLexicon): Category | undefined {
  let best: Category | undefined;
  let bestScore = 0;
  for (const category of Object.keys(lexicon) as Category[]) {
    const score = scores.get(category) ?? 0;
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}

function topScore(scores: Map<Category, number>): number {
  return Math.max(0, ...scores.values());
}

/** Splits off the first sentence, the topic sentence of a paragraph. */
function splitFirstSentence(s: string): [string, string] {
  const m = s.match(/^.*?[。！？!?；;]/);
  return m ? [m[0], s.slice(m[0].length)] : [s, ''];
}

/** Scoring parts of a standalone paragraph: topic phrase, then topic sentence, then the rest. */
function paragraphParts(line: Line): Part[] {
  const [first, rest] = splitFirstSentence(line.plain);
  const parts: Part[] = [
    { text: first, weight: TOPIC_SENTENCE_WEIGHT },
    { text: rest, weight: 1 },
  ];
  const topic = problemSubject(first) ?? howToPhrase(first);
  if (topic) parts.push({ text: topic, weight: TOPIC_PHRASE_WEIGHT });
  return parts;
}

/** The lead paragraph carries the topic; lead-ins and steps count once. */
function blockParts(lines: Line[]): Part[] {
  const [lead, ...others] = lines;
  const leadParts = lead.kind === 'item' ? [{ text: lead.plain, weight: 1 }] : paragraphParts(lead);
  return [...leadParts, ...others.map((l) => ({ text: l.plain, weight: 1 }))];
}

// ---------------------------------------------------------------------------
// Headless segmentation
// ---------------------------------------------------------------------------

/** A run of lines that becomes one headless entry. */
interface Group {
  lines: Line[];
  category: Category;
  hasList: boolean;
}

/** A list with its lead: body[from..to], where the lead lines come first and the items run to `to`. */
interface ListBlock {
  from: number;
  to: number;
}

/** Longest lead-in that only announces a list ("解决方法通常如下:") without stating the topic itself. */
const MAX_SHORT_LEAD_IN_CHARS = 24;

function isShortLeadIn(line: Line): boolean {
  return (
    line.kind === 'leadIn' &&
    line.plain.length <= MAX_SHORT_LEAD_IN_CHARS &&
    !CLAUSE_PUNCTUATION.test(line.plain.slice(0, -1))
  );
}

/**
 * Finds every run of list items with its lead: the line just before the run, plus the paragraph
 * before that when the line is only a short lead-in. Keyed by the index where the block starts.
 */
function findListBlocks(body: Line[]): Map<number, ListBlock> {
  const blocks = new Map<number, ListBlock>();
  let previousEnd = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i].kind !== 'item' || body[i - 1]?.kind === 'item') continue;
    let to = i;
    while (body[to + 1]?.kind === 'item') to++;
    let from = i;
    const before = body[i - 1];
    if (before && i - 1 > previousEnd) {
      from = i - 1;
      if (isShortLeadIn(before) && body[i - 2]?.kind === 'paragraph' && i - 2 > previousEnd) from = i - 2;
    }
    blocks.set(from, { from, to });
    previousEnd = to;
    i = to;
  }
  return blocks;
}

/**
 * Splits a headless section into topics. Lists take their lead paragraph(s) and any following
 * paragraphs that stay on the list's topic; standalone paragraphs are classified by their topic
 * sentence and join the current topic while they stay on it. The first paragraph of an article is its intro.
 */
function segmentHeadless(body: Line[], lexicon: CategoryLexicon, isArticleStart: boolean): Group[] {
  const blocks = findListBlocks(body);
  const groups: Group[] = [];
  let current: Group | undefined;
  for (let i = 0; i < body.length; ) {
    const block = blocks.get(i);
    if (block) {
      const lines = body.slice(block.from, block.to + 1);
      const category = bestCategory(scoreParts(blockParts(lines), lexicon), lexicon) ?? current?.category ?? 'about';
      // Paragraphs just before a list on the same topic are part of its lead (a longer introduction).
      if (current && !current.hasList && current.category === category) {
        current.lines.push(...lines);
        current.hasList = true;
      } else {
        current = { lines, category, hasList: true };
        groups.push(current);
      }
      i = block.to + 1;
      continue;
    }
    const line = body[i];
    if (i === 0 && isArticleStart) {
      current = { lines: [line], category: 'about', hasList: false };
      groups.push(current);
    } else if (current && continuesTopic(current.category, line, lexicon)) {
      current.lines.push(line);
    } else {
      const category = bestCategory(scoreParts(paragraphParts(line), lexicon), lexicon) ?? 'about';
      current = { lines: [line], category, hasList: false };
      groups.push(current);
    }
    i++;
  }
  return groups;
}

/** Connectives that carry on the previous paragraph's point. */
const CONTINUATION_START = /^(?:其次|此外|另外|同时|然后|接着|再者|而且|并且|因此|所以|再次)/;

/** A paragraph stays with the current topic unless it clearly belongs to another one. */
function continuesTopic(category: Category, line: Line, lexicon: CategoryLexicon): boolean {
  if (CONTINUATION_START.test(line.plain)) return true;
  const scores = scoreParts(paragraphParts(line), lexicon);
  const top = topScore(scores);
  return top === 0 || (scores.get(category) ?? 0) >= CONTINUATION_SHARE * top;
}

// ---------------------------------------------------------------------------
// Questions for headless entries
// ---------------------------------------------------------------------------

/**
 * "账户被锁定是…常见的问题", "交易异常是一种较为常见的问题", "无法登录…可能是由于…":
 * the subject of a clause that calls itself a problem or names its cause.
 */
const PROBLEM_CLAUSE = /^(.{2,20}?)(?:可能|通常|往往|一般|常常|多半|大多)?是(?:由于|因为|.*(?:问题|问题之一|情况|现象|故障|难题)$)/;
const PRONOUN_SUBJECT = /^(?:这|那|此|它|其|该)/;
/** "下面将详细介绍如何顺利进行账户的注册与登录": the announced how-to. */
const HOW_TO_CLAUSE = /(?:介绍|说明|讲解|探讨|了解|教您|告诉您)(?:一下)?(如何|怎样|怎么)([^，,。；;：:！!？?]+)/;
/** Longest subject phrase turned into a question; longer ones are whole clauses, not subjects. */
const MAX_SUBJECT_CHARS = 16;

function clauses(sentence: string): string[] {
  return sentence
    .split(/[，,。；;！!？?：:]/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The problem named by the topic sentence, without a leading 用户. */
function problemSubject(sentence: string): string | undefined {
  for (const clause of clauses(sentence)) {
    const m = clause.match(PROBLEM_CLAUSE);
    if (!m) continue;
    const subject = m[1].replace(/^用户/, '').trim();
    if (subject.length >= 2 && subject.length <= MAX_SUBJECT_CHARS && !PRONOUN_SUBJECT.test(subject)) return subject;
  }
  return undefined;
}

function howToPhrase(sentence: string): string | undefined {
  const m = sentence.match(HOW_TO_CLAUSE);
  return m ? `${m[1]}${m[2].trim()}` : undefined;
}

/** Per-category question used when the topic sentence names no subject. */
const QUESTION_TEMPLATES: Record<Category, (name: string) => string> = {
  contact: (p) => `如何联系${p}客服?`,
  account: (p) => `如何注册和管理${p}账户?`,
  login: (p) => `无法登录${p}怎么办?`,
  password: (p) => `忘记${p}密码怎么办?`,
  locked: (p) => `${p}账户被锁定怎么办?`,
  security: (p) => `如何保障${p}账户安全?`,
  'payment-failure': (p) => `${p}支付失败怎么办?`,
  transaction: (p) => `${p}交易异常或资金未到账怎么办?`,
  refund: (p) => `${p}如何申请退款?`,
  records: (p) => `如何查询${p}交易记录?`,
  complaint: (p) => `如何投诉${p}?`,
  international: (p) => `${p}是否支持国际支付?`,
  misoperation: (p) => `${p}误操作了怎么办?`,
  service: (p) => `${p}客服提供哪些服务?`,
  about: (p) => `什么是${p}?`,
};

/** Writes the question of a headless entry from its topic sentence, else from the category template. */
function generateQuestion(group: Group, provider: ProviderInfo): string {
  if (group.category !== 'about') {
    const [first] = splitFirstSentence(group.lines[0].plain);
    const subject = problemSubject(first);
    if (subject) return `${subject}怎么办?`;
    const howTo = howToPhrase(first);
    if (howTo) return `${howTo}?`;
  }
  return QUESTION_TEMPLATES[group.category](provider.name);
}

// ---------------------------------------------------------------------------
// Steps and entries
// ---------------------------------------------------------------------------

/** Longest text before a colon that still reads as an item label (注册账户, 检查网络). */
const MAX_LABEL_CHARS = 12;
/** `**label**` followed by an optional separator (:, ——, -). */
const BOLD_LABEL = /^\*\*([^*]+?)\*\*\s*(?:[:：]|——|—|–|--|-)?\s*/;
const LABEL_BREAKERS = /[，,。；;！!？?“”"‘’]/;

/** Whether `s` starts with a short label followed by a colon. */
function hasLabel(s: string): boolean {
  return labelSplit(s) !== undefined;
}

/** Splits "label:text" when the part before the first colon is a short label (not "9:00"). */
function labelSplit(s: string): [string, string] | undefined {
  const colon = s.search(/[:：]/);
  if (colon <= 0) return undefined;
  const label = s.slice(0, colon).trim();
  const text = s.slice(colon + 1).trim();
  if (!label || label.length > MAX_LABEL_CHARS || LABEL_BREAKERS.test(label)) return undefined;
  if (/\d$/.test(label) && /^\d/.test(text)) return undefined;
  return [label, text];
}

/** Turns a list item into a step: label as title, text without numbering, label or markup. */
function parseStep(line: Line, doc: string): Step {
  const body = line.content.replace(ITEM_MARKER, '');
  const source: SourceSpan = { doc, start: line.start, end: line.end };
  const bold = body.match(BOLD_LABEL);
  if (bold && bold[1].trim().length <= MAX_LABEL_CHARS && !LABEL_BREAKERS.test(bold[1])) {
    const text = body.slice(bold[0].length).replace(/\*\*/g, '').trim();
    if (text) return { title: bold[1].trim(), text, source };
  }
  const plain = body.replace(/\*\*/g, '').trim();
  const labelled = labelSplit(plain);
  if (labelled) return { title: labelled[0], text: labelled[1], source };
  return { title: '', text: plain, source };
}

/** An answer line: indentation and bold markers removed, numbering and bullets kept. */
function answerLine(line: Line): string {
  return line.content.replace(/\*\*/g, '').trim();
}

/** Shortest answer a headless entry may have; anything shorter is a stray line, not an answer. */
const MIN_GENERATED_ANSWER_CHARS = 20;

type Draft = Omit<Entry, 'id'>;

function makeDraft(
  lines: Line[],
  heading: Line | undefined,
  question: string,
  questionGenerated: boolean,
  category: Category,
  provider: ProviderInfo,
  doc: string,
): Draft {
  return {
    provider: provider.id,
    category,
    question,
    questionGenerated,
    answer: lines.map(answerLine).join('\n'),
    steps: lines.filter((l) => l.kind === 'item').map((l) => parseStep(l, doc)),
    source: { doc, start: (heading ?? lines[0]).start, end: lines[lines.length - 1].end },
  };
}

/** A headed section: the heading is the question, the category comes from question (weighted) and answer. */
function headedDraft(section: Section, provider: ProviderInfo, doc: string, lexicon: CategoryLexicon): Draft {
  const heading = section.heading!;
  const question = headingText(heading);
  const answer = section.body.map((l) => l.plain).join('\n');
  const scores = scoreParts(
    [
      { text: question, weight: HEADING_WEIGHT },
      { text: answer, weight: 1 },
    ],
    lexicon,
  );
  const category = bestCategory(scores, lexicon) ?? 'about';
  return makeDraft(section.body, heading, question, false, category, provider, doc);
}

/** Sections headed 引言 are the article's introduction: an about entry with a written question. */
function introDraft(section: Section, provider: ProviderInfo, doc: string): Draft {
  const group: Group = { lines: section.body, category: 'about', hasList: false };
  return makeDraft(section.body, section.heading, generateQuestion(group, provider), true, 'about', provider, doc);
}

function headlessDrafts(section: Section, provider: ProviderInfo, doc: string, lexicon: CategoryLexicon, isArticleStart: boolean): Draft[] {
  return segmentHeadless(section.body, lexicon, isArticleStart)
    .map((group) => makeDraft(group.lines, undefined, generateQuestion(group, provider), true, group.category, provider, doc))
    .filter((draft) => draft.answer.length >= MIN_GENERATED_ANSWER_CHARS);
}

/** `${provider}-${category}`, then -2, -3 … for later entries of the same category, in document order. */
function assignIds(drafts: Draft[]): Entry[] {
  const used = new Map<string, number>();
  return drafts.map((draft) => {
    const base = `${draft.provider}-${draft.category}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return { id: n === 1 ? base : `${base}-${n}`, ...draft };
  });
}

/**
 * Segments one article into FAQ entries for `provider`, in document order.
 * Headed sections become one entry each (container and outro headings none); headless text is split
 * into topics with generated questions. Every entry and step carries its source span in `article.text`.
 * Throws SourceError for an empty article or one with no recognizable entries.
 */
export function extractEntries(article: ArticleInput, provider: ProviderInfo, lexicon: CategoryLexicon): Entry[] {
  const { doc, text } = article;
  if (text.trim() === '') throw new SourceError(doc, 1, 'empty article');
  const lines = splitLines(text);
  lines.forEach(classifyLine);
  refineNumberedLines(lines);
  markNoise(lines);

  const sections = splitSections(lines);
  const drafts: Draft[] = [];
  sections.forEach((section, i) => {
    if (!section.heading) {
      drafts.push(...headlessDrafts(section, provider, doc, lexicon, i === 0));
    } else if (INTRO_HEADING.test(headingText(section.heading))) {
      if (section.body.length > 0) drafts.push(introDraft(section, provider, doc));
    } else if (!isContainer(section, sections[i + 1])) {
      drafts.push(headedDraft(section, provider, doc, lexicon));
    }
  });

  if (drafts.length === 0) {
    const first = lines.find((l) => l.kind !== 'blank') ?? lines[0];
    throw new SourceError(doc, first.no, 'no recognizable entries (no headings, questions or topic paragraphs)');
  }
  return assignIds(drafts);
}
