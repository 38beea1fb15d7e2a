/**
 * @module Contact questions: whether a query only asks how to reach customer service ("X客服电话是多少", "几点上班",
 * "邮箱", "官网", "在线客服在哪", "怎么转人工"), and which parts of the contact guidance it asks for. Such a question is
 * answered from the provider's contact guidance (answer.ts), whether or not one of its entries is phrased that way.
 */
import type { ChannelType } from '../model';
import type { Concept, QueryAnalysis } from './query';

/** A part of the contact guidance a question can ask for. */
export type ContactAspect = ChannelType | 'hours' | 'human' | 'prepare';

/**
 * Words (normalized: simplified, lower case) that ask for one part of the contact guidance. A concept asks for it
 * when its text, or one of its readings or synonyms, contains one of them.
 */
const ASPECT_WORDS: Record<ContactAspect, readonly string[]> = {
  phone: ['电话', '热线', '专线', '号码', '拨打', '来电', 'phone', 'hotline', 'call', 'number', 'tel'],
  email: ['邮箱', '邮件', '电邮', 'email', 'e-mail', 'mail'],
  website: ['官网', '网站', '网址', '网页', 'website', 'site', 'web'],
  online_chat: ['在线客服', '在线聊天', '在线咨询', '在线', '聊天', 'online', 'chat'],
  app: ['app', '客户端', '应用'],
  wechat: ['微信', '公众号', 'wechat', 'weixin'],
  weibo: ['微博', 'weibo'],
  hours: ['几点', '上班', '下班', '工作时间', '服务时间', '营业时间', '24小时', '周末', '节假日', '有人接', 'hours', 'open'],
  human: ['人工', '真人', '转人工', 'human', 'agent', 'person'],
  prepare: ['准备', '资料', '材料', '带什么', 'prepare'],
};

/** Words that ask how to reach customer service without naming a channel. */
const CONTACT_WORDS: readonly string[] = ['客服', '联系', '联系方式', '找客服', '服务台', 'customer', 'service', 'support', 'contact'];

/**
 * Words that carry no topic of their own in a contact question (question words, small verbs, politeness): "有" in
 * 有微信公众号吗, "是什么" in 邮箱是什么. Any other word (退款, 打不通, 地址) makes the question about something else.
 */
const FRAME_WORDS: ReadonlySet<string> = new Set([
  '有', '是', '是什么', '是多少', '什么', '多少', '哪', '在哪', '哪里', '几', '吗', '呢', '找', '打', '可以', '能', '要', '想',
  '问', '问一下', '请问', '咨询', '一下', '知道', '告诉', '给', '查', '查询', '获取', '得到', '号', '方式', '办法', '渠道',
  '官方', '24', '小时', '时间', '接', '有人', '前', '之前', '才能', '到', '拨', '打给', '找到', '转', 'is', 'what', 'where', 'the', 'your', 'a', 'of', 'to', 'how', 'get',
  'find', 'do', 'i', 'are', 'available', 'official',
]);

/** What a contact question asks for. */
export interface ContactAsk {
  /** The parts asked for, in the order the question names them; empty when it asks only how to reach them. */
  aspects: ContactAspect[];
}

/**
 * The contact question a query asks, or null when it asks about something else: every concept must be a contact
 * word or a frame word, and at least one a contact word (or the query asks about hours).
 */
export function contactQuestion(analysis: QueryAnalysis): ContactAsk | null {
  const aspects: ContactAspect[] = [];
  let contact = false;
  for (const concept of analysis.concepts) {
    const asked = aspectsOf(concept);
    if (asked.length > 0) {
      contact = true;
      for (const a of asked) if (!aspects.includes(a)) aspects.push(a);
    } else if (isContactWord(concept)) contact = true;
    else if (!isFrameWord(concept.surface)) return null;
  }
  if (analysis.asksHours && !aspects.includes('hours')) aspects.push('hours');
  return contact || analysis.asksHours ? { aspects } : null;
}

/** The aspects one concept asks for (its text and every reading or synonym of it). */
function aspectsOf(concept: Concept): ContactAspect[] {
  const out: ContactAspect[] = [];
  for (const [aspect, words] of Object.entries(ASPECT_WORDS) as [ContactAspect, readonly string[]][]) {
    if (mentions(concept, words)) out.push(aspect);
  }
  return out;
}

function isContactWord(concept: Concept): boolean {
  return mentions(concept, CONTACT_WORDS);
}

/**
 * True when what the user typed for the concept, or a reading of it (pinyin, a homophone typo: 客服电化), holds one
 * of `words`: a Han word anywhere in it (客服电话 holds 电话), a Latin word only as a whole word (mail is not in
 * gmail). Synonyms do not count: 打不通 stands for 客服热线 in the index, but asks about a problem, not a number.
 */
function mentions(concept: Concept, words: readonly string[]): boolean {
  const texts = [concept.surface, ...concept.alternatives.filter((a) => a.via === 'pinyin' || a.via === 'sound').map((a) => a.term)];
  return texts.some((t) => words.some((w) => (/^[a-z-]+$/.test(w) ? t.split(' ').includes(w) : t.includes(w))));
}

/** A frame word (or a number: the 24 of 24小时 asked about). */
function isFrameWord(surface: string): boolean {
  return FRAME_WORDS.has(surface) || /^[0-9]+$/.test(surface);
}
