/** @module The chatbot answer: whether the corpus answers a query, from whose sources, how confidently, and the ready-to-send text. */
import type { Category, Contact, Provider } from '../model';
import { contactAnswer, contactLine, type Citation, type ContactCoverage } from './contact-answer';
import { contactQuestion, type ContactAsk } from './contact-intent';
import { contactValues, entryStatesContactValue } from './contact-values';
import type { Hit, SearchEngine, SearchOutcome, SearchParams } from './engine';
import type { ShardLoader } from './shards';
import { CALIBRATION } from './ranking';

/** An answer request after validation. */
export interface AnswerRequest {
  q: string;
  provider?: string;
}

/** An entry offered beside the answer (or instead of one). */
export interface AnswerAlternative {
  hit: Hit;
  /** The entry is neither the named provider's nor the general guidance: offered only because they cover nothing. */
  otherProvider: boolean;
}

/**
 * What kind of answer it is: an entry that answers the question, the provider's contact guidance for a question
 * that only asks how to reach customer service, or none.
 */
export type AnswerKind = 'entry' | 'contact' | 'none';

/** Everything /v1/answer says, before it is presented as JSON. */
export interface Answer {
  kind: AnswerKind;
  answered: boolean;
  confidence: number;
  /** The provider the question is about (the `provider` parameter, else the one it names), or null. */
  provider: Provider | null;
  /** The answering entry: the named provider's or the general guidance's, never another provider's. */
  best: Hit | null;
  /**
   * The entry the decision was about, answered or not (`best` when answered): what a lower confidence threshold
   * would answer with. For evaluating the decision (test/eval); not part of the response.
   */
  candidate: Hit | null;
  /** What the decision read of the candidate, for an entry answer (for evaluating and fitting; not in the response). */
  features: DecisionFeatures | null;
  alternatives: AnswerAlternative[];
  contact: Contact | null;
  /** The statements of the contact guidance a contact answer states, with their sources; [] for other kinds. */
  citations: Citation[];
  text: string;
}

/** Entries an answer reads: the best and its runners-up. */
const ANSWER_HITS = 3;

/** Alternatives an answer offers. */
const MAX_ALTERNATIVES = 2;

/**
 * The answer to `request` over an index whose postings and entries are in memory (one that is not split, or whose
 * shards are loaded): a search isolated to the provider named (and the general guidance), when needed a wider
 * search (see widerSearch), then the plan (planAnswer).
 */
export function answer(engine: SearchEngine, request: AnswerRequest): Answer {
  const isolated = engine.search(isolatedSearch(request));
  const wider = widerSearch(engine, request, isolated);
  return planAnswer(engine, request, isolated, wider && engine.search(wider));
}

/** `answer`, loading the shards of a split index that its searches and entries need first. */
export async function answerAsync(engine: SearchEngine, request: AnswerRequest, load: ShardLoader): Promise<Answer> {
  const isolated = await engine.searchAsync(isolatedSearch(request), load);
  const wider = widerSearch(engine, request, isolated);
  const second = wider && (await engine.searchAsync(wider, load));
  const cited = citedEntryId(engine, isolated);
  if (cited) await engine.entryAsync(cited, load);
  return planAnswer(engine, request, isolated, second);
}

/** The search an answer comes from: only the named provider's entries and the general guidance. */
function isolatedSearch(request: AnswerRequest): SearchParams {
  return { q: request.q, provider: request.provider, limit: ANSWER_HITS, isolate: true };
}

/**
 * The search for alternatives from every provider, when the isolated one did not answer a question that names a
 * provider in its text (and is not a contact question, which the contact guidance answers). A `provider`
 * parameter is the caller's restriction, and holds for alternatives too.
 */
function widerSearch(engine: SearchEngine, request: AnswerRequest, isolated: SearchOutcome): SearchParams | null {
  if (request.provider || !isolated.provider || contactQuestion(isolated.analysis)) return null;
  if (decide(ownFirst(engine, isolated.hits, isolated.provider), decisionContext(engine, isolated)).answered) return null;
  return { q: request.q, limit: ANSWER_HITS + MAX_ALTERNATIVES };
}

