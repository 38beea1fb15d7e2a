/**
 * @module Every ranking and answer-decision setting, in one place, each with what it does and why. The engine
 * (engine.ts), the indexes (word-index.ts, gram-index.ts), query analysis (query.ts) and the answer decision
 * (answer.ts) read them from here; docs/relevance.md explains how they are judged. One rule has no number: the
 * first place goes to the topic's own answer (engine.ts leadTopic), the named provider's entry of the best hit's
 * category, or for a question naming none the general guidance's when it covers as much.
 */
import type { WORD_FIELDS } from './index-options';
import type { Via } from './query';

/**
 * BM25+ of the word fields: MiniSearch's defaults (k1, b, and the lower bound d that the "+" adds for a field
 * holding the term at all). The build indexes with MiniSearch and the worker scores its postings bit for bit as
 * MiniSearch would (test/unit/parity.test.ts), so these must stay MiniSearch's values.
 */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/**
 * BM25 of the character-gram fallback: the word fields' k1 and b, without the "+" term, as a fallback should not
 * reward a gram for mere presence.
 */
export const GRAM_BM25 = { k: 1.2, b: 0.7 } as const;

/** Field boosts: a match in the question says more than one in the steps, which says more than the body. */
export const FIELD_BOOSTS: Record<(typeof WORD_FIELDS)[number], number> = { question: 3, steps: 1.5, answer: 1 };

/**
 * BM25's inverse document frequency of a term held by `df` of `count` entries (MiniSearch's form, always
 * positive). The one idf of the engine: word and gram scores and the weight of a query's concepts all use it.
 */
export function bm25Idf(count: number, df: number): number {
  return Math.log(1 + (count - df + 0.5) / (df + 0.5));
}

/**
 * How much a match through each kind of alternative counts (1 = the word the user typed): an inner word of a
 * longer word (支付 in 支付失败) is weaker evidence, a pinyin or homophone reading nearly as strong as the word,
 * a synonym's canonical words a little less; a character gram is the weakest, unless a lone character is all
 * the query has.
 */
export const WEIGHTS: Record<Via, number> = { own: 1, inner: 0.5, pinyin: 0.9, sound: 0.8, synonym: 0.7, gram: 0.35, loneGram: 0.8 };

/** Minimum keyword weight (data/categories.json) for a category to count as the query's intent. */
export const CATEGORY_THRESHOLD = 2;

/** Ranking multipliers, each applied to an entry's score as its comment says. */
export const BOOST = {
  /** An entry of the provider the user named. */
  namedProvider: 1.6,
  /** Provider-neutral guidance still applies when a provider is named. */
  generalWhenNamed: 1.0,
  /**
   * Another provider's entry when one was named (the general guidance included, by 数字钱包 or 电子钱包): still
   * useful if nothing else answers.
   */
  otherProvider: 0.4,
  /** The entry's category is the query's intent. */
  category: 1.35,
  /** Intros describe a company; keep them below real answers unless asked about. */
  about: 0.6,
  /** Weight of the bigram fallback inside a tier. */
  grams: 0.15,
  /** The entry that states the service hours the user asks about. */
  hours: 3,
  /** Coordination factor floor and power: score × (floor + (1 − floor) × coverage^power). */
  coordFloor: 0.2,
  coordPower: 1,
} as const;

/**
 * Length normalization of coverage. A long entry holds many words, so it covers much of any question by chance (an
 * article section that lists every problem users have, or repeats its keywords): coordination (BOOST.coord…) and
 * support count an entry's coverage × min(1, (LENGTH_PIVOT ÷ length)^LENGTH_POWER), where length is the entry's
 * indexed text length (its character grams, repeats included). The pivot is a length in characters, not a share of
 * the corpus average: how much an entry covers by chance depends on its own length, and an average would move every
 * entry's share whenever articles of another length are added. Answers up to about a thousand characters, the
 * length of a long FAQ answer, keep their coverage whole.
 */
export const LENGTH_PIVOT = 1000;
export const LENGTH_POWER = 0.5;

/**
 * Words the corpus never uses lower an entry's support (see Hit.support), but only up to this many of them, in
 * units of the rarest word's weight: a short query made of them is out of domain, while a long chatty question
 * always carries some (前天, 网上, 衣服) and must not be punished for its small talk.
 */
export const UNKNOWN_CAP = 1.5;

/**
 * Share of an unknown word's weight that an everyday word counts (显示, 修改, 朋友, 好像: the thousand most frequent
 * words of general Chinese that no domain list names; see general-words.ts everydayWords). The corpus not using one
 * says how the user phrased the question, not that it asks about something the corpus does not cover: 付款一直显示
 * 支付失败 asks about 支付失败. A word general Chinese uses less (股票, 保险, 护照) or does not know (花呗) names a
 * topic, and counts whole.
 */
export const EVERYDAY_UNKNOWN = 0.25;

/**
 * Share of a known word's weight an entry earns when the word right before it is one the corpus never uses
 * (游戏账号, 路由器密码): most likely that thing's account or password, not the one the corpus talks about.
 */
export const QUALIFIED_CREDIT = 0.4;

/**
 * Weight of a one-character concept relative to a word, in its share of the question and in the scores of its
 * matches: a single character is weak evidence either way (到, 查, 发 are mostly grammar, and a lone 锁 is a device
 * lock as readily as a locked account), unless it is all the query has.
 */
export const SINGLE_CHAR_WEIGHT = 0.5;

/**
 * Calibration of the answer decision (answer.ts). An entry answer's confidence is a logistic model of the
 * probability that the best entry answers the question: sigmoid(intercept + Σ weight × feature), over the features
 * of answer.ts DecisionFeatures. The weights are fitted (L2-regularized maximum likelihood) on labelled questions,
 * test/eval/queries.jsonl, answerable.jsonl and unanswerable.jsonl; `npm run eval -- --fit` refits them.
 * docs/relevance.md has the fit, the curve and the operating point.
 */
export const CALIBRATION = {
  intercept: -2.372,
  weights: { support: 3.412, unknown: -2.334, evidence: 0.741, margin: 1.501, titled: 2.516, about: -2.431, intent: 0.813, generalForNamed: -1.359, named: 0.849, providerForUnnamed: -1.262 },
  /** Evidence beyond this many rarest-word units adds nothing (long questions pile it up). */
  evidenceCap: 3,
  /** Confidence per unit of support when the best entry matched only on character grams (never an answer). */
  noWordMatchShare: 0.1,
  /**
   * Confidence at or above which /v1/answer answers: above the lowest threshold with precision ≥ 0.95 on the
   * calibration sets, raised for a margin as far as it costs them no right answer (the answers just above that
   * threshold are wrong more often than right). docs/relevance.md has the curve.
   */
  threshold: 0.65,
  /**
   * Confidence of a contact answer (a question that only asks how to reach customer service, answered from the
   * contact guidance), by how much of it the provider's own guidance states: every part asked for, or some part
   * only as the general guidance's advice. Each is the share of such answers on the calibration sets that were
   * right, smoothed ((right + 1) ÷ (answers + 2)). When a part asked for is not stated at all, the answer is an
   * honest no (below the threshold) that says what is missing.
   */
  contactOwn: 0.93,
  contactGeneral: 0.9,
  contactMissing: 0.3,
} as const;
