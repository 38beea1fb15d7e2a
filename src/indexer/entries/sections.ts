/**
 * @module Build-only: an article model's blocks → entry drafts. Each heading or question with a body of its own is
 * one entry; a heading that only introduces the sections under it is their context, not an entry; text before the
 * first heading (and every article without headings) is split into topics by its lists and topic sentences; the
 * intro is an entry only when it says something about the provider; a closing run of contact details under the
 * last answer is an entry of its own. Blocks with a role (title, tagline, fragment, outro) never reach an answer.
 */
import { shownText, type Block } from '../article';
import type { Fold } from '../fold';
import { isIntroHeading, isSectionStart } from '../article-roles';
import { statesAddress } from '../contact-values';
import type { Category } from '../../model';
import type { CategoryLexicon } from '../../text/category';
import { bestCategory, decideCategory, scoreParts, topScore, TOPIC_PHRASE_WEIGHT, TOPIC_SENTENCE_WEIGHT, type CategoryChoice, type Part } from './category';
import { firstSentence, howToPhrase, problemSubject } from './question';

/** Where a draft's question comes from. */
export type DraftOrigin =
  /** A heading or question of the source. */
  | 'section'
  /** A topic of headless text: the question is written by the build. */
  | 'topic'
  /** The article's intro, kept because it describes the provider (about). */
  | 'intro'
  /** Contact details closing the article, split off the last answer. */
  | 'footer';

export interface Draft {
  origin: DraftOrigin;
  /** The question or heading block, for `section` drafts. */
  heading?: Block;
  body: Block[];
  /** Headings the entry sits under, outermost first. */
  context: Block[];
  /** Decided while segmenting headless text; section drafts are categorized from their question later. */
  choice?: CategoryChoice;
}

/** Text the build leaves out of every entry, with why, for the report. */
export interface Omitted {
  block: Block;
  why: 'title' | 'tagline' | 'dateline' | 'fragment' | 'contents' | 'outro' | 'intro' | 'container' | 'short' | 'empty';
}

export interface Segmentation {
  drafts: Draft[];
  omitted: Omitted[];
}

/** Answers the question "does this intro say what the provider is?" for one group of intro blocks. */
export type DescribesProvider = (blocks: Block[]) => boolean;

/** Shortest answer a written question may get; anything shorter is a stray line, not an answer. */
const MIN_GENERATED_ANSWER_CHARS = 20;

export function segmentArticle(blocks: Block[], lexicon: CategoryLexicon, describesProvider: DescribesProvider): Segmentation {
  const omitted: Omitted[] = [];
  const kept: Block[] = [];
  for (const b of blocks) {
    if (b.role && b.role !== 'intro') omitted.push({ block: b, why: b.role });
    // A block with no text (markup alone) starts no section and adds nothing to an answer.
    else if (!b.text.trim() && !(b.kind === 'note' && b.label)) omitted.push({ block: b, why: 'empty' });
    else kept.push(b);
  }
  const drafts: Draft[] = [];
  const sections = splitSections(kept);
  const context: Block[] = [];
  sections.forEach((section, i) => {
    const { heading, body } = section;
    if (!heading) {
      drafts.push(...topicDrafts(body, lexicon, describesProvider, omitted));
      return;
    }
    while (context.length && (context[context.length - 1].level ?? 0) >= (heading.level ?? 0)) context.pop();
    if (isIntroHeading(heading)) {
      omitted.push({ block: heading, why: 'container' });
      drafts.push(...topicDrafts(body, lexicon, describesProvider, omitted));
      return;
    }
    if (isContainer(section, sections[i + 1])) {
      omitted.push({ block: heading, why: 'container' }, ...body.map((block) => ({ block, why: 'container' as const })));
    } else {
      drafts.push({ origin: 'section', heading, body, context: [...context] });
    }
    if (heading.kind === 'heading') context.push(heading);
  });
  return { drafts, omitted };
}

interface Section {
  heading?: Block;
  body: Block[];
}

/** Groups blocks under their headings; blocks before the first heading form a headless section. */
function splitSections(blocks: Block[]): Section[] {
  const sections: Section[] = [{ body: [] }];
  for (const b of blocks) {
    if (isSectionStart(b) && b.role !== 'intro') sections.push({ heading: b, body: [] });
    else sections[sections.length - 1].body.push(b);
  }
  return sections.filter((s) => s.heading || s.body.length > 0);
}

