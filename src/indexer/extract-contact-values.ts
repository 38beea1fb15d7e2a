/**
 * @module Build-only: the contact values a provider's articles state, as its guidance. Every phone number, e-mail
 * address, URL, WeChat account, mini-program and in-app path to service that the finders (./contact-values) see in
 * a unit is the provider's channel, with the value verbatim and the clause it stands in, unless the text gives it
 * to someone else (a regulator, a bank, another provider of the registry): then it is a third party's and never a
 * channel. The service hours are the best hours phrase of a clause about service; hours given as an example are
 * nobody's. Values are read in a unit's `labelled` text, so an item's label says what the value after it is.
 */
import { classifyOwner, findContactValues, hrefFor, labelKind, type ContactValue, type LabelKind } from './contact-values';
import { clauseRange, isVerbatim, sentenceAt, source, statement, textWithin, widen, type ParsedArticle, type Span, type Unit, type UnitText } from './contact-text';
import type { Fold } from './fold';
import type { Channel, ChannelType, HoursStatement, SourceSpan, ThirdPartyContact } from '../model';

interface Names {
  name: string;
  aliases?: readonly string[];
}

/** A provider and the other providers of the registry, whose names in the text make a value theirs. */
export interface Owners {
  provider: Names;
  /** Every other provider that is not the general guidance (whose name, 数字钱包, is any wallet). */
  others: readonly Names[];
}

/** What the values of a provider's articles say. */
export interface StatedValues {
  /** One channel per distinct value, in source order. */
  channels: Channel[];
  hours: HoursStatement | null;
  thirdParty: ThirdPartyContact[];
  /**
   * Where values that are not the provider's stand, as offsets into the unit's own text: no statement naming one of
   * the provider's channels may hold one.
   */
  foreign: { unit: Unit; start: number; end: number }[];
}

type AddressKind = Exclude<ContactValue['kind'], 'hours'>;

/** One value where it stands, with what the text makes of it. */
interface Found {
  unit: Unit;
  /** The text it was found in (`unit.labelled`): the value's offsets are into it. */
  text: UnitText;
  value: ContactValue;
  /** Whose it is: the provider's (null) or a named or unnamed third party's. */
  thirdParty: { name: string | null } | null;
  /** Where the value before it in its text ends (0 for the first): its label reaches back no further. */
  after: number;
  /** The channel a table's label cell says it is, for a name in a cell (see cellNames). */
  type?: ChannelType;
  /**
   * For a link's target (see linkValues): where the value stands in the file, outside the text; the value's offsets
   * are then those of the link's text.
   */
  target?: { start: number; end: number };
}

export function statedValues(doc: ParsedArticle, owners: Owners, fold: Fold): StatedValues {
  const found = doc.units.flatMap((unit) => valuesOf(unit, owners, fold));
  const addresses = found.filter((f) => f.value.kind !== 'hours');
  // An address the file does not hold as it reads (spelled with an HTML entity) is stated by no value.
  const stated = addresses.filter((f) => f.target || isVerbatim(f.text, f.value));
  const foreign = addresses.filter((f) => f.thirdParty);
  return {
    channels: channelsOf(stated.filter((f) => !f.thirdParty), fold),
    hours: hoursOf(found, fold),
    thirdParty: thirdPartiesOf(stated.filter((f) => f.thirdParty), fold),
    foreign: foreign.map((f) => ({ unit: f.unit, start: f.value.start - f.unit.labelShift, end: f.value.end - f.unit.labelShift })),
  };
}

/** The values of one unit, each with its owner: the finders' reading, then names of other providers before it. */
function valuesOf(unit: Unit, owners: Owners, fold: Fold): Found[] {
  const text = unit.labelled;
  const values = findContactValues(text.text, fold, { provider: owners.provider });
  const found = values.map((value, i): Found => {
    const base = { unit, text, value, after: i > 0 ? values[i - 1].end : 0 };
    if (value.kind === 'hours' || value.kind === 'app_path') return { ...base, thirdParty: null };
    if (value.owner === 'third-party') return { ...base, thirdParty: { name: value.ownerName ?? null } };
    const other = otherProviderBefore(text, value.start, owners, fold);
    return { ...base, thirdParty: other === null ? null : { name: other } };
  });
  return [...found, ...cellNames(unit, values, fold), ...linkValues(unit, values, owners, fold)];
}

