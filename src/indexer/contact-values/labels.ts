/**
 * @module Build-only: label–value lines ("客服电话：95xxx", "服務時間:工作日 9:00-18:00", "【官网】www.…"), split at the
 * first colon that is not inside a number, so the label of "服务时间：工作日 9:00-18:00" is 服务时间 and never
 * "服务时间：工作日 9"; the label's words tell the channel.
 */
import { isDigit, viewOf } from './fold';
import type { ChannelType } from '../../model';
import type { Normalize } from './types';

/** What a label says the value after it is: a channel of the model, a mini-program, or service hours. */
export type LabelKind = ChannelType | 'mini_program' | 'hours';

export interface LabelSplit {
  /** The label as written, without markers, brackets or bold markup; offsets into the line. */
  label: { text: string; start: number; end: number };
  /** The channel the label names, or null for a label of something else (订单号, 温馨提示). */
  kind: LabelKind | null;
  /** Everything after the colon (or the closing bracket), trimmed; offsets into the line. */
  rest: { text: string; start: number; end: number };
}

/** Colons as written in Chinese, Taiwanese and Latin text (the folded text has ASCII for ：). */
const COLON = /[:∶︰﹕]/;
/** A list marker, bullet or bold markup before the label. */
const LEAD = /^[ \t]*(?:(?:\d{1,2}[.、)]|[(（]\d{1,2}[)）]|[-*+•·▪◦●■◆▶]|[一二三四五六七八九十]、)[ \t]*)?(?:\*\*)?/;
/** A label in brackets with the value after it: 【客服电话】95188. */
const BRACKET_LABEL = /^【([^】\n]{1,20})】|^\[([^\]\n]{1,20})\](?!\()/;
/** Punctuation a label never holds: it would be a sentence, not a label. */
const NOT_IN_LABEL = /[,，。!！?？;；“”「」]/;

/** The label and the value of a label–value line, or null when the line has no label. */
export function splitLabel(line: string, normalize: Normalize): LabelSplit | null {
  const { folded } = viewOf(line, normalize);
  const lead = LEAD.exec(folded)![0].length;
  const bracket = BRACKET_LABEL.exec(folded.slice(lead));
  let labelStart = lead;
  let labelEnd: number;
  let restStart: number;
  if (bracket) {
    labelStart = lead + 1;
    labelEnd = labelStart + (bracket[1] ?? bracket[2]).length;
    restStart = labelEnd + 1;
    if (COLON.test(folded[restStart] ?? '')) restStart++;
  } else {
    const colon = labelColon(folded, lead);
    if (colon === -1) return null;
    labelEnd = colon;
    restStart = colon + 1;
  }
  // Bold markup around the label ("**客服电话**：") and spaces are not part of it.
  while (labelEnd > labelStart && /[\s*]/.test(folded[labelEnd - 1])) labelEnd--;
  while (labelStart < labelEnd && /\s/.test(folded[labelStart])) labelStart++;
  const labelText = line.slice(labelStart, labelEnd);
  if (!labelText || labelEnd - labelStart > 20 || NOT_IN_LABEL.test(labelText) || !/[\p{L}]/u.test(labelText)) return null;
  while (restStart < line.length && /[\s*]/.test(folded[restStart])) restStart++;
  let restEnd = line.length;
  while (restEnd > restStart && /\s/.test(line[restEnd - 1])) restEnd--;
  return {
    label: { text: labelText, start: labelStart, end: labelEnd },
    kind: labelKind(labelText, normalize),
    rest: { text: line.slice(restStart, restEnd), start: restStart, end: restEnd },
  };
}

/** The first colon after `from` that is not inside a number (9:00) or a URL (https://), or -1. */
function labelColon(folded: string, from: number): number {
  for (let i = from; i < folded.length && folded[i] !== '\n'; i++) {
    if (!COLON.test(folded[i])) continue;
    if (isDigit(folded[i - 1]) && isDigit(folded[i + 1])) continue;
    if (folded.startsWith('//', i + 1)) return -1;
    return i;
  }
  return -1;
}

/** Label words by kind, on normalized (simplified, lower-case) text; the first kind that matches wins. */
const LABEL_KINDS: [LabelKind, RegExp][] = [
  ['hours', /(?:服务|营业|工作|办公|在线|接听|客服|受理|开放|上班|值班|人工|热线|电话|咨询)的?时(?:间|段)|几点/],
  ['email', /邮箱|信箱|电邮|邮件|e ?mail|mail/],
  ['mini_program', /小程序|小程式/],
  ['wechat', /公众号|服务号|订阅号|微信/],
  ['weibo', /微博/],
  ['phone', /电话|热线|专线|手机|座机|号码|来电|致电|拨打|tel|phone|hotline|call/],
  ['online_chat', /在线客服|线上客服|网上客服|在线咨询|线上咨询|在线聊天|人工客服|智能客服|在线服务|chat/],
  ['website', /官网|网址|网站|网页|主页|链接|web|site|url|homepage/],
  ['app', /app|客户端|应用/],
];

/** The channel a label names (客服電話 → phone, 服務時間 → hours), or null. */
export function labelKind(label: string, normalize: Normalize): LabelKind | null {
  const n = normalize(label);
  for (const [kind, re] of LABEL_KINDS) if (re.test(n)) return kind;
  return null;
}
