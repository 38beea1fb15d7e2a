/**
 * @module Build-only: FAQ entries (question, answer, steps, category, source spans) from an article model of any
 * format. The steps are named: roles (article-roles.ts) say what is not an answer, sections (entries/sections.ts)
 * cut the blocks into drafts, categories (entries/category.ts) and written questions (entries/question.ts) are
 * decided on folded text, steps come from list items (entries/steps.ts), ids are given last (entries/ids.ts).
 */
import { shownText, type ArticleModel, type Block } from './article';
import { detectArticleProvider, entryProvider, namedProvider, opensWithMention, type ProviderInfo } from './article-provider';
import { SourceError } from './errors';
import type { Fold } from './fold';
import { parseSource, type SourceFile } from './formats/index';
import type { Category, Entry } from '../model';
import type { CategoryLexicon } from '../text/category';
import { chooseCategory, statedCategories, type CategoryChoice } from './entries/category';
import { assignIds } from './entries/ids';
import { generateQuestion } from './entries/question';
import { segmentArticle, splitFooter, type Draft, type DraftOrigin, type Omitted } from './entries/sections';
import { stepItems, toStep } from './entries/steps';

export type { ProviderInfo } from './article-provider';

/** What extraction reads besides the article: the provider registry, the category lexicon and the build's fold. */
export interface ExtractContext {
  providers: ProviderInfo[];
  lexicon: CategoryLexicon;
  fold: Fold;
}

/** An entry before its id, with how it was made (for ids and the build report). */
export interface EntryDraft extends Omit<Entry, 'id'> {
  origin: DraftOrigin;
  choice: CategoryChoice;
  /** 1-based line where the entry starts. */
  line: number;
}

export interface ArticleEntries {
  /** The provider the article is about (entries of a structured source may name others). */
  provider: ProviderInfo;
  entries: EntryDraft[];
  /** Text no entry carries, and why. */
  omitted: Omitted[];
}

/**
 * Cuts one article into entries, in document order. Throws SourceError (file:line) for an article about no known
 * provider, a stated provider or category the registry does not know, or an article with no recognizable entries.
 */
export function extractEntries(model: ArticleModel, context: ExtractContext): ArticleEntries {
  const { fold, lexicon, providers } = context;
  const provider = articleProvider(model, providers, fold);
  const { drafts, omitted } = segmentArticle(model.blocks, lexicon, (blocks) => describesProvider(blocks, provider, fold));
  const lastSection = drafts.map((d) => d.origin).lastIndexOf('section');
  const entries: EntryDraft[] = [];
  drafts.forEach((draft, i) => {
    let entry = toEntry(draft, model, provider, context);
    // Contact details closing the article are not part of its last answer.
    const footer = i === lastSection && !draft.heading?.hints ? splitFooter(draft, entry.category, lexicon, fold) : undefined;
    if (footer) entry = toEntry(draft, model, provider, context);
    entries.push(entry);
    if (footer) entries.push(toEntry(footer, model, provider, context));
  });
  if (entries.length === 0) {
    const first = model.blocks[0];
    throw new SourceError(model.doc, first?.line ?? 1, 'no recognizable entries (no headings, questions or topic paragraphs)');
  }
  return { provider, entries, omitted };
}

/** Entries of one source file read on its own (parsed with its format's adapter): for tools and tests. */
export function entriesOfSource(file: SourceFile, context: ExtractContext): ArticleEntries {
  return extractEntries(parseSource(file, { normalize: context.fold }), context);
}

/** The provider one source file is about (see detectArticleProvider): for tools and tests. */
export function providerOfSource(file: SourceFile, providers: ProviderInfo[], fold: Fold): ProviderInfo {
  return articleProvider(parseSource(file, { normalize: fold }), providers, fold);
}

/** Entries of one article with their ids (ids across articles: see assignIds). */
export function withIds(entries: EntryDraft[], providers: ProviderInfo[], fold: Fold): (EntryDraft & { id: string })[] {
  const names = new Map(providers.map((p) => [p.id, [p.name, ...p.aliases]]));
  const ids = assignIds(
    entries.map((e) => ({ provider: e.provider, category: e.category, question: e.question, names: names.get(e.provider) ?? [] })),
    fold,
  );
  return entries.map((e, i) => ({ id: ids[i], ...e }));
}

