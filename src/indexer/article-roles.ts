/**
 * @module Build-only: what each block is to its article as a whole (title, intro, outro, tagline, fragment), decided
 * once on the model of any format, so entry extraction and the build report agree on what is not an answer.
 * Word lists here are the discourse words of a Chinese article (引言, 综上所述, 希望本文…), read on `norm`.
 */
import type { ArticleModel, Block, SourceFormat } from './article';

/** Headings of an article's introduction. */
const INTRO_HEADING = /^(?:引言|前言|导言|导语|序言|开篇|写在前面)$/;
/** Headings of its closing section. */
const OUTRO_HEADING = /^(?:结语|总结|结论|结束语|小结|写在最后|尾声)[:]?$/;
/** Paragraph openers that wrap up the whole article. */
const OUTRO_START = /^(?:综上所述|综上|总之|总而言之|总的来说|总体来说|总体而言|总结来说|总结而言|总结一下|以上就是|以上便是|以上是)/;
/** Looking back on "this article" marks a closing paragraph even without an opener. */
const RETROSPECTIVE = /希望(?:本文|以上|这篇|此文)|通过本文|本文(?:介绍|总结|详细介绍)了/;
/** A date as pages stamp one: 2024年3月, 2024年3月5日, 2024-06-18, 2024/05/02, 2024.5. */
const DATE = '\\d{4}\\s*(?:年(?:\\s*\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*日)?)?|[-/.]\\s*\\d{1,2}(?:\\s*[-/.]\\s*\\d{1,2})?)';
/** Words that stamp a page with its date, beside one: 更新于, 最后更新, 发布日期, 修订时间, 2024年3月更新. */
const STAMP = '(?:最后|最近)?(?:更新|修改|修订|编辑|发布)(?:时间|日期|于)?';
/** The names of a page's stamps before a colon (更新时间：, 最后更新：, 适用版本：, 作者：); a bare 更新： may be news. */
const STAMP_LABEL = '(?:(?:最后|最近)(?:更新|修改|修订|编辑|发布)|(?:更新|修改|修订|编辑|发布)(?:时间|日期))|适用版本|版本号|作者|来源|阅读量?|浏览(?:量|次数)?';
/**
 * A line that only dates or versions the page (folded text): "更新时间：2024-06-18　适用版本：App 5.2 及以上",
 * "（2024年3月更新）", "更新于 2024年3月", "作者：客服部". 服务时间 and 工作时间 are contact hours, not a stamp.
 */
