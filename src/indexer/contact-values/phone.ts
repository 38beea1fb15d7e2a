/**
 * @module Build-only: phone numbers in text. Digit groups joined by spaces, one dash or an area code's brackets form
 * a candidate; its digits and grouping must have the shape of a real number (mainland, Taiwan, Hong Kong, toll-free,
 * service or international), and the text around it must not make it a date, time, amount, ID or order number.
 */
import { isDigit, sentenceAround, type TextView } from './fold';
import { hrefFor } from './href';
import { isShortPublicNumber } from './public-services';
import type { PhoneValue, Unowned } from './types';

interface Group {
  start: number;
  end: number;
  digits: string;
}

const DASHES = '\\-‐‑‒–—―−﹣';
const SPACES = ' \\u00a0\\u2009\\u202f';
/** The most digit groups one number is written in: +86 (0)21 6888 8888. */
const MAX_GROUPS = 6;
const DASH = new RegExp(`[${DASHES}]`);
/** What may stand between two digit groups of one number: spaces, one dash, or the brackets of an area code. */
const JOIN = new RegExp(`^[${SPACES}]{0,2}(?:[${DASHES}]|\\)[${SPACES}]?[${DASHES}]?|\\()?[${SPACES}]{0,2}$`);
/** Punctuation that makes digits on both sides one token: 9:00, 1,000, 2.5, 2024/01/15. */
const NUMBER_GLUE = /[.,:/∶]/;
/** An opening bracket and/or a plus right before the first group: (010)…, +86…, (+86)… */
const LEAD = /(?:\([ ]?)?\+[ ]?$|\($/;
/** Country codes of the mainland, Hong Kong, Macau and Taiwan. */
const COUNTRY = /^(?:86|852|853|886)$/;
/** An extension after the number: 转 8001, 轉8001, 分机 12, ext. 12, x12, (转8001). */
const EXTENSION = /^(?:[ \u00a0]?\([ ]?(?:转|分机号?|内线|ext\.?)[ ]?:?[ ]?(\d{1,6})[ ]?\)|[ \u00a0]?(?:转|分机号?|内线|ext\.?)[ ]?:?[ ]?(\d{1,6})|x(\d{1,6}))(?!\d|[:.,]\d)/;

/** Call words: an ambiguous short or local number counts only next to one (拨打110, 向12315投诉). */
const CALL_BEFORE = /(?:电话|热线|专线|手机|座机|号码|致电|拨打|拨|打|联系|咨询|投诉|举报|报警|求助|客服|服务台|tel|phone|call|hotline)[^0-9]{0,6}$/;
const CALL_AFTER = /^[ ]?(?:投诉|举报|报警|求助|咨询|热线|专线|电话|反诈)/;
/** Between two numbers of one list: 96110或110, 95188、95588. */
const LIST_JOIN = /^[ ]?(?:或者?|、|和|及|\/|,|，|or)[ ]?[(+]?$/;
/** A label that makes the digits after it something other than a phone number. */
const NOT_A_PHONE_LABEL =
  /(?:(?:订单|交易|流水|业务|账|帐|户|卡|证件|身份证|护照|会员|工|批次|合同|保单|快递|运单|物流|商户|客户|用户|产品|型|序列|条码|参考|凭证|授权|申请|受理|工单|单|编)号码?|身份证|证件|邮编|邮政编码|验证码|校验码|密码|金额|余额|单价|价格|总价|数量|编码|代码|尾号|限额|额度|编号|\bid|\bno\.?|\bsn|第|[¥￥$€£]|rmb|cny|usd|hkd|twd|nt\$?|人民币)[\s:为是]{0,3}$/;
/** A fax number is not a number to call, unless its label names a voice line too (电话/传真). */
const isFaxLabel = (label: string) => /传真|fax/.test(label) && !/电话|热线|tel/.test(label);
/** A service number's line after a dash (95188-6, 95566-8): the digits to key in once the number answers. */
const SUB_LINE = new RegExp(`^9[56]\\d{3}[${DASHES}]\\d{1,2}$`);
/** A unit right after the digits makes them a quantity: 95000元, 12345人, 110km. */
const UNIT_AFTER = /^[ ]?(?:[元块圆万亿%‰人个次笔天年月日秒张位条件台岁份倍期辆套项克斤吨米折度]|号(?!码)|分(?!机)|小时|分钟|kb|mb|gb|km|kg|cm|mm|ml)/;

/** Every phone number in the text, in order, with its `tel:` link and extension. */
export function findPhones(view: TextView): Unowned<PhoneValue>[] {
  const out: Unowned<PhoneValue>[] = [];
  let covered = 0;
  for (const chain of digitChains(view.folded)) {
    for (let i = 0; i < chain.length; ) {
      // Digits an earlier number took as its extension start nothing.
      if (chain[i].start < covered) {
        i++;
        continue;
      }
      let found: { value: Unowned<PhoneValue>; next: number } | null = null;
      // A number listed right after another (拨打96110或110) shares its call word.
      const listed = out.length > 0 && LIST_JOIN.test(view.folded.slice(out[out.length - 1].end, chain[i].start));
      for (let j = Math.min(chain.length, i + MAX_GROUPS) - 1; j >= i && !found; j--) {
        const dashed = j < chain.length - 1 && DASH.test(view.folded.slice(chain[j].end, chain[j + 1].start));
        const value = phoneAt(view, chain, i, j, listed, dashed);
        if (value) found = { value, next: j + 1 };
      }
      // A chain whose head starts no number (a card number, an ID in groups) yields nothing from its tail either.
      if (!found) break;
      out.push(found.value);
      covered = found.value.end;
      i = found.next;
    }
  }
  return out;
}

/** Runs of digit groups that could be one number or several numbers side by side. */
function digitChains(folded: string): Group[][] {
  const chains: Group[][] = [];
  let chain: Group[] = [];
  for (const m of folded.matchAll(/\d+/g)) {
    const group = { start: m.index, end: m.index + m[0].length, digits: m[0] };
    const prev = chain[chain.length - 1];
    if (prev && (isGlued(folded, group) || !JOIN.test(folded.slice(prev.end, group.start)))) {
      chains.push(chain);
      chain = [];
    }
    if (isGlued(folded, group)) continue;
    chain.push(group);
  }
  if (chain.length) chains.push(chain);
  return chains;
}

/** A group that is part of a time, decimal, date or version (9:00, 1.5, 2024/01/15) or of a word (v3, 5G, 20%). */
function isGlued(folded: string, g: Group): boolean {
  const before = folded[g.start - 1] ?? '';
  const after = folded[g.end] ?? '';
  if (NUMBER_GLUE.test(before) && isDigit(folded[g.start - 2])) return true;
  if (NUMBER_GLUE.test(after) && isDigit(folded[g.end + 1])) return true;
  return /[a-z]/.test(before) || /[a-z%‰]/.test(after);
}

/** The phone number made of groups i..j of a chain, or null when their shape or context says otherwise. */
function phoneAt(
  view: TextView,
  chain: Group[],
  i: number,
  j: number,
  listed: boolean,
  dashed: boolean,
): Unowned<PhoneValue> | null {
  const { folded, text } = view;
  const groups = chain.slice(i, j + 1);
  let start = groups[0].start;
  let end = groups[groups.length - 1].end;
  const lead = LEAD.exec(folded.slice(Math.max(0, start - 4), start));
  // A country code in brackets stands for the plus: (852) 2345 6789, (886)2-2345-6789.
  const bracketedCountry = !!lead && lead[0].endsWith('(') && COUNTRY.test(groups[0].digits) && folded[groups[0].end] === ')';
  const plus = (!!lead && lead[0].includes('+')) || (bracketedCountry && groups.length > 1);
  if (lead) {
    // A bracket belongs to the number only when the number closes it: (010)12345678, not (电话021-…).
    const bracket = lead[0].indexOf('(');
    const closed = folded.slice(start, end).includes(')');
    start -= bracket !== -1 && !closed ? lead[0].length - bracket - 1 : lead[0].length;
  }
  const subLine = groups.length === 2 && SUB_LINE.test(folded.slice(start, end));
  const shape = subLine ? { needsCall: false } : shapeOf(groups.map((g) => g.digits).join(''), groups.map((g) => g.digits.length), plus);
  // Digits that run on after a dash (1999-01-01) are one token; only a number of unmistakable shape ends there.
  if (!shape || (dashed && shape.needsCall)) return null;
  const [sentenceStart, sentenceEnd] = sentenceAround(folded, start, end);
  const before = folded.slice(Math.max(sentenceStart, start - 12), start);
  if (NOT_A_PHONE_LABEL.test(before) || isFaxLabel(before.replace(/^[^]*\d/, ''))) return null;
  const ext = EXTENSION.exec(folded.slice(end, sentenceEnd));
  if (ext) end += ext[0].length;
  const after = folded.slice(end, sentenceEnd);
  if (UNIT_AFTER.test(after)) return null;
  if (shape.needsCall && !listed && !CALL_BEFORE.test(before) && !CALL_AFTER.test(after)) return null;
  const value = text.slice(start, end);
  const extension = ext ? (ext[1] ?? ext[2] ?? ext[3]) : subLine ? groups[1].digits : undefined;
  return { kind: 'phone', value, start, end, href: hrefFor({ kind: 'phone', value })!, ...(extension ? { extension } : {}) };
}

/**
 * Whether the digits, grouped as written, have the shape of a phone number, and whether the shape alone says so
 * (`needsCall: false`) or only a call word next to it can (short service numbers, local numbers without area code).
 */
export function shapeOf(digits: string, sizes: number[], plus: boolean): { needsCall: boolean } | null {
  const n = digits.length;
  const single = sizes.length === 1;
  if (plus) return n >= 8 && n <= 15 ? { needsCall: false } : null;
  // International prefix 00 with the country codes of the mainland, Hong Kong, Macau and Taiwan.
  if (/^00(?:86|852|853|886)/.test(digits)) return n >= 11 && n <= 15 ? { needsCall: false } : null;
  // 400/800 numbers: 400-820-8888, 4008-208-888, 4008208888.
  if (/^[48]00\d{7}$/.test(digits) && sizes.every((s) => s >= 2)) return { needsCall: false };
  // Mainland mobiles: 13800138000, 138 0013 8000.
  if (/^1[3-9]\d{9}$/.test(digits) && (single || sizes.every((s) => s >= 3))) return { needsCall: false };
  // Numbers with a trunk 0: mainland and Taiwan landlines with area code, Taiwan 0800 and 09xx mobiles.
  if (/^0[1-9]\d{7,10}$/.test(digits) && (single || (sizes[0] >= 2 && sizes[0] <= 4 && sizes.slice(1).every((s) => s >= 3))))
    return { needsCall: false };
  if (!single && !(sizes.length === 2 && (sizes[0] === 3 || sizes[0] === 4) && sizes[1] === 4)) return null;
  // Nationwide service numbers 95xxx/96xxx (95188, 95516, 96110).
  if (/^9[56]\d{3}$/.test(digits) && single) return { needsCall: false };
  // Short and long service numbers (10086, 12315, 1010xxxx, 95xxxxxx) and emergency numbers (110).
  if (single && (/^1\d{4}$/.test(digits) || /^10\d{6}$/.test(digits) || /^9[56]\d{6}$/.test(digits) || isShortPublicNumber(digits)))
    return { needsCall: true };
  // Local numbers without area code: mainland 7–8 digits, Hong Kong and Macau 8 digits (2345 6789).
  if (/^[2-9]\d{6,7}$/.test(digits)) return { needsCall: true };
  return null;
}
