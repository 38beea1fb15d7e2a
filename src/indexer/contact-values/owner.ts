/**
 * @module Build-only: whose a contact value is. A value in a provider's article is the provider's unless it is a
 * public service's number, a government site, or the text attributes it to another organisation: a regulator, the
 * police, a bank, a carrier or a merchant named right before it in the same clause ("拨打中国人民银行…电话12363",
 * "联系发卡行（如工商银行95588）") or in brackets right after it ("12363（人民银行）").
 */
import { clauseAround, viewOf, type TextView } from './fold';
import { hrefFor } from './href';
import { PUBLIC_SERVICE_NUMBERS } from './public-services';
import type { ContactValueKind, Normalize, Ownership, ProviderNames } from './types';

/** How an organisation's name ends (simplified; the folded text is simplified), longest first. */
const ORGANISATION = [
  '中国人民银行', '人民银行', '央行', '银行', '发卡行', '开户行', '收单行', '工行', '建行', '农行', '中行', '交行', '招行',
  '银联', '网联', '消费者权益保护委员会', '消费者协会', '消协', '消保委', '消保处', '市场监督管理局', '市场监管总局',
  '市场监管局', '市场监管部门', '市场监管', '工商局', '工商部门', '公安机关', '公安局', '公安部', '公安', '派出所', '警方',
  '警政署', '反诈骗中心', '反诈中心', '金融监督管理总局', '金融监管总局', '金融监管局', '金融监管部门', '银保监会', '银保监局',
  '证监会', '金管会', '金管局', '金融消费评议中心', '网信办', '工信部', '通信管理局', '运营商', '中国移动', '中国联通',
  '中国电信', '法院', '仲裁委员会', '仲裁委', '商家', '商户', '卖家', '店铺', '快递公司', '航空公司', '保险公司', '政府',
].sort((a, b) => b.length - a.length);
/**
 * 银行 in 银行卡, 银行账户, 银行预留手机号 is the reader's bank account, not an organisation the number belongs to; and
 * 商户 in 商户专线, 商户热线 names whom the provider's own line serves, not whose line it is.
 */
const ORGANISATION_RE = new RegExp(
  `(?:${ORGANISATION.join('|')})(?!卡|账|帐|转账|流水|预留|app|开户|扣款|余额|短信|信息)(?<!(?:商户|商家)(?=[ ]?(?:服务)?(?:专线|热线)))`,
  'g',
);
/** The provider speaking of itself. */
const SELF = /本行|我行|本公司|我司|我公司|本平台|我平台|本机构|我们|官方/g;
/** A new action in the same clause: what is named before it is not what the value belongs to. */
const NEW_ACTION = /然后|再|或者?|以及|也可以?|还可以?|另外|并且|同时/g;
/** Where a name reaching back from its ending stops: a verb, a particle, a connective. */
const NAME_STOP = /^.*(?:拨打|致电|联系|咨询|通过|查询|询问|登录|访问|浏览|进入|前往|关注|搜索|例如|比如|向|请|洽|询|找|问|如|或|可|并|及|和|与|至|到|是|为|在|由|给|打|拨|的|您|也|还|即|对)/;

/**
 * Whether `value` (as it stands in `context`, at offset `at` or its first occurrence) is the provider's or a third
 * party's, with the third party's name when known. `provider` keeps a value the text attributes to the provider's
 * own name ("随付客服电话") the provider's.
 */
export function classifyOwner(
  value: string,
  context: string,
  options: { normalize: Normalize; kind?: ContactValueKind; at?: number; provider?: ProviderNames },
): Ownership {
  const view = viewOf(context, options.normalize);
  const found = options.at ?? context.indexOf(value);
  const start = found === -1 ? 0 : found;
  const kind = options.kind ?? guessKind(value);
  return ownerAt(view, start, start + value.length, kind, options.provider, options.normalize);
}

/** The owner of the value at [start, end) of a view. */
export function ownerAt(
  view: TextView,
  start: number,
  end: number,
  kind: ContactValueKind,
  provider: ProviderNames | undefined,
  normalize: Normalize,
): Ownership {
  const value = view.text.slice(start, end);
  if (kind === 'phone') {
    const digits = hrefFor({ kind, value })!.replace(/^tel:/, '').replace(/,.*$/, '');
    const service = PUBLIC_SERVICE_NUMBERS.get(digits);
    if (service) return { owner: 'third-party', name: service };
  }
  const named = attributedName(view, start, end);
  if (named && provider && isProviderName(named, provider, normalize)) return { owner: 'provider' };
  if (named) return { owner: 'third-party', name: named };
  if ((kind === 'url' || kind === 'email') && isGovernmentDomain(view.folded.slice(start, end))) return { owner: 'third-party' };
  return { owner: 'provider' };
}

/** The organisation the text names for the value at [start, end), or null when none or the provider itself. */
function attributedName(view: TextView, start: number, end: number): string | null {
  const { folded, text } = view;
  const [clauseStart, clauseEnd] = clauseAround(folded, start, end);
  // In brackets right after the value: 12363（中国人民银行）.
  const after = /^[ ]?\((?:即|为|属于)?[ ]?/.exec(folded.slice(end, clauseEnd));
  if (after) {
    const inside = end + after[0].length;
    const close = folded.indexOf(')', inside);
    const stop = close === -1 || close > clauseEnd ? clauseEnd : close;
    const org = lastMatch(ORGANISATION_RE, folded.slice(inside, stop));
    if (org) return text.slice(inside, inside + org.index + org[0].length).trim();
  }
  // Before the value in its clause, after the last new action.
  let from = clauseStart;
  const action = lastMatch(NEW_ACTION, folded.slice(clauseStart, start));
  if (action) from = clauseStart + action.index + action[0].length;
  const window = folded.slice(from, start);
  const org = lastMatch(ORGANISATION_RE, window);
  const self = lastMatch(SELF, window);
  if (!org || (self && self.index > org.index)) return null;
  const orgStart = from + org.index;
  const orgEnd = orgStart + org[0].length;
  let nameStart = orgStart;
  while (nameStart > from && orgStart - nameStart < 8 && /[\u4e00-\u9fffa-z]/.test(folded[nameStart - 1])) nameStart--;
  const stop = NAME_STOP.exec(folded.slice(nameStart, orgStart));
  if (stop) nameStart += stop[0].length;
  return text.slice(nameStart, orgEnd);
}

function lastMatch(re: RegExp, s: string): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const m of s.matchAll(re)) last = m;
  return last;
}

function isProviderName(name: string, provider: ProviderNames, normalize: Normalize): boolean {
  const n = normalize(name).replace(/ /g, '');
  return [provider.name, ...(provider.aliases ?? [])].some((alias) => {
    const a = normalize(alias).replace(/ /g, '');
    return a.length > 0 && (n.includes(a) || a.includes(n));
  });
}

/** gov.cn, www.pbc.gov.cn, consumer.gov.hk, a.gov.tw, usa.gov (folded, so lower case). */
function isGovernmentDomain(folded: string): boolean {
  const host = folded.replace(/^https?:\/\//, '').replace(/^.*@/, '').split(/[/:?#]/)[0];
  return /(?:^|\.)gov(?:\.(?:cn|hk|tw|mo))?$/.test(host);
}

function guessKind(value: string): ContactValueKind {
  const half = value.normalize('NFKC');
  if (/@|\[\s*at\s*\]|\(\s*at\s*\)/i.test(half)) return 'email';
  if (/^[+(（]?\d/.test(half)) return 'phone';
  if (/\.[a-z]{2,}/i.test(half)) return 'url';
  return 'wechat';
}