/** The contact guidance an answer gives: the provider's the question is about, or the general one for a contact question naming none. */
function contactFor(engine: SearchEngine, isolated: SearchOutcome, ask: ContactAsk | null): Contact | null {
  return isolated.contact ?? (ask ? engine.contactFor(null, 'contact') : null);
}

/** For a contact question, the id of the entry holding the statement its answer cites first (see contactAnswer). */
function citedEntryId(engine: SearchEngine, isolated: SearchOutcome): string | undefined {
  const ask = contactQuestion(isolated.analysis);
  const contact = ask && contactFor(engine, isolated, ask);
  const first = contact ? contactAnswer(contact, ask).citations[0] : undefined;
  return first && engine.entryIdHolding(first.source);
}

/**
 * Decides and writes the answer. A question that only asks how to reach customer service is answered from the
 * contact guidance of the provider it is about (the general guidance's when it names none). Any other comes only
 * from the isolated search, so a question about a provider is answered from that provider's entries or the general
 * guidance, or not at all. Alternatives are the runners-up; when it did not answer, the wider search's best
 * entries, where another provider's is labelled and offered only if it states no contact value (a number or address
 * of the wrong provider is what the user would dial). A question that names one provider while the `provider`
 * parameter restricts to another is not answered.
 */
export function planAnswer(engine: SearchEngine, request: AnswerRequest, isolated: SearchOutcome, wider: SearchOutcome | null): Answer {
  const provider = isolated.provider;
  const named = isolated.analysis.provider?.provider;
  if (request.provider && named && !named.general && named.id !== request.provider) {
    return { kind: 'none', answered: false, confidence: 0, provider, best: null, candidate: null, features: null, alternatives: [], contact: null, citations: [], text: composeText(null, null) };
  }
  const ask = contactQuestion(isolated.analysis);
  const contact = contactFor(engine, isolated, ask);
  if (ask && contact) {
    const found = contactAnswer(contact, ask);
    const cited = citingHit(engine, isolated, found.citations);
    const confidence = CONTACT_CONFIDENCE[found.coverage];
    if (cited) {
      // Below the threshold (a part asked for that the sources do not state) it is an honest no, whose text says
      // what is missing and gives what the sources do state.
      const answered = confidence >= CALIBRATION.threshold;
      const best = answered ? cited : null;
      return {
        kind: answered ? 'contact' : 'none',
        answered,
        confidence,
        provider,
        best,
        candidate: cited,
        features: null,
        alternatives: alternativesOf(engine, isolated.hits, best, provider),
        contact,
        citations: answered ? found.citations : [],
        text: [...found.lines, contactLine(contact)].join('\n'),
      };
    }
  }
  const hits = ownFirst(engine, isolated.hits, provider);
  const context = decisionContext(engine, isolated);
  const decision = decide(hits, context);
  const best = decision.answered ? hits[0] : null;
  const alternatives = alternativesOf(engine, best ? hits : (wider ?? isolated).hits, best, provider);
  const text = composeText(best, contact, best && sourceLabel(engine, best, provider));
  const kind = best ? 'entry' : 'none';
  const candidate = hits[0]?.wordMatch ? hits[0] : null;
  const features = decisionFeatures(hits, context);
  return { kind, answered: decision.answered, confidence: decision.confidence, provider, best, candidate, features, alternatives, contact, citations: [], text };
}

/**
 * The hits with the named provider's best entry moved before general guidance that ranked above it, when it is on
 * the same topic (category) and covers at least as much of the question: the provider's own words answer a question
 * about it better than general advice that merely scores higher (a general entry phrased like the question, 账户被锁
 * 定怎么办, against the provider's 我的账户被锁,怎么办?). An entry on another topic that happens to hold the same
 * words (a payment-failure entry that mentions 申请退款) does not answer what the general guidance does.
 */
function ownFirst(engine: SearchEngine, hits: Hit[], provider: Provider | null): Hit[] {
  if (!provider || provider.general || hits.length < 2 || !hits[0].wordMatch || hits[0].entry.provider === provider.id) return hits;
  const i = hits.findIndex((h) => h.entry.provider === provider.id);
  if (i < 1 || !hits[i].wordMatch || hits[i].entry.category !== hits[0].entry.category || hits[i].coverage < hits[0].coverage) return hits;
  if (hits.slice(0, i).some((h) => engine.providers.get(h.entry.provider)?.general !== true)) return hits;
  return [hits[i], ...hits.slice(0, i), ...hits.slice(i + 1)];
}

