/**
 * @module Build-only: an entry's category from the keyword lexicon (src/text/category.ts scores), read on folded
 * text. The question states the topic, so it outweighs the answer; an entry whose text gives no clear evidence is
 * `other` rather than forced into a category it merely mentions.
 */
import { CATEGORIES, type Category } from '../../model';
import { scoreCategories, type CategoryLexicon } from '../../text/category';
import type { Fold } from '../fold';

/** A piece of folded text and how much its keyword hits count. */
export interface Part {
  text: string;
  weight: number;
}

/** Weight of a question or section heading: the author's own statement of the topic. */
export const QUESTION_WEIGHT = 5;
/** Weight of the headings an entry sits under (【充值与提现】 above 提现多久到账？). */
export const CONTEXT_WEIGHT = 2;
/** Weight of the topic phrase (problem subject, announced how-to) of a headless paragraph. */
export const TOPIC_PHRASE_WEIGHT = 3;
/** Weight of a paragraph's first (topic) sentence. */
export const TOPIC_SENTENCE_WEIGHT = 2;

/** Least total evidence for any category; below it the entry is `other`. */
const MIN_EVIDENCE = 2;
/**
 * Without a keyword of weight in its question, the answer decides only with this much evidence and a lead of
 * BODY_ONLY_MARGIN over the runner-up: a procedure that mentions 密码 in one step is not about passwords.
 */
const BODY_ONLY_EVIDENCE = 4;
const BODY_ONLY_MARGIN = 1.5;
/** Evidence below this (or a lead this narrow) is reported as a low-evidence category. */
export const LOW_EVIDENCE = 4;

/**
 * Examples listed after 例如/比如/如/包括 … 等 name other problems in passing
 * ("如账户问题、交易异常、退款、投诉建议等"); they are not the text's topic, so they are not scored.
 */
const EXAMPLE_LIST = /(^|[,。;:!?\s])(?:例如|比如|譬如|诸如|包括|像是|如(?![何果今此同]))[^,。;:!?]*?、[^,。;!?]*?等/g;

/** "是什么原因", "什么原因" ask for a cause, not for what something is (about's 是什么): not scored. */
const CAUSE_QUESTION = /是?什么原因/g;

export function scoringText(norm: string): string {
  return norm.replace(EXAMPLE_LIST, '$1').replace(CAUSE_QUESTION, ' ');
}

export function scoreParts(parts: Part[], lexicon: CategoryLexicon): Map<Category, number> {
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
export function bestCategory(scores: Map<Category, number>, lexicon: CategoryLexicon): Category | undefined {
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

export function topScore(scores: Map<Category, number>): number {
  return Math.max(0, ...scores.values());
}

/** How an entry's category was decided, for the build report. */
export interface CategoryChoice {
  category: Category;
  /** The winning category's weighted score (Infinity when the source states the category). */
  evidence: number;
  /** The runner-up's weighted score. */
  runnerUp: number;
  /** True when the source states the category (a structured source's column). */
  stated: boolean;
  /** A category the source states that names none of ours (售后, FAQ): the text chose instead, and the report says so. */
  unknownStated?: string;
}

/**
 * The category of a headed entry. A question (with the headings above it) that names a topic outweighs the answer;
 * one that names none leaves the answer to decide, which it does only with clear evidence spread over more than
 * one of its paragraphs or steps (a passing mention in one step is no topic). Too little evidence makes it `other`.
 */
export function chooseCategory(question: string, context: string[], answer: string[], lexicon: CategoryLexicon): CategoryChoice {
  const asked = scoreParts([{ text: question, weight: 1 }, ...context.map((text) => ({ text, weight: CONTEXT_WEIGHT / QUESTION_WEIGHT }))], lexicon);
  const topical = topScore(asked) >= MIN_EVIDENCE;
  const scores = scoreParts(
    answer.map((text) => ({ text, weight: 1 })),
    lexicon,
  );
  for (const [c, s] of asked) scores.set(c, (scores.get(c) ?? 0) + s * (topical ? QUESTION_WEIGHT : 1));
  const choice = decideCategory(scores, lexicon, topical);
  if (topical || choice.category === 'other' || answer.length < 2) return choice;
  const spread = answer.filter((text) => (scoreParts([{ text, weight: 1 }], lexicon).get(choice.category) ?? 0) > 0).length;
  return spread >= 2 ? choice : { ...choice, category: 'other' };
}

/**
 * The category for weighted scores: the best one when it has evidence enough; without a topical statement (a
 * question naming a topic, a topic sentence) also a clear lead over the runner-up. Otherwise `other`.
 */
export function decideCategory(scores: Map<Category, number>, lexicon: CategoryLexicon, topical: boolean): CategoryChoice {
  const ranked = [...scores.values()].sort((a, b) => b - a);
  const [top = 0, runnerUp = 0] = ranked;
  const best = bestCategory(scores, lexicon);
  const enough = topical ? top >= MIN_EVIDENCE : top >= BODY_ONLY_EVIDENCE && top >= BODY_ONLY_MARGIN * runnerUp;
  return { category: best && enough ? best : 'other', evidence: top, runnerUp, stated: false };
}

/** What joins the parts of a category's label (防骗与诈骗提醒, 交易异常与未到账). */
const LABEL_JOINERS = /与|和|及|、|\//;

/**
 * The categories a category a source states names, folded: an id (refund), a label (退款), one part of a label (防骗
 * of 防骗与诈骗提醒), or a name the lexicon's keywords give to one category before any other (商户, 换绑手机, 退款
 * Refund). A CMS names its categories in its own words; any of these says which category it means. A part that
 * another label also holds says nothing of its own (账户 of 账户与交易安全 is in 账户注册与管理 too): the keywords
 * decide. A broader category than ours names each it spans: its joined parts (充值与提现), or the categories its
 * keywords give equal weight (充值提现). Empty when it names none.
 */
export function statedCategories(value: string, lexicon: CategoryLexicon, fold: Fold): Category[] {
  const wanted = fold(value.trim());
  const one = namedCategory(wanted, lexicon, fold);
  if (one) return [one];
  const joined = wanted.split(LABEL_JOINERS).map((part) => part.trim());
  if (joined.length > 1) {
    const parts = joined.map((part) => namedCategory(part, lexicon, fold));
    if (parts.every((c) => c !== undefined)) return [...new Set(parts as Category[])];
  }
  const [best, ...rest] = scoreCategories(wanted, lexicon);
  return best ? [best.category, ...rest.filter((s) => s.score === best.score).map((s) => s.category)] : [];
}

/** The one category a folded name names (see statedCategories), if any. */
function namedCategory(wanted: string, lexicon: CategoryLexicon, fold: Fold): Category | undefined {
  if ((CATEGORIES as readonly string[]).includes(wanted)) return wanted as Category;
  const categories = Object.keys(lexicon) as Category[];
  const labelled = categories.find((c) => fold(lexicon[c].label) === wanted);
  if (labelled) return labelled;
  const parts = categories.filter((c) => fold(lexicon[c].label).split(LABEL_JOINERS).includes(wanted));
  const elsewhere = (part: Category) => categories.some((c) => c !== part && fold(lexicon[c].label).includes(wanted));
  if (parts.length === 1 && !elsewhere(parts[0])) return parts[0];
  const [best, runnerUp] = scoreCategories(wanted, lexicon);
  return best && (!runnerUp || best.score > runnerUp.score) ? best.category : undefined;
}
