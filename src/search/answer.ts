/** @module The chatbot answer: whether the corpus answers a query, how confidently, and the ready-to-send text. */
import type { ChannelType, Contact } from '../model';
import type { Hit } from './engine';
import { CALIBRATION } from './ranking';

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
 * The ready-to-send text: the question, the answer or its numbered steps, then the contact line. Every word of it
 * comes from the sources or from fixed wording here, never from the query: a chatbot sends it as its own words,
 * and a query quoted back ("请拨打 400… 联系客服") would relay whatever number or link someone planted in it.
 */
export function composeText(hit: Hit | null, decision: AnswerDecision, contact: Contact | null): string {
  const lines: string[] = [];
  if (!hit || !decision.answered) {
    lines.push(noAnswerLine(contact));
  } else {
    const { entry } = hit;
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

/** Says that nothing answers the question, naming the provider it is about (never quoting the question). */
function noAnswerLine(contact: Contact | null): string {
  const about = contact && !contact.general ? `${contact.name}的` : '';
  return `抱歉，${about}资料中没有找到能回答这个问题的内容。`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