/** The schemes of link targets that are contact values, with the kind of value after them. */
const LINK_SCHEMES: [RegExp, 'phone' | 'email' | 'url'][] = [
  [/^tel:/i, 'phone'],
  [/^mailto:/i, 'email'],
  [/^(?=https?:\/\/)/i, 'url'],
];

/**
 * The targets of a unit's links that its text does not show ("[发票中心](https://…/invoice)", "<a href="tel:…">致电
 * 客服</a>"): a phone number, e-mail address or absolute URL, standing verbatim in the link's markup. Each is read at
 * its link's text, so the words around that say what it is; its owner is read as if it stood there.
 */
function linkValues(unit: Unit, values: ContactValue[], owners: Owners, fold: Fold): Found[] {
  const text = unit.labelled;
  const out: Found[] = [];
  for (const link of unit.links ?? []) {
    const scheme = LINK_SCHEMES.find(([re]) => re.test(link.href));
    if (!scheme) continue;
    const [re, kind] = scheme;
    let address = link.href.replace(re, '');
    // mailto:a@b.cn?subject=… : the address is what comes before the query.
    if (kind === 'email') address = address.replace(/\?.*$/, '');
    const at = text.runs.length ? textWithin(text, link.span.start, link.span.end) : null;
    const inFile = unit.file.slice(link.span.start, link.span.end).indexOf(address);
    if (!address || !at || inFile === -1) continue;
    const key = identity({ kind, value: address } as ContactValue, fold);
    if (values.some((v) => identity(v, fold) === key)) continue;
    const context = text.text.slice(0, at.start) + address + text.text.slice(at.end);
    const owner = classifyOwner(address, context, { normalize: fold, kind, at: at.start, provider: owners.provider });
    const value = { kind, value: address, start: at.start, end: at.end, href: hrefFor({ kind, value: address })!, owner: owner.owner } as ContactValue;
    const target = { start: link.span.start + inFile, end: link.span.start + inFile + address.length };
    const other = owner.owner === 'provider' ? otherProviderBefore(text, at.start, owners, fold) : null;
    const thirdParty = owner.owner === 'third-party' ? { name: owner.name ?? null } : other === null ? null : { name: other };
    out.push({ unit, text, value, thirdParty, after: at.start, target });
  }
  return out;
}

/** The file span of a statement about a value: its text's, stretched over a link target that stands outside it. */
function spanWith(f: Found, span: Span): SourceSpan {
  const s = source(f.text, span);
  return f.target ? { doc: s.doc, start: Math.min(s.start, f.target.start), end: Math.max(s.end, f.target.end) } : s;
}

/** A cell that holds a name and nothing else: letters, digits and the marks of handles, up to 30 characters. */
const NAME_CELL = /^[\p{L}\p{N}_@·・.\-]{2,30}$/u;
/** Words of a cell that says something about a channel rather than naming it (暂未开通, 请搜索…). */
const NOT_A_NAME = /暂|未|无|没|即将|敬请|开通|上线|关闭|停止|请|搜索|关注|扫|见|详/;

/**
 * Account names in a table of channels that no finder sees (a row "微信公众号 | 乐享钱包"): a cell holding a name
 * only, whose row names a WeChat account, mini-program or Weibo in a cell before it, or whose column header does.
 */
function cellNames(unit: Unit, values: ContactValue[], fold: Fold): Found[] {
  if (!unit.cells || unit.isHeader) return [];
  const out: Found[] = [];
  unit.cells.forEach((cell, i) => {
    const value = unit.text.slice(cell.start, cell.end).trim();
    const start = cell.start + unit.text.slice(cell.start, cell.end).indexOf(value);
    if (!NAME_CELL.test(value) || NOT_A_NAME.test(fold(value))) return;
    if (values.some((v) => v.start < cell.end && cell.start < v.end)) return;
    const kind = cellLabel(unit, i, fold);
    if (kind !== 'wechat' && kind !== 'mini_program' && kind !== 'weibo') return;
    const account = { kind: kind === 'mini_program' ? 'mini_program' : 'wechat', value, start, end: start + value.length, owner: 'provider' } as const;
    out.push({ unit, text: unit, value: account, thirdParty: null, after: cell.start, type: kind === 'weibo' ? 'weibo' : 'wechat' });
  });
  return out;
}

