/** @module The chatbot answer: whether the corpus answers a query, from whose sources, how confidently, and the ready-to-send text. */
import type { ChannelType, Contact, Provider } from '../model';
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

/** Everything /v1/answer says, before it is presented as JSON. */
export interface Answer {
  answered: boolean;
  confidence: number;
  /** The provider the question is about (the `provider` parameter, else the one it names), or null. */
  provider: Provider | null;
  /** The answering entry: the named provider's or the general guidance's, never another provider's. */
  best: Hit | null;
  alternatives: AnswerAlternative[];
  contact: Contact | null;
  text: string;
}

/** Entries an answer reads: the best and its runners-up. */
const ANSWER_HITS = 3;

/** Alternatives an answer offers. */
const MAX_ALTERNATIVES = 2;

/**
 * The answer to `request` over an index whose postings are in memory (one that is not split, or whose shards are
 * loaded): a search isolated to the provider named (and the general guidance), then, when that does not answer a
 * question naming a provider in its text, a search of every provider for alternatives (see planAnswer).
 */
export function answer(engine: SearchEngine, request: AnswerRequest): Answer {
  const isolated = engine.search(isolatedSearch(request));
  const wider = widerSearch(request, isolated);
  return planAnswer(engine, request, isolated, wider && engine.search(wider));
}

/** `answer`, loading the shards of a split index that each search needs first. */
export async function answerAsync(engine: SearchEngine, request: AnswerRequest, load: ShardLoader): Promise<Answer> {
  const isolated = await engine.searchAsync(isolatedSearch(request), load);
  const wider = widerSearch(request, isolated);
  return planAnswer(engine, request, isolated, wider && (await engine.searchAsync(wider, load)));
}

/** The search an answer comes from: only the named provider's entries and the general guidance. */
function isolatedSearch(request: AnswerRequest): SearchParams {
  return { q: request.q, provider: request.provider, limit: ANSWER_HITS, isolate: true };
}

/**
 * The search for alternatives from every provider, when the isolated one did not answer a question that names a
 * provider in its text (a `provider` parameter is the caller's restriction, and holds for alternatives too).
 */
function widerSearch(request: AnswerRequest, isolated: SearchOutcome): SearchParams | null {
  if (request.provider || !isolated.provider || decide(isolated.hits).answered) return null;
  return { q: request.q, limit: ANSWER_HITS + MAX_ALTERNATIVES };
}

/**
 * Decides and writes the answer. It comes only from the isolated search, so a question about a provider is answered
 * from that provider's entries or the general guidance, or not at all. Alternatives are its runners-up; when it
 * did not answer, the wider search's best entries, where another provider's is labelled and offered only if it
 * states no contact value (a number or address of the wrong provider is what the user would dial). A question
 * that names one provider while the `provider` parameter restricts to another is not answered.
 */
export function planAnswer(engine: SearchEngine, request: AnswerRequest, isolated: SearchOutcome, wider: SearchOutcome | null): Answer {
  const provider = isolated.provider;
  const named = isolated.analysis.provider?.provider;
  if (request.provider && named && !named.general && named.id !== request.provider) {
    return { answered: false, confidence: 0, provider, best: null, alternatives: [], contact: null, text: composeText(null, null) };
  }
  const decision = decide(isolated.hits);
  const best = decision.answered ? isolated.hits[0] : null;
  const pool = best ? isolated.hits.slice(1) : (wider ?? isolated).hits;
  const alternatives: AnswerAlternative[] = [];
  for (const hit of pool) {
    if (alternatives.length === MAX_ALTERNATIVES) break;
    if (best && hit.entry.id === best.entry.id) continue;
    const otherProvider = isOtherProvider(engine, hit, provider);
    if (otherProvider && entryStatesContactValue(hit.entry, contactValues(engine.contactOf(hit.entry.provider)))) continue;
    alternatives.push({ hit, otherProvider });
  }
  const contact = isolated.contact;
  const text = composeText(best, contact, best && sourceLabel(engine, best, provider));
  return { answered: decision.answered, confidence: decision.confidence, provider, best, alternatives, contact, text };
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

const CHANNEL_LABEL: Record<ChannelType, string> = {
  phone: '客服电话',
  online_chat: '在线客服',
  email: '邮件',
  app: 'APP内帮助中心',
  website: '官方网站',
  wechat: '微信公众号',
  weibo: '微博',
};

/**
 * One line on how to reach the provider, built only from its contact guidance (no number is ever written
 * here: the articles give none, and an invented one is how users get scammed).
 */
export function contactLine(contact: Contact | null): string {
  if (!contact) return '如需人工帮助，请通过官方网站或应用内公布的官方客服渠道联系，谨防非官方渠道。';
  const channels = contact.channels.map((c) => CHANNEL_LABEL[c.type]);
  const via = channels.length ? `通过${[...new Set(channels)].join('、')}` : '通过官方渠道';
  // The general article's hours are an example ("很多公司会设定工作时间,如…"), never a provider's real hours.
  const hours = contact.hours && !contact.hours.general && !contact.general ? `（服务时间：${shortHours(contact.hours.text)}）` : '';
  const who = contact.general ? '官方客服' : `${contact.name}官方客服`;
  return `如需人工帮助，可${via}联系${who}${hours}，请只使用官方公布的渠道。`;
}

function shortHours(text: string): string {
  const m = /24\s*小时|周[一二三四五六日天]至周[一二三四五六日天][^，。,]*?\d{1,2}:\d{2}\s*[-–~至]\s*\d{1,2}:\d{2}/.exec(text);
  return m ? m[0].replace(/\s+/g, '') : text;
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