/** Confidence of a contact answer by how much of the question the provider's own guidance answers (ranking.ts). */
const CONTACT_CONFIDENCE: Record<ContactCoverage, number> = {
  own: CALIBRATION.contactOwn,
  general: CALIBRATION.contactGeneral,
  missing: CALIBRATION.contactMissing,
};

/**
 * The entry a contact answer is shown with: the one holding the statement it cites first, as the isolated search
 * ranked it when it did, else as a hit made for it (see SearchEngine.hitFor). Null when nothing is cited.
 */
function citingHit(engine: SearchEngine, isolated: SearchOutcome, citations: Citation[]): Hit | null {
  const first = citations[0];
  if (!first) return null;
  const { doc, start, end } = first.source;
  const ranked = isolated.hits.find((h) => h.entry.source.doc === doc && h.entry.source.start <= start && end <= h.entry.source.end);
  if (ranked) return ranked;
  const id = engine.entryIdHolding(first.source);
  return (id && engine.hitFor(id, isolated.analysis, first.text)) || null;
}

/**
 * Up to MAX_ALTERNATIVES entries of `pool` besides the answer; another provider's (see isOtherProvider) is labelled,
 * and left out when it states a contact value.
 */
function alternativesOf(engine: SearchEngine, pool: Hit[], best: Hit | null, provider: Provider | null): AnswerAlternative[] {
  const alternatives: AnswerAlternative[] = [];
  for (const hit of pool) {
    if (alternatives.length === MAX_ALTERNATIVES) break;
    if (best && hit.entry.id === best.entry.id) continue;
    const otherProvider = isOtherProvider(engine, hit, provider);
    if (otherProvider && entryStatesContactValue(hit.entry, contactValues(engine.contactOf(hit.entry.provider)))) continue;
    alternatives.push({ hit, otherProvider });
  }
  return alternatives;
}

/** True when `hit` is another provider's than the one the question is about (the general guidance never is). */
export function isOtherProvider(engine: SearchEngine, hit: Hit, provider: Provider | null): boolean {
  return provider !== null && hit.entry.provider !== provider.id && engine.providers.get(hit.entry.provider)?.general !== true;
}

/** The answer/no-answer decision for the best hit. */
export interface AnswerDecision {
  answered: boolean;
  /** 0..1: how likely the best entry answers the query (see CALIBRATION). */
  confidence: number;
}

/** What the decision knows besides the hits: whom the question is about, its intent, and the general guidance's id. */
export interface DecisionContext {
  provider: Provider | null;
  intent: Category | null;
  /** The general guidance's provider id (null: not known, as for hits judged on their own). */
  general: string | null;
}

/** The decision context of an isolated search. */
function decisionContext(engine: SearchEngine, isolated: SearchOutcome): DecisionContext {
  return { provider: isolated.provider, intent: isolated.category, general: engine.general.id };
}