/** What a table cell is, by its row's nearest label cell before it or else its column's header. */
function cellLabel(unit: Unit, i: number, fold: Fold): LabelKind | null {
  const cellText = (u: Unit, j: number) => u.text.slice(u.cells![j].start, u.cells![j].end);
  for (let j = i - 1; j >= 0; j--) {
    const kind = labelKind(cellText(unit, j), fold);
    if (kind) return kind;
  }
  return unit.header ? labelKind(cellText(unit.header, i), fold) : null;
}

/**
 * Another provider named in the value's clause before it, with the provider itself not named after that name
 * ("请拨打汇通钱包客服 95017" in another provider's article): the name as written, or null.
 */
function otherProviderBefore(text: UnitText, at: number, owners: Owners, fold: Fold): string | null {
  const sentence = sentenceAt(text, at);
  if (!sentence) return null;
  const [a] = clauseRange(sentence, at, at + 1);
  const from = sentence.clauses[a].start;
  const before = text.norm.slice(from, at);
  const lastOf = (names: Names) => Math.max(-1, ...namesOf(names, fold).map((n) => lastIndexOfWord(before, n)));
  const own = lastOf(owners.provider);
  let best: { at: number; length: number } | null = null;
  for (const other of owners.others) {
    for (const name of namesOf(other, fold)) {
      const i = lastIndexOfWord(before, name);
      if (i > own && (!best || i > best.at || (i === best.at && name.length > best.length))) best = { at: i, length: name.length };
    }
  }
  return best && text.text.slice(from + best.at, from + best.at + best.length);
}

function namesOf(names: Names, fold: Fold): string[] {
  return [names.name, ...(names.aliases ?? [])].map((n) => fold(n.trim())).filter(Boolean);
}