/** The article's provider: stated by the source, else the one its rows name most, else detected from its text. */
function articleProvider(model: ArticleModel, providers: ProviderInfo[], fold: Fold): ProviderInfo {
  const stated = model.blocks.filter((b) => b.hints?.provider !== undefined);
  if (model.hints?.provider === undefined && stated.length > 0) {
    const named = stated.map((b) => namedProvider(b.hints!.provider!, providers, fold, model.doc, b.line));
    const count = (p: ProviderInfo) => named.filter((n) => n === p).length;
    return [...new Set(named)].sort((a, b) => count(b) - count(a))[0];
  }
  return detectArticleProvider(model, providers, fold);
}

/** Clauses about the text itself (本文将介绍…, 以下整理了…, 为了帮助大家…, 希望对您有所帮助) say nothing about the provider. */
const ABOUT_THE_TEXT = /本文|本篇|本指南|本手册|本页|以下|下面|如下|整理|欢迎|希望|为了帮助|为帮助|为方便/;
/** Connectives that may come before a clause's subject (其中Topay…, 而通联支付…, 目前云付通…). */
const CLAUSE_OPENER = /^(?:其中|而且|而|并且|同时|此外|另外|因此|所以|目前|如今|现在)/;

/**
 * An intro describes the provider when one of its clauses, not about the text itself, has the provider as its
 * subject: it opens with the provider's name (通联支付成立于2004年). A clause that only names the provider further
 * on (适用于云付通个人账户) is about something else.
 */
function describesProvider(blocks: Block[], provider: ProviderInfo, fold: Fold): boolean {
  const clauses = blocks.flatMap((b) => b.norm.split(/[,。!?;:]/)).map((c) => c.trim().replace(CLAUSE_OPENER, ''));
  return clauses.some((c) => !ABOUT_THE_TEXT.test(c) && opensWithMention(c, [provider], fold));
}

/** The block a written question is drawn from: the first paragraph of the draft. */
function leadParagraph(draft: Draft): Block | undefined {
  return draft.body.find((b) => b.kind === 'paragraph' || b.kind === 'note');
}

function toEntry(draft: Draft, model: ArticleModel, articleProvider: ProviderInfo, context: ExtractContext): EntryDraft {
  const { fold, providers } = context;
  const { heading, body } = draft;
  const provider = entryProvider(heading ?? body[0], articleProvider, providers, fold, model.doc);
  const choice = categoryOf(draft, model, context);
  const question = heading ? heading.text.trim() : generateQuestion(leadParagraph(draft), choice.category, provider.name);
  const first = heading ?? body[0];
  const last = body.length ? body[body.length - 1] : first;
  return {
    provider: provider.id,
    category: choice.category,
    question,
    questionGenerated: !heading,
    answer: body.map(shownText).join('\n'),
    steps: stepItems(body).map((items) => toStep(items, model.doc)),
    source: { doc: model.doc, start: first.span.start, end: last.span.end },
    origin: draft.origin,
    choice,
    line: first.line,
  };
}

/**
 * A category the source states wins; else the question decides, then the answer; the article's stated one fills
 * `other`. A stated category that spans several of ours (充值与提现) is the one of them the text reads as, else
 * the first. One that names none of ours (a CMS's own 售后 or FAQ) leaves the choice to the text, and the build
 * report names it: the entry is kept, filed as a source without that column would file it.
 */
function categoryOf(draft: Draft, model: ArticleModel, { lexicon, fold }: ExtractContext): CategoryChoice {
  const holder = draft.heading ?? draft.body[0];
  const stated = holder?.hints?.category;
  const choice =
    draft.origin === 'intro'
      ? { category: 'about' as Category, evidence: 0, runnerUp: 0, stated: false }
      : draft.heading
        ? chooseCategory(
            draft.heading.norm,
            draft.context.map((b) => b.norm),
            draft.body.map((b) => fold(shownText(b))),
            lexicon,
          )
        : draft.choice!;
  if (stated !== undefined && stated.trim() !== '') return statedChoice(stated);
  const articleWide = model.hints?.category;
  if (choice.category === 'other' && articleWide !== undefined && articleWide.trim() !== '') return statedChoice(articleWide);
  return choice;

  function statedChoice(value: string): CategoryChoice {
    const named = statedCategories(value, lexicon, fold);
    if (named.length === 0) return { ...choice, unknownStated: value.trim() };
    return { category: named.includes(choice.category) ? choice.category : named[0], evidence: Infinity, runnerUp: 0, stated: true };
  }
}
