/**
 * @module Build-only: questions written for text that has none (a headless topic, an intro, a contact footer): the
 * problem or how-to its topic sentence names, else a per-category template. Patterns read the folded text, and the
 * phrase they find is cut from the source text at the same offsets, so the question keeps the article's script.
 */
import type { Category } from '../../model';

/**
 * "账户被锁定是…常见的问题", "交易异常是一种较为常见的问题", "无法登录…可能是由于…": the subject of a clause
 * that calls itself a problem or names its cause.
 */
const PROBLEM_CLAUSE = /^(.{2,20}?)(?:可能|通常|往往|一般|常常|多半|大多)?是(?:由于|因为|.*(?:问题|问题之一|情况|现象|故障|难题)$)/;
const PRONOUN_SUBJECT = /^(?:这|那|此|它|其|该)/;
/** "下面将详细介绍如何顺利进行账户的注册与登录": the announced how-to. */
const HOW_TO_CLAUSE = /(?:介绍|说明|讲解|探讨|了解|教您|告诉您)(?:一下)?((?:如何|怎样|怎么)[^,。;:!?]+)/;
/** Longest subject phrase turned into a question; longer ones are whole clauses, not subjects. */
const MAX_SUBJECT_CHARS = 16;
const CLAUSE_SPLIT = /[,。;!?:]/;

/** A text and its folded form, offset-aligned. */
export interface Folded {
  text: string;
  norm: string;
}

/** The first sentence of a paragraph (its topic sentence), as [text, norm]. */
export function firstSentence(p: Folded): Folded {
  const m = /^.*?[。!?;]/.exec(p.norm);
  const end = m ? m[0].length : p.norm.length;
  return { text: p.text.slice(0, end), norm: p.norm.slice(0, end) };
}

/** Clauses of a sentence with their offsets. */
function clauses(s: Folded): Folded[] {
  const out: Folded[] = [];
  let start = 0;
  for (let i = 0; i <= s.norm.length; i++) {
    if (i === s.norm.length || CLAUSE_SPLIT.test(s.norm[i])) {
      const text = s.text.slice(start, i);
      const lead = text.length - text.trimStart().length;
      const body = { text: text.trim(), norm: s.norm.slice(start + lead, start + lead + text.trim().length) };
      if (body.text) out.push(body);
      start = i + 1;
    }
  }
  return out;
}

/** The problem named by the topic sentence, without a leading 用户. */
export function problemSubject(sentence: Folded): string | undefined {
  for (const clause of clauses(sentence)) {
    const m = PROBLEM_CLAUSE.exec(clause.norm);
    if (!m) continue;
    const skip = m[1].startsWith('用户') ? 2 : 0;
    const subject = clause.text.slice(skip, m[1].length).trim();
    if (subject.length >= 2 && subject.length <= MAX_SUBJECT_CHARS && !PRONOUN_SUBJECT.test(clause.norm.slice(skip))) return subject;
  }
  return undefined;
}

/** The how-to a sentence announces ("如何顺利进行账户的注册与登录"). */
export function howToPhrase(sentence: Folded): string | undefined {
  const m = HOW_TO_CLAUSE.exec(sentence.norm);
  if (!m) return undefined;
  const at = m.index + m[0].length - m[1].length;
  return sentence.text.slice(at, at + m[1].length).trim();
}

/** Per-category question used when the topic sentence names no subject. */
const QUESTION_TEMPLATES: Record<Category, (name: string) => string> = {
  contact: (p) => `如何联系${p}客服?`,
  account: (p) => `如何注册和管理${p}账户?`,
  login: (p) => `无法登录${p}怎么办?`,
  password: (p) => `忘记${p}密码怎么办?`,
  locked: (p) => `${p}账户被锁定怎么办?`,
  security: (p) => `如何保障${p}账户安全?`,
  'payment-failure': (p) => `${p}支付失败怎么办?`,
  transaction: (p) => `${p}交易异常或资金未到账怎么办?`,
  refund: (p) => `${p}如何申请退款?`,
  records: (p) => `如何查询${p}交易记录?`,
  complaint: (p) => `如何投诉${p}?`,
  international: (p) => `${p}是否支持国际支付?`,
  misoperation: (p) => `${p}误操作了怎么办?`,
  service: (p) => `${p}客服提供哪些服务?`,
  topup: (p) => `如何给${p}充值?`,
  withdrawal: (p) => `${p}如何提现?`,
  fees: (p) => `${p}收取哪些费用?`,
  'bank-card': (p) => `如何在${p}绑定或解绑银行卡?`,
  'phone-change': (p) => `如何更换${p}绑定的手机号?`,
  merchant: (p) => `${p}商户如何开通收款?`,
  invoice: (p) => `如何申请${p}发票?`,
  fraud: (p) => `如何防范冒充${p}的诈骗?`,
  about: (p) => `什么是${p}?`,
  other: (p) => `${p}的其他说明`,
};

/** The question of a text without one: from its topic sentence when that names a problem or how-to, else the template. */
export function generateQuestion(lead: Folded | undefined, category: Category, providerName: string): string {
  if (lead && category !== 'about') {
    const first = firstSentence(lead);
    const subject = problemSubject(first);
    if (subject) return `${subject}怎么办?`;
    const howTo = howToPhrase(first);
    if (howTo) return `${howTo}?`;
  }
  return QUESTION_TEMPLATES[category](providerName);
}