const FORWARD_REFERENCE = /以下|下面|如下|下列|接下来/;
/** Longest sentence still read as a mere announcement; longer ones carry content of their own. */
const MAX_ANNOUNCEMENT_CHARS = 40;

/** A lead-in, or one short sentence that only points at what follows (no "label: value" content). */
function announcesFollowing(b: Block): boolean {
  if (isLeadIn(b)) return true;
  const first = firstSentence(b);
  const rest = b.norm.slice(first.norm.length).trim();
  return !b.label && FORWARD_REFERENCE.test(first.norm) && !rest && first.norm.length <= MAX_ANNOUNCEMENT_CHARS && !/:/.test(first.norm);
}

/**
 * A heading that only introduces the headings under it ("三、常见用户问题及解答", "▍常見問題"): its body is empty,
 * or only announces the sections that follow, with no list of its own. A body that says anything else is an answer,
 * even when question headings follow it.
 */
function isContainer(section: Section, next: Section | undefined): boolean {
  const { body } = section;
  if (body.length === 0) return true;
  return next !== undefined && !body.some((b) => b.kind === 'item') && body.every(announcesFollowing);
}

/** A paragraph that ends with a colon: it announces what follows (如下:, 按以下步骤操作:). */
function isLeadIn(b: Block): boolean {
  return (b.kind === 'paragraph' || b.kind === 'note') && /:$/.test(b.norm.trim());
}

// ---------------------------------------------------------------------------------------------------------
// Headless text: topics

/** A paragraph continues the current topic when that topic scores at least this share of its best category. */
const CONTINUATION_SHARE = 0.5;
/** Longest lead-in that only announces a list ("解决方法通常如下:") without stating the topic itself. */
const MAX_SHORT_LEAD_IN_CHARS = 24;
/** Connectives that carry on the previous paragraph's point (此外…, 因此…, 您也可以…). */
const CONTINUATION_START = /^(?:其次|此外|另外|同时|然后|接着|再者|而且|并且|因此|所以|再次|(?:您|你|用户)?(?:也|亦|还可|还能|还需|还要))/;

/** A paragraph that opens by carrying on the one before it: it belongs to what that one belongs to. */
function carriesOn(b: Block): boolean {
  return CONTINUATION_START.test(b.norm);
}

interface Group {
  blocks: Block[];
  choice: CategoryChoice;
  hasList: boolean;
  intro: boolean;
}

/** Scoring parts of a standalone paragraph: topic phrase, then topic sentence, then the rest. */
function paragraphParts(b: Block): Part[] {
  const first = firstSentence(b);
  const parts: Part[] = [
    { text: first.norm, weight: TOPIC_SENTENCE_WEIGHT },
    { text: b.norm.slice(first.norm.length), weight: 1 },
  ];
  const topic = problemSubject(first) ?? howToPhrase(first);
  if (topic) parts.push({ text: b.norm.slice(b.text.indexOf(topic), b.text.indexOf(topic) + topic.length), weight: TOPIC_PHRASE_WEIGHT });
  return parts;
}

/** The lead paragraph carries the topic; lead-ins and steps count once. */
function groupParts(blocks: Block[]): Part[] {
  const [lead, ...others] = blocks;
  const leadParts = lead.kind === 'item' ? [{ text: lead.norm, weight: 1 }] : paragraphParts(lead);
  return [...leadParts, ...others.map((b) => ({ text: b.norm, weight: 1 }))];
}

function isShortLeadIn(b: Block): boolean {
  return isLeadIn(b) && b.norm.trim().length <= MAX_SHORT_LEAD_IN_CHARS && !/[,。;!?:]/.test(b.norm.trim().slice(0, -1));
}

/**
 * Every run of list items with its lead: the block just before the run, plus the paragraph before that when the
 * block is only a short lead-in. Keyed by the index where the run's lead starts.
 */
function findLists(body: Block[]): Map<number, { from: number; to: number }> {
  const lists = new Map<number, { from: number; to: number }>();
  let previousEnd = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i].kind !== 'item' || body[i - 1]?.kind === 'item') continue;
    let to = i;
    while (body[to + 1]?.kind === 'item') to++;
    let from = i;
    const before = body[i - 1];
    if (before && i - 1 > previousEnd && before.role !== 'intro') {
      from = i - 1;
      if (isShortLeadIn(before) && body[i - 2]?.kind === 'paragraph' && i - 2 > previousEnd && body[i - 2].role !== 'intro') from = i - 2;
    }
    lists.set(from, { from, to });
    previousEnd = to;
    i = to;
  }
  return lists;
}