const DATELINE = new RegExp(`^\\(?\\s*(?:${STAMP}\\s*:?\\s*${DATE}|${DATE}\\s*${STAMP}|(?:${STAMP_LABEL})\\s*:)`);
/** How many trailing paragraphs may form the outro; earlier ones belong to the last answer. */
const OUTRO_MAX_PARAGRAPHS = 2;
/** A title is short; a longer first heading is a section of its own. */
const MAX_TITLE_CHARS = 40;
/** Sections that must follow a first heading for it to be the article's title rather than its only section. */
const MIN_SECTIONS_UNDER_TITLE = 2;
const TERMINAL = /[。！？!?；;…:：.]$/;
const SENTENCE_END = /[。！？!?；;]/;
/** Closing quotes and brackets at the end of a line, looked through when reading how it ends. */
export const CLOSERS = /[”’"'）)】」』》\]]+$/;

/** True when `text` ends as a sentence or a lead-in does (closing quotes and brackets looked through). */
export function endsWithPunctuation(text: string): boolean {
  return TERMINAL.test(text.trim().replace(CLOSERS, ''));
}

/** True when `text` ends with a question mark (closing quotes and brackets looked through). */
export function endsAsQuestion(text: string): boolean {
  return /[?？]$/.test(text.trim().replace(CLOSERS, ''));
}

/** Longest line read as a question on its own; longer lines ending in ? are rhetorical sentences in a paragraph. */
const MAX_QUESTION_CHARS = 50;

/** A line that is a question on its own: short, and ending with a question mark. */
export function isQuestionLine(text: string): boolean {
  return text.trim().length <= MAX_QUESTION_CHARS && endsAsQuestion(text);
}

/** True when `text` holds a complete sentence (a sentence-ending mark anywhere in it). */
export function hasSentenceEnd(text: string): boolean {
  return SENTENCE_END.test(text);
}

/** Some Chinese or a Latin word: what a title or a sentence is made of (a bare "95193" is not). */
export const HAS_WORDS = /\p{Script=Han}|[A-Za-z]{2}/u;
/** Punctuation that shows a line is running text, not a title. */
export const CLAUSE_PUNCTUATION = /[，,。；;：:！!？?]/;
/** Marks that join the clauses of one sentence: running prose holds them. */
const CLAUSE_BREAK = /[，,；;]/;
const MAX_HEADING_CHARS = 24;

export function isSectionStart(block: Block): boolean {
  return block.kind === 'heading' || block.kind === 'question';
}

/** The heading's words for matching 引言/结语: folded, trimmed, without a trailing colon. */
function headingWords(block: Block): string {
  return block.norm.trim().replace(/[:]$/, '');
}

export function isIntroHeading(block: Block): boolean {
  return block.kind === 'heading' && INTRO_HEADING.test(headingWords(block));
}

/**
 * Sets `role` on the blocks of `model` (and `model.title` when the adapter found none); `normalize` is the build's
 * (what `Block.norm` is), for the labels and prefixes a block's text leaves out.
 */
export function assignRoles(model: ArticleModel, normalize: (s: string) => string): void {
  const { blocks } = model;
  for (const b of blocks) delete b.role;
  markDatelines(blocks, normalize);
  markContents(blocks);
  markTitle(model);
  markTaglines(blocks);
  markFragments(model);
  markIntroAndOutroSections(blocks);
  markOutroTail(blocks);
}

/**
 * The first heading is the title when it is unnumbered and short, and either is the title the source states or
 * heads at least two more sections. Where the source states another title (a page's `<title>` with the site's name
 * in it), the heading must also outrank every later heading: then it is the page's own title all the same. A first
 * heading that groups sections under it until a heading of its rank follows (a JSON export's first group, 账户 of
 * "## 账户 / ### … / ## 交易") is the first of those groups, not the title.
 */
function markTitle(model: ArticleModel): void {
  // A dateline above or among the sections (更新于 2024年3月) is neither the title nor a section.
  const kept = model.blocks.filter((b) => !b.role);
  const first = kept[0];
  if (!first || first.kind !== 'heading' || first.prefix || isIntroHeading(first) || OUTRO_HEADING.test(headingWords(first))) return;
  if (first.text.length > MAX_TITLE_CHARS) return;
  const stated = model.title;
  const sections = kept.slice(1).filter(isSectionStart);
  const isStated = stated !== undefined && (first.norm.trim() === stated.trim() || first.text.trim() === stated.trim());
  const headsSections = sections.length >= MIN_SECTIONS_UNDER_TITLE && !groupsSections(first, kept[1], sections) && (stated === undefined || outranks(first, sections));
  if (!isStated && !headsSections) return;
  first.role = 'title';
  model.title ??= first.text;
}

/**
 * Whether a heading heads a group of sections, as its siblings do: no text of its own (`next` starts a section), and
 * sections between it and the next heading of its rank. A title has an intro, or no heading of its rank after it.
 */
function groupsSections(heading: Block, next: Block | undefined, later: Block[]): boolean {
  if (heading.level === undefined || next === undefined || !isSectionStart(next)) return false;
  return later.findIndex((b) => b.level !== undefined && b.level <= heading.level!) > 0;
}

/** Whether a heading's level is above that of every later heading with a level (questions may have none). */
function outranks(heading: Block, later: Block[]): boolean {
  return heading.level !== undefined && later.every((b) => b.level === undefined || b.level > heading.level!);
}

/**
 * Any line but a question or a list item that appears twice verbatim is boilerplate (a slogan, a site banner),
 * unless a question would be left without an answer: CMS exports give the same short answer (请联系在线客服处理。)
 * to several questions, and the first such line of a section that has nothing else is still its answer.
 */
function markTaglines(blocks: Block[]): void {
  const key = (b: Block) => b.norm.replace(/\s+/g, ' ').trim();
  const counts = new Map<string, number>();
  const eligible = (b: Block) => (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'note') && key(b) !== '';
  for (const b of blocks) if (eligible(b)) counts.set(key(b), (counts.get(key(b)) ?? 0) + 1);
  const repeated = (b: Block) => !b.role && eligible(b) && counts.get(key(b))! > 1;
  for (let start = 0; start < blocks.length; ) {
    let end = start + 1;
    while (end < blocks.length && !isSectionStart(blocks[end])) end++;
    const head = isSectionStart(blocks[start]) ? blocks[start] : undefined;
    const body = blocks.slice(head ? start + 1 : start, end);
    const answerless = head !== undefined && body.length > 0 && body.every((b) => b.role || repeated(b));
    const kept = answerless ? body.find(repeated) : undefined;
    for (const b of body) if (b !== kept && repeated(b)) b.role = 'tagline';
    if (head?.kind === 'heading' && repeated(head)) head.role = 'tagline';
    start = end;
  }
}

/** Shortest list read as a table of contents; one item that repeats a heading is a cross-reference. */
const MIN_CONTENTS_ITEMS = 2;

/**
 * A table of contents: a list (and the heading right above it, when that heading holds nothing else) whose every
 * item repeats the text of a section heading or question further down. The sections answer; the list says nothing.
 */
function markContents(blocks: Block[]): void {
  const key = (b: Block) => b.norm.replace(/\s+/g, '');
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i].kind !== 'item') continue;
    let to = i;
    while (blocks[to + 1]?.kind === 'item') to++;
    const later = new Set(blocks.slice(to + 1).filter(isSectionStart).map(key));
    const run = blocks.slice(i, to + 1);
    if (run.length >= MIN_CONTENTS_ITEMS && run.every((b) => !b.role && later.has(key(b)))) {
      for (const b of run) b.role = 'contents';
      const above = blocks[i - 1];
      const after = blocks[to + 1];
      if (above?.kind === 'heading' && !above.role && (after === undefined || isSectionStart(after))) above.role = 'contents';
    }
    i = to;
  }
}