/** What the decision reads of the best hit (0/1 for the yes/no ones); CALIBRATION.weights weighs each. */
export interface DecisionFeatures {
  /** Share of the whole question the entry supports (Hit.support). */
  support: number;
  /**
   * Share of the question's weight in words the corpus never uses (counted up to UNKNOWN_CAP): 1 − support ÷
   * coverage, as support counts them and coverage does not.
   */
  unknown: number;
  /** Matched weight in rarest-word units (Hit.evidence), capped: past a few words it says no more. */
  evidence: number;
  /** Relative lead of its score over the runner-up's, 0..1. */
  margin: number;
  /** Share of the question's concepts the entry's own question states (Hit.titled). */
  titled: number;
  /** It is a company introduction and the question is not asking what the company is. */
  about: number;
  /** Its category is the question's intent. */
  intent: number;
  /** The question names a provider and the entry is the general guidance's. */
  generalForNamed: number;
  /** The question names a provider (so the answer comes from its sources or the general guidance). */
  named: number;
  /**
   * The question names no provider and the entry is one provider's own procedure, not the general guidance: it
   * answers for that provider's users, and another's may differ.
   */
  providerForUnnamed: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The features of the best hit, or null when nothing matched on words. */
export function decisionFeatures(hits: Hit[], context: DecisionContext): DecisionFeatures | null {
  const top = hits[0];
  if (!top || !top.wordMatch) return null;
  const second = hits[1];
  const named = context.provider !== null && !context.provider.general;
  return {
    support: top.support,
    unknown: top.coverage > 0 ? Math.max(0, 1 - top.support / top.coverage) : 0,
    evidence: Math.min(top.evidence, CALIBRATION.evidenceCap),
    margin: second ? Math.min(1, Math.max(0, (top.score - second.score) / top.score)) : 1,
    titled: top.titled,
    about: top.entry.category === 'about' && context.intent !== 'about' ? 1 : 0,
    intent: context.intent !== null && top.entry.category === context.intent ? 1 : 0,
    generalForNamed: named && top.entry.provider !== context.provider!.id ? 1 : 0,
    named: named ? 1 : 0,
    providerForUnnamed: context.provider === null && context.general !== null && top.entry.provider !== context.general ? 1 : 0,
  };
}

/**
 * Decides from the ranked hits: nothing matched on words means no answer; otherwise the confidence is a logistic
 * model of the best entry answering the question (CALIBRATION: fitted on labelled questions, so a confidence of
 * 0.8 means about four in five such answers are right), and it answers at or above the threshold.
 */
export function decide(hits: Hit[], context: DecisionContext = { provider: null, intent: null, general: null }): AnswerDecision {
  const f = decisionFeatures(hits, context);
  if (!f) return { answered: false, confidence: round(hits[0] ? CALIBRATION.noWordMatchShare * hits[0].support : 0) };
  const w = CALIBRATION.weights;
  let z = CALIBRATION.intercept;
  for (const k of Object.keys(w) as (keyof DecisionFeatures)[]) z += w[k] * f[k];
  const confidence = round(sigmoid(z));
  return { answered: confidence >= CALIBRATION.threshold, confidence };
}

/**
 * The ready-to-send text: whose guidance it is when that is not plain, the question, the answer or its numbered
 * steps, then the contact line. Every word comes from the sources or from fixed wording here, never from the
 * query: a chatbot sends it as its own words, and a query quoted back ("请拨打 400… 联系客服") would relay whatever
 * number or link someone planted in it.
 */
export function composeText(best: Hit | null, contact: Contact | null, label: string | null = null): string {
  const lines: string[] = [];
  if (!best) {
    lines.push(noAnswerLine(contact));
  } else {
    const { entry } = best;
    if (label) lines.push(label);
    lines.push(entry.question);
    if (entry.steps.length) {
      const intro = entry.answer.split('\n')[0];
      if (intro && !entry.steps.some((s) => intro.includes(s.text))) lines.push(intro);
      entry.steps.forEach((s, i) => lines.push(`${i + 1}. ${s.title ? `${s.title}：` : ''}${s.text}`));
    } else {
      lines.push(entry.answer);
    }
  }
  lines.push(contactLine(contact));
  return lines.join('\n');
}

/**
 * Says whose guidance the answer is when the reader could take it for something else: general advice answering a
 * question about a provider (its wording says "数字钱包客服", meaning the user's own wallet's), or one provider's
 * procedure answering a question that named none. Null when the answer is plainly the right one's.
 */
function sourceLabel(engine: SearchEngine, best: Hit, provider: Provider | null): string | null {
  const own = engine.providers.get(best.entry.provider);
  if (!own || own.id === provider?.id) return null;
  if (provider && !provider.general) return `${provider.name}的资料中没有专门说明，以下是通用的处理建议：`;
  if (!provider && !own.general) return `以下是${own.name}的说明，其他平台的操作可能不同：`;
  return null;
}

/** Says that nothing answers the question, naming the provider it is about (never quoting the question). */
function noAnswerLine(contact: Contact | null): string {
  const about = contact && !contact.general ? `${contact.name}的` : '';
  return `抱歉，${about}资料中没有找到能回答这个问题的内容。`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