/** The last place `name` stands in `text`, not glued to Latin letters on either side (topay is not in autopay). */
function lastIndexOfWord(text: string, name: string): number {
  for (let i = text.lastIndexOf(name); i !== -1; i = i === 0 ? -1 : text.lastIndexOf(name, i - 1)) {
    const glued = (/[a-z]/.test(name[0]) && /[a-z]/.test(text[i - 1] ?? '')) || (/[a-z]$/.test(name) && /[a-z]/.test(text[i + name.length] ?? ''));
    if (!glued) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------
// Channels.

/** The channel a value is when nothing before it says otherwise. */
const NATURAL: Record<AddressKind, ChannelType> = {
  phone: 'phone',
  email: 'email',
  url: 'website',
  wechat: 'wechat',
  mini_program: 'wechat',
  app_path: 'app',
};
/** The channels a label before a value may make it (a URL after 在线客服： is the online chat's address). */
const LABELLED: Record<AddressKind, readonly ChannelType[]> = {
  phone: ['phone'],
  email: ['email'],
  url: ['website', 'online_chat', 'weibo', 'app'],
  wechat: ['wechat'],
  mini_program: ['wechat'],
  app_path: ['app', 'online_chat'],
};
/** Words that say what a clause is about, per channel and for hours: a statement shows one beside its value. */
const KIND_WORDS: Record<ChannelType | 'hours', RegExp> = {
  phone: /电话|热线|专线|拨打|致电|拨|号码|tel|phone|call|hotline/,
  email: /邮|信箱|mail/,
  website: /官网|网站|网址|网页|访问|登录|链接|web|site/,
  online_chat: /在线|客服|聊天|咨询|chat/,
  wechat: /微信|公众号|服务号|小程序|小程式/,
  weibo: /微博/,
  app: /app|应用|客户端|我的|设置|首页/,
  hours: /时间|时段|服务|客服|热线|营业|工作|在线|人工|接听|几点/,
};
/** An in-app path is a channel only when it leads to service, not to a setting (我的 → 安全中心). */
const SERVICE_PLACE = /客服|联系|联络|帮助|在线|咨询|反馈|人工|投诉|服务中心|help|support|contact/;

interface Candidate {
  found: Found;
  type: ChannelType;
  /** Stated right after a label of its own ("客服邮箱：…", a table's label cell). */
  labelled: boolean;
}

/** One channel per distinct value, at its best occurrence: a labelled one first, then the earliest. */
function channelsOf(found: Found[], fold: Fold): Channel[] {
  const best = new Map<string, Candidate>();
  for (const f of found) {
    const kind = f.value.kind as AddressKind;
    if (kind === 'app_path' && !SERVICE_PLACE.test(fold(f.value.value))) continue;
    const label = linkLabel(f, fold) ?? labelBefore(f, fold);
    const fits = label !== null && LABELLED[kind].includes(label.kind as ChannelType);
    // A path's own end says more than the words before it: "在App中点击“我的-在线客服”" leads to the online chat.
    const natural = naturalType(f.value, fold);
    const type = f.type ?? (fits && !(kind === 'app_path' && natural === 'online_chat') ? (label!.kind as ChannelType) : natural);
    const candidate = { found: f, type, labelled: f.type !== undefined || (fits && label!.direct) };
    const key = identity(f.value, fold);
    const held = best.get(key);
    if (!held || (candidate.labelled && !held.labelled)) best.set(key, candidate);
  }
  return [...best.values()]
    .sort((x, y) => x.found.unit.index - y.found.unit.index || x.found.value.start - y.found.value.start)
    .map(({ found: f, type }) => {
      const span = windowOf(f, type);
      const href = linkOf(f.value);
      return { type, how: f.text.text.slice(span.start, span.end), value: f.value.value, ...(href ? { href } : {}), source: spanWith(f, span) };
    });
}

/** The channel a value is by itself: an in-app path ending at the online chat (我的 → 在线客服) is that chat. */
function naturalType(v: ContactValue, fold: Fold): ChannelType {
  if (v.kind === 'app_path') return labelKind(v.steps[v.steps.length - 1] ?? '', fold) === 'online_chat' ? 'online_chat' : 'app';
  return NATURAL[v.kind as AddressKind];
}

/** The link of a phone number, e-mail address or URL (see hrefFor); none for names and paths. */
function linkOf(v: ContactValue): string | undefined {
  return v.kind === 'phone' || v.kind === 'email' || v.kind === 'url' ? hrefFor(v) : undefined;
}

/** What makes two occurrences one value: the link of an address, the folded text of a name or a path. */
function identity(v: ContactValue, fold: Fold): string {
  return linkOf(v)?.toLowerCase() ?? `${v.kind}:${fold(v.value).replace(/\s+/g, '')}`;
}

/** What a link's own text calls its target ("在线客服", "官方网站"), for a value read at a link. */
function linkLabel(f: Found, fold: Fold): { kind: LabelKind; direct: boolean } | null {
  if (!f.target) return null;
  const kind = labelKind(f.text.text.slice(f.value.start, f.value.end), fold);
  return kind ? { kind, direct: true } : null;
}

/**
 * What the text before a value calls it: the text since the previous value, reaching back at most to the start of
 * the clause before the value's own ("客服邮箱：" is a clause of its own). `direct` when it is a label–value pair: a
 * colon or a table's cell border right before the value.
 */
function labelBefore(f: Found, fold: Fold): { kind: LabelKind; direct: boolean } | null {
  const { text, value } = f;
  const sentence = sentenceAt(text, value.start);
  if (!sentence) return null;
  const [a] = clauseRange(sentence, value.start, value.end);
  const from = Math.max(sentence.clauses[Math.max(0, a - 1)].start, f.after);
  const before = text.text.slice(from, value.start);
  const kind = labelKind(before, fold);
  if (kind) return { kind, direct: /[:：︰|]\s*$/.test(fold(before)) };
  const { unit } = f;
  const cell = unit.cells?.findIndex((c) => c.start <= value.start && value.end <= c.end) ?? -1;
  const header = cell === -1 ? null : cellLabel(unit, cell, fold);
  return header ? { kind: header, direct: true } : null;
}

/**
 * The clauses a statement about a value shows: the value's clause, with the clauses before it taken along while the
 * window names nothing of its kind, at most two; a label of its kind before a colon ("客服邮箱:") is always taken.
 * A table row shows whole.
 */
function windowOf(f: Found, kind: ChannelType | 'hours'): Span {
  const { text, value } = f;
  // A table row is a label line of its own: its label cell says what the value is.
  if (f.unit.cells) return { start: 0, end: text.text.length };
  const sentence = sentenceAt(text, value.start);
  if (!sentence) return { start: value.start, end: value.end };
  const { clauses } = sentence;
  const words = KIND_WORDS[kind];
  let [a, b] = clauseRange(sentence, value.start, value.end);
  for (let back = 0; back < 2 && a > 0; back++) {
    const label = text.norm[clauses[a].start - 1] === ':' && words.test(text.norm.slice(clauses[a - 1].start, clauses[a - 1].end));
    // The value's own text is no word of its kind (tel in a URL, mail in an address).
    const window = text.norm.slice(clauses[a].start, value.start) + text.norm.slice(value.end, clauses[b].end);
    if (!label && words.test(window)) break;
    a--;
    if (label) break;
  }
  const span = widen(text, sentence, a, b);
  // A line of cells ("帮助中心 | 客服微信：…") shows only the value's own cell.
  const bar = text.norm.lastIndexOf('|', value.start);
  if (bar >= span.start) span.start = bar + 1 + (/^\s*/.exec(text.norm.slice(bar + 1))?.[0].length ?? 0);
  return span;
}

function sentenceNorm(f: Found): string {
  const s = sentenceAt(f.text, f.value.start);
  return s ? f.text.norm.slice(s.start, s.end) : f.text.norm;
}

// ---------------------------------------------------------------------------------------------------------
// Hours.

/** A sentence about service, which hours need to be the provider's service hours. */
const SERVICE = /客服|服务|热线|专线|电话|接听|在线|营业|人工|值班|受理|咨询|办公|工作时间|上班|坐席|座席|hotline|service/;

/**
 * The provider's service hours: the hours phrase of a sentence about service, best under an hours label and with a
 * time range or round the clock rather than days off alone; the earliest wins a tie. Hours that follow a third
 * party's value in their sentence are that party's. Hours given as an example are taken only when no others are
 * stated, and their reading says `example`, so no caller takes them for anyone's hours.
 */
function hoursOf(found: Found[], fold: Fold): HoursStatement | null {
  let top: { f: Found; score: number } | null = null;
  for (const f of found) {
    if (f.value.kind !== 'hours' || !isServiceHours(f, found, fold)) continue;
    const reading = f.value.hours;
    const score = (reading.example ? -10 : 0) + (labelBefore(f, fold)?.kind === 'hours' ? 2 : 0) + (reading.closed ? 0 : 1);
    if (!top || score > top.score) top = { f, score };
  }
  if (!top) return null;
  const { f } = top;
  const value = f.value as Extract<ContactValue, { kind: 'hours' }>;
  return { ...statement(f.text, windowOf(f, 'hours')), value: value.value, reading: value.hours };
}

function isServiceHours(f: Found, found: Found[], fold: Fold): boolean {
  if (!SERVICE.test(sentenceNorm(f)) && labelBefore(f, fold)?.kind !== 'hours') return false;
  const sentence = sentenceAt(f.text, f.value.start);
  const before = found.filter((o) => o.text === f.text && o.value.kind !== 'hours' && o.value.end <= f.value.start && (!sentence || o.value.start >= sentence.start));
  return before.length === 0 || before[before.length - 1].thirdParty === null;
}

// ---------------------------------------------------------------------------------------------------------
// Third parties.

/** One entry per distinct value, at its first occurrence, with the owner the text names. */
function thirdPartiesOf(found: Found[], fold: Fold): ThirdPartyContact[] {
  const seen = new Set<string>();
  const out: ThirdPartyContact[] = [];
  for (const f of found) {
    const key = identity(f.value, fold);
    if (seen.has(key)) continue;
    seen.add(key);
    const type = NATURAL[f.value.kind as AddressKind];
    const span = windowOf(f, type);
    const href = linkOf(f.value);
    out.push({
      name: f.thirdParty!.name,
      type,
      value: f.value.value,
      ...(href ? { href } : {}),
      how: f.text.text.slice(span.start, span.end),
      source: spanWith(f, span),
    });
  }
  return out;
}