/** The category of text without a question of its own. */
function groupChoice(parts: Part[], lexicon: CategoryLexicon): CategoryChoice {
  const scores = scoreParts(parts, lexicon);
  return decideCategory(scores, lexicon, true);
}

/** A paragraph stays with the current topic unless it clearly belongs to another one. */
function continuesTopic(category: Category, b: Block, lexicon: CategoryLexicon): boolean {
  if (carriesOn(b)) return true;
  const scores = scoreParts(paragraphParts(b), lexicon);
  const top = topScore(scores);
  return top === 0 || (scores.get(category) ?? 0) >= CONTINUATION_SHARE * top;
}

/**
 * Splits headless text into topics. Lists take their lead paragraph(s) and the paragraphs that stay on the list's
 * topic; standalone paragraphs are classified by their topic sentence and join the current topic while they stay
 * on it. The intro opens a topic of its own (about), kept only when it describes the provider.
 */
function segmentTopics(body: Block[], lexicon: CategoryLexicon): Group[] {
  const lists = findLists(body);
  const groups: Group[] = [];
  let current: Group | undefined;
  for (let i = 0; i < body.length; ) {
    const list = lists.get(i);
    if (list) {
      const blocks = body.slice(list.from, list.to + 1);
      const choice = groupChoice(groupParts(blocks), lexicon);
      // Paragraphs just before a list on the same topic are part of its lead (a longer introduction).
      if (current && !current.hasList && !current.intro && current.choice.category === choice.category) {
        current.blocks.push(...blocks);
        current.hasList = true;
      } else {
        current = { blocks, choice, hasList: true, intro: false };
        groups.push(current);
      }
      i = list.to + 1;
      continue;
    }
    const b = body[i];
    if (b.role === 'intro' && (!current || !current.intro)) {
      current = { blocks: [b], choice: { category: 'about', evidence: 0, runnerUp: 0, stated: false }, hasList: false, intro: true };
      groups.push(current);
    } else if (current && (b.role === 'intro' || continuesTopic(current.choice.category, b, lexicon))) {
      current.blocks.push(b);
    } else {
      current = { blocks: [b], choice: groupChoice(paragraphParts(b), lexicon), hasList: false, intro: false };
      groups.push(current);
    }
    i++;
  }
  return groups;
}

function topicDrafts(body: Block[], lexicon: CategoryLexicon, describesProvider: DescribesProvider, omitted: Omitted[]): Draft[] {
  const drafts: Draft[] = [];
  for (const group of segmentTopics(body, lexicon)) {
    if (group.intro && !describesProvider(group.blocks)) {
      omitted.push(...group.blocks.map((block) => ({ block, why: 'intro' as const })));
      continue;
    }
    if (group.blocks.map((b) => b.text).join('').length < MIN_GENERATED_ANSWER_CHARS) {
      omitted.push(...group.blocks.map((block) => ({ block, why: 'short' as const })));
      continue;
    }
    drafts.push({ origin: group.intro ? 'intro' : 'topic', body: group.blocks, context: [], choice: group.choice });
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------------------
// The contact footer

/**
 * Splits the closing contact details off the article's last answer: the trailing paragraphs that each state a
 * phone number, e-mail address, URL or WeChat account (read with their labels: 微信公众号：… names the account), when
 * together they are about contacting the provider and the answer is not. A paragraph that carries on the answer
 * (您也可以拨打…) is the answer's, as is everything before it.
 */
export function splitFooter(draft: Draft, category: Category, lexicon: CategoryLexicon, fold: Fold): Draft | undefined {
  if (category === 'contact') return undefined;
  let from = draft.body.length;
  const isContactLine = (b: Block) => b.kind === 'paragraph' && statesAddress(shownText(b), fold) && !carriesOn(b);
  while (from > 1 && isContactLine(draft.body[from - 1])) from--;
  if (from === draft.body.length) return undefined;
  const tail = draft.body.slice(from);
  const scores = scoreParts(
    tail.map((b) => ({ text: fold(shownText(b)), weight: 1 })),
    lexicon,
  );
  if (bestCategory(scores, lexicon) !== 'contact' || (scores.get(category) ?? 0) > 0) return undefined;
  draft.body = draft.body.slice(0, from);
  return { origin: 'footer', body: tail, context: [], choice: decideCategory(scores, lexicon, true) };
}