/** Lines that only date or version the page: no reader asks about them, and no answer is about them. */
function markDatelines(blocks: Block[], normalize: (s: string) => string): void {
  for (const b of blocks) {
    if (b.role || (b.kind !== 'paragraph' && b.kind !== 'heading' && b.kind !== 'note')) continue;
    const line = `${normalize(b.prefix ?? '')}${b.norm}`.trim();
    if (DATELINE.test(line) && !hasSentenceEnd(line.slice(0, -1))) b.role = 'dateline';
  }
}

/** A question block, or a heading worded as a question (## 如何开通？): the block after it is its stated answer. */
export function asksQuestion(block: Block): boolean {
  return block.kind === 'question' || endsAsQuestion(block.text);
}

/** Formats whose answers are fields the source states whole (a CMS export): no line of one is cut off. */
const STATED_ANSWERS: readonly SourceFormat[] = ['csv', 'tsv', 'json'];

/**
 * Running text cut off before its first sentence ends ("以下是几个涉及到客服热线的常见"): prose, its clauses joined by
 * commas, that stops without a sentence end. A line with no clause break (a step, a phone number and its hours) is
 * not prose cut off. What a source states as an answer is kept however it ends (editors often leave off the last
 * 。): the first block after a question, and every line of an export's answer field.
 */
function markFragments(model: ArticleModel): void {
  if (STATED_ANSWERS.includes(model.format)) return;
  let previous: Block | undefined;
  for (const b of model.blocks) {
    const statedAnswer = previous !== undefined && asksQuestion(previous);
    previous = b;
    if (b.kind !== 'paragraph' || b.label || b.role || statedAnswer) continue;
    const text = b.text.trim();
    const headingLike = text.length <= MAX_HEADING_CHARS && !CLAUSE_PUNCTUATION.test(text);
    if (!HAS_WORDS.test(text) || headingLike || !CLAUSE_BREAK.test(text) || hasSentenceEnd(text) || endsWithPunctuation(text)) continue;
    b.role = 'fragment';
  }
}

/**
 * Intro: the blocks before the first section (or, in an article without sections, its first paragraph) and the
 * body of an 引言 section. Outro: a 结语 section, heading and body.
 */
function markIntroAndOutroSections(blocks: Block[]): void {
  const kept = blocks.filter((b) => !b.role);
  const firstSection = kept.findIndex(isSectionStart);
  if (firstSection === -1) {
    const first = kept.find((b) => b.kind === 'paragraph');
    if (first && first === kept[0]) first.role = 'intro';
  } else {
    for (const b of kept.slice(0, firstSection)) b.role = 'intro';
  }
  let section: 'intro' | 'outro' | undefined;
  for (const b of kept) {
    if (isSectionStart(b)) {
      section = isIntroHeading(b) ? 'intro' : OUTRO_HEADING.test(headingWords(b)) ? 'outro' : undefined;
      if (section === 'outro') b.role = 'outro';
    } else if (section) {
      b.role = section;
    }
  }
}

/** A closing paragraph at the very end (综上所述… / 希望本文…) is the outro even inside the last section. */
function markOutroTail(blocks: Block[]): void {
  const kept = blocks.filter((b) => !b.role || b.role === 'intro');
  const tail: Block[] = [];
  for (let i = kept.length - 1; i >= 0 && kept[i].kind === 'paragraph' && tail.length < OUTRO_MAX_PARAGRAPHS; i--) tail.unshift(kept[i]);
  const opener = tail.findIndex((b) => OUTRO_START.test(b.norm.trim()));
  if (opener !== -1) {
    for (const b of tail.slice(opener)) b.role = 'outro';
  } else if (tail.length > 0 && RETROSPECTIVE.test(tail[tail.length - 1].norm)) {
    tail[tail.length - 1].role = 'outro';
  }
}
