/** @module The chatbot answer: whether the corpus answers a query, from whose sources, how confidently, and the ready-to-send text. */
import type { Contact, Provider } from '../model';
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
  const wider = widerSearch(request, isolated);
  return planAnswer(engine, request, isolated, wider && engine.search(wider));
}

/** `answer`, loading the shards of a split index that its searches and entries need first. */
export async function answerAsync(engine: SearchEngine, request: AnswerRequest, load: ShardLoader): Promise<Answer> {
  const isolated = await engine.searchAsync(isolatedSearch(request), load);
  const wider = widerSearch(request, isolated);
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
function widerSearch(request: AnswerRequest, isolated: SearchOutcome): SearchParams | null {
  if (request.provider || !isolated.provider || contactQuestion(isolated.analysis) || decide(isolated.hits).answered) return null;
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
    return { kind: 'none', answered: false, confidence: 0, provider, best: null, alternatives: [], contact: null, citations: [], text: composeText(null, null) };
  }
  const ask = contactQuestion(isolated.analysis);
  const contact = contactFor(engine, isolated, ask);
  if (ask && contact) {
    const found = contactAnswer(contact, ask);
    const best = citingHit(engine, isolated, found.citations);
    if (best) {
      return {
        kind: 'contact',
        answered: true,
        confidence: CONTACT_CONFIDENCE[found.coverage],
        provider,
        best,
        alternatives: alternativesOf(engine, isolated.hits, best, provider),
        contact,
        citations: found.citations,
        text: [...found.lines, contactLine(contact)].join('\n'),
      };
    }
  }
  const decision = decide(isolated.hits);
  const best = decision.answered ? isolated.hits[0] : null;
  const alternatives = alternativesOf(engine, best ? isolated.hits : (wider ?? isolated).hits, best, provider);
  const text = composeText(best, contact, best && sourceLabel(engine, best, provider));
  const kind = best ? 'entry' : 'none';
  return { kind, answered: decision.answered, confidence: decision.confidence, provider, best, alternatives, contact, citations: [], text };
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
  /** 0..1: how likely the best entry answers the query. */
  confidence: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Decides from the ranked hits. Nothing matched on words means no answer; otherwise the odds come from the best
 * entry's support (the share of the whole query it accounts for) or, for long questions, its absolute evidence
 * (see Hit), whichever is stronger; a clear lead over the runner-up adds to them.
 */
export function decide(hits: Hit[]): AnswerDecision {
  const top = hits[0];
  if (!top || !top.wordMatch) return { answered: false, confidence: round(top ? CALIBRATION.noWordMatchShare * top.support : 0) };
  const second = hits[1];
  const margin = second ? Math.max(0, (top.score - second.score) / top.score) : 1;
  const share = sigmoid(CALIBRATION.steepness * (top.support - CALIBRATION.center));
  const evidence =
    sigmoid(CALIBRATION.evidenceSteepness * (top.evidence - CALIBRATION.evidenceCenter)) *
    sigmoid(CALIBRATION.evidenceGateSteepness * (top.support - CALIBRATION.evidenceMinSupport));
  const match = Math.max(share, evidence);
  const lead = 1 - CALIBRATION.marginShare + CALIBRATION.marginShare * Math.min(1, margin * CALIBRATION.marginScale);
  const confidence = match * lead;
  return { answered: confidence >= CALIBRATION.threshold, confidence: round(confidence) };
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
