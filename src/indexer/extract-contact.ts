/**
 * @module Build-only: a provider's contact guidance (channels, hours, preparation, steps, escalation, safety) taken
 * from its article models, every statement carrying its exact source span. The values the articles state (numbers,
 * addresses, accounts, hours) come from the value finders (see extract-contact-values.ts); the rest from keyword
 * rules on units, sentences and clauses (see contact-text.ts). Rules match the folded text (traditional and
 * full-width forms read as simplified and ASCII), and statements are cut from the blocks' text, so their spans
 * resolve to the stored file.
 */
import type { ArticleModel } from './article';
import { clauseRange, parseArticles, source, statement, widen, type ParsedArticle, type Sentence, type Span, type Unit } from './contact-text';
import { statedValues, type Owners, type StatedValues } from './extract-contact-values';
import type { Fold } from './fold';
import type { Channel, ChannelType, Contact, ContactStep, Statement } from '../model';

/** A provider as contact extraction reads it: its names make values in the text its own. */
export interface ContactProvider {
  id: string;
  name: string;
  aliases?: readonly string[];
  general?: boolean;
}

/** The general (provider-neutral) guidance a provider's gaps are filled from. */
export interface GeneralGuidance {
  article: ArticleModel;
  /** The general provider's extracted contact; extracted from `article` when absent. */
  contact?: Contact;
}

/**
 * Extracts `provider`'s contact guidance from its own `articles` (for an article whose entries name several
 * providers, the caller passes only the blocks of this provider's entries; see blockProviders).
 *
 * Every statement is a clause or sentence of the articles (`text` is the slice at `source`, minus any `**`
 * markup); nothing is paraphrased or invented, so no number, address or hours appear unless the articles state
 * them. Every value stated for the provider is a channel's `value`; a value the text gives to someone else (a
 * regulator, a bank, a provider of `registry`) is in `thirdParty` and in no channel statement.
 *
 * Gaps are filled from `general` (the 数字钱包 guidance; pass `null` when extracting that one itself): a missing
 * `hours` and every empty list (`channels`, `prepare`, `steps`, `escalation`, `safety`) take the general
 * contact's entries marked `general: true`; the provider's own statements carry `general: false`. Hours given as an
 * example (如周一至周五的 9:00-18:00) are no provider's hours: only the general guidance keeps them, its reading
 * saying `example`. Third-party values are never borrowed.
 *
 * `Contact.general` is true only for the general provider itself (`provider.general`): its guidance is the
 * general guidance. A provider whose own article yields something keeps `general: false` even when some
 * parts were borrowed — the per-statement flag says which.
 */
export function extractContact(
  provider: ContactProvider,
  articles: ArticleModel | readonly ArticleModel[],
  general: GeneralGuidance | null,
  fold: Fold,
  registry: readonly ContactProvider[] = [],
): Contact {
  const others = registry.filter((p) => p.id !== provider.id && !p.general);
  const own = extractOwn([articles].flat(), fold, { provider, others });
  const isGeneral = provider.general === true;
  const fallback = isGeneral || !general ? null : (general.contact ?? extractOwn([general.article], fold, { provider: { name: '' }, others: [] }));
  const hours = own.hours && (isGeneral || !own.hours.reading.example) ? own.hours : null;
  return {
    provider: { id: provider.id, name: provider.name },
    name: provider.name,
    hours: hours ?? (fallback?.hours ? borrow(fallback.hours) : null),
    channels: own.channels.length || !fallback ? own.channels : fallback.channels.map(borrow),
    prepare: fill(own.prepare, fallback?.prepare),
    steps: fill(own.steps, fallback?.steps),
    escalation: fill(own.escalation, fallback?.escalation),
    safety: fill(own.safety, fallback?.safety),
    thirdParty: own.thirdParty,
    general: isGeneral,
  };
}

type Guidance = Omit<Contact, 'provider' | 'name' | 'general'>;

function extractOwn(articles: readonly ArticleModel[], fold: Fold, owners: Owners): Guidance {
  const doc = parseArticles(articles, fold);
  const values = statedValues(doc, owners, fold);
  return {
    hours: values.hours,
    channels: extractChannels(doc, values),
    prepare: extractPrepare(doc),
    steps: extractSteps(doc),
    escalation: extractEscalation(doc),
    safety: extractSafety(doc),
    thirdParty: values.thirdParty,
  };
}

function fill<T extends Statement>(own: T[], general: T[] | undefined): T[] {
  return own.length || !general ? own : general.map(borrow);
}

function borrow<T extends object>(s: T): T & { general: true } {
  return { ...s, general: true };
}

// ---------------------------------------------------------------------------------------------------------
// Rules: keyword groups matched against a sentence (and its unit's label); a match yields a score and the
// smallest clause window that still shows the matched keywords.

interface Group {
  re: RegExp;
  /** A candidate must hit every required group, in the sentence or in its item's label. */
  required?: boolean;
  weight?: number;
  /** False for groups that only score: the window need not show them. */
  window?: boolean;
}

interface Rule {
  groups: Group[];
  /** `min`: smallest window showing one hit per group; `all`: every hit; `sentence`: the whole sentence. */
  mode: 'min' | 'all' | 'sentence';
}

interface Match extends Span {
  unit: Unit;
  sentence: Sentence;
  score: number;
}

const req = (re: RegExp, weight = 1): Group => ({ re, required: true, weight });
const opt = (re: RegExp, weight = 1, window = true): Group => ({ re, weight, window });

function matchSentence(unit: Unit, sentence: Sentence, rule: Rule): Match | null {
  const body = unit.norm.slice(sentence.start, sentence.end);
  const label = unit.label?.norm ?? '';
  let score = 0;
  const windowHits: [number, number][][] = [];
  for (const group of rule.groups) {
    const hits = [...body.matchAll(globalOf(group.re))].map((m) =>
      clauseRange(sentence, sentence.start + m.index, sentence.start + m.index + m[0].length),
    );
    const inLabel = group.re.test(label);
    if (!hits.length && !inLabel) {
      if (group.required) return null;
      continue;
    }
    score += group.weight ?? 1;
    if (hits.length && group.window !== false) windowHits.push(hits);
  }
  const [a, b] = clauseWindow(sentence, windowHits, rule.mode);
  return { ...widen(unit, sentence, a, b), unit, sentence, score };
}

/** Global copies of the rules' patterns, made once each (matchAll needs the g flag). */
const globals = new WeakMap<RegExp, RegExp>();

function globalOf(re: RegExp): RegExp {
  let g = globals.get(re);
  if (!g) globals.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));
  return g;
}

function clauseWindow(sentence: Sentence, hitsPerGroup: [number, number][][], mode: Rule['mode']): [number, number] {
  const n = sentence.clauses.length;
  if (mode === 'sentence' || !hitsPerGroup.length) return [0, n - 1];
  const all = hitsPerGroup.flat();
  if (mode === 'all') return [Math.min(...all.map((h) => h[0])), Math.max(...all.map((h) => h[1]))];
  let best: [number, number] = [0, n - 1];
  let bestLength = Infinity;
  for (let a = 0; a < n; a++) {
    for (let b = a; b < n; b++) {
      const covers = hitsPerGroup.every((hits) => hits.some(([x, y]) => x >= a && y <= b));
      const length = sentence.clauses[b].end - sentence.clauses[a].start;
      if (covers && length < bestLength) [best, bestLength] = [[a, b], length];
    }
  }
  return best;
}

/** Every sentence of the article that matches `rule`, in source order. */
function matchAll(doc: ParsedArticle, rule: Rule, accept: (unit: Unit) => boolean = () => true): Match[] {
  const out: Match[] = [];
  for (const unit of doc.units) {
    if (!accept(unit)) continue;
    for (const sentence of unit.sentences) {
      const m = matchSentence(unit, sentence, rule);
      if (m) out.push(m);
    }
  }
  return out;
}

/** The highest-scoring match; the earliest wins a tie, so output is stable. */
function best(matches: Match[]): Match | null {
  return matches.reduce<Match | null>((top, m) => (!top || m.score > top.score ? m : top), null);
}

/** Distinct matches in source order, at most `limit` (overlapping windows count once). */
function distinct(matches: Match[], limit: number): Match[] {
  const out: Match[] = [];
  for (const m of [...matches].sort((x, y) => x.unit.index - y.unit.index || x.start - y.start)) {
    if (out.some((o) => o.unit === m.unit && o.start < m.end && m.start < o.end)) continue;
    out.push(m);
  }
  return out.slice(0, limit);
}

// ---------------------------------------------------------------------------------------------------------
// Channels and hours.

const PHONE = /电话|热线/;
const WEBSITE = /官网|网站/;
// "App" must not match "Apple Pay" (rules read folded text: Latin is lower case).
const APP = /app(?![a-z])|应用内|应用中|应用里|应用上|客户端/;
/** Contact through the app or site itself — not just the phone number printed there. */
const SERVICE_HERE = /帮助中心|设置中|联系我们|联络我们|在线客服|客服(?!电话|热线)|咨询/;
/** Where a number is published; each group counts once, so the sentence naming most places wins. */
const PHONE_PLACES = [WEBSITE, /app(?![a-z])|应用内|应用中|应用里|客户端|帮助中心|设置中/, /联系我们|联络我们/, /社交媒体|微信公众号|微博/, /页面/];
const FIND = /获取|获得|找到|找寻|查看|列出/;

const CHANNEL_RULES: Record<ChannelType, Rule> = {
  phone: { mode: 'min', groups: [req(PHONE), ...PHONE_PLACES.map((re) => opt(re)), opt(FIND, 1, false)] },
  online_chat: { mode: 'min', groups: [req(/在线聊天|在线客服|在线咨询/), opt(WEBSITE), opt(APP)] },
  email: { mode: 'min', groups: [req(/邮件/), req(/客服|支持|发送|回复|联系/), opt(/回复|答复/)] },
  app: { mode: 'min', groups: [req(APP), req(SERVICE_HERE)] },
  website: {
    mode: 'min',
    groups: [req(WEBSITE), req(/faq|常见问题|投诉|联系我们|在线客服|客服(?!电话|热线)/), opt(/faq|常见问题|投诉|联系我们/, 2)],
  },
  wechat: { mode: 'min', groups: [req(/微信公众号|公众号|微信客服/)] },
  weibo: { mode: 'min', groups: [req(/微博/)] },
};
const CHANNEL_ORDER: ChannelType[] = ['phone', 'online_chat', 'email', 'app', 'website', 'wechat', 'weibo'];

/**
 * Per channel type, in CHANNEL_ORDER: every channel with a stated value, in source order; a type without one gets
 * the statement that best names it (`value: null`), never one holding a value that is not the provider's.
 */
function extractChannels(doc: ParsedArticle, values: StatedValues): Channel[] {
  const channels: Channel[] = [];
  const holdsForeign = (m: Match) => values.foreign.some((f) => f.unit === m.unit && f.start < m.end && m.start < f.end);
  for (const type of CHANNEL_ORDER) {
    const stated = values.channels.filter((c) => c.type === type);
    if (stated.length) {
      channels.push(...stated);
      continue;
    }
    const m = best(matchAll(doc, CHANNEL_RULES[type]).filter((x) => !holdsForeign(x)));
    if (m) channels.push({ type, how: m.unit.text.slice(m.start, m.end), value: null, source: source(m.unit, m) });
  }
  return channels;
}

// ---------------------------------------------------------------------------------------------------------
// What to have ready.

const PREPARE_TRIGGER = /准备|备好|收集|记录下|(?:需|需要|要|请|应|须|必须|要求)(?:用户)?提供|(?:^|,)提供|通过提供/;
/** Strong triggers say "have it ready"; weak ones ("需提供") only say it will be asked for. */
const PREPARE_STRONG = /准备|备好/;
/** What can be prepared, by concept: a statement is kept only if it names something not yet covered. */
const PREPARE_ITEMS: Record<string, RegExp> = {
  phone: /手机号码|手机号|电话号码/,
  email: /注册邮箱|电子邮箱|邮箱/,
  account: /账户名|用户名|账号|账户号码|账户相关/,
  reference: /交易号|订单号|交易单号|申请号|流水号/,
  identity: /身份信息|身份验证|身份证|确认身份/,
  personal: /个人信息/,
  transaction: /交易时间|金额|交易明细/,
  evidence: /凭证|证据|截图|照片|资料/,
  details: /操作步骤|事件经过|错误提示|具体情况|详细信息/,
  contact: /联系信息/,
};
const PREPARE_RULE: Rule = {
  mode: 'all',
  groups: [req(PREPARE_TRIGGER), req(new RegExp(Object.values(PREPARE_ITEMS).map((re) => re.source).join('|')))],
};
/** Preparation only counts when the paragraph is about reaching customer service. */
const SERVICE_CONTEXT = /客服|电话|热线|拨打|咨询|投诉/;

function extractPrepare(doc: ParsedArticle): Statement[] {
  const matches = matchAll(doc, PREPARE_RULE, (u) => SERVICE_CONTEXT.test(u.norm));
  const window = (m: Match) => m.unit.norm.slice(m.start, m.end);
  const strength = (m: Match) => (PREPARE_STRONG.test(window(m)) ? 1 : 0);
  // Strong statements first, then source order; keep a statement only if it adds a new kind of item.
  const ranked = [...matches].sort((x, y) => strength(y) - strength(x) || x.unit.index - y.unit.index || x.start - y.start);
  const covered = new Set<string>();
  const kept: Match[] = [];
  for (const m of ranked) {
    const concepts = Object.keys(PREPARE_ITEMS).filter((k) => PREPARE_ITEMS[k].test(window(m)));
    if (!concepts.some((c) => !covered.has(c))) continue;
    concepts.forEach((c) => covered.add(c));
    kept.push(m);
  }
  return distinct(kept, 5).map((m) => statement(m.unit, m));
}

// ---------------------------------------------------------------------------------------------------------
// The calling procedure.

/** Words of a call to customer service, required where a step's own words are too common. */
const CALL = /拨打|电话|热线|通话|接通|客服/;
const steps = (...groups: Group[]): Rule => ({ mode: 'sentence', groups });

/** Step kinds, most specific first: a sentence takes the first kind it matches. Titles label steps the source leaves unlabelled. */
const STEP_KINDS: { title: string; rule: Rule }[] = [
  { title: '获取电话号码', rule: steps(req(PHONE), req(FIND)) },
  { title: '准备信息', rule: steps(req(/准备|备好/), req(/信息|号码|邮箱|账户名|交易号|订单号|资料/), req(CALL)) },
  { title: '语音引导', rule: steps(req(/语音/)) },
  // "耐心等待" alone also describes waiting for a refund; only waiting on the line is a calling step.
  { title: '耐心等待', rule: steps(req(/耐心/), req(/接听|接通|通话|等待接/)) },
  { title: '清晰表达', rule: steps(req(/清晰|简明扼要|简洁/), req(/说明|描述|表达|讲解/), req(CALL)) },
  { title: '记录反馈', rule: steps(req(/记录/), req(/通话|解决方案|方案/)) },
  { title: '拨打电话', rule: steps(req(/拨打|致电|拨号/), req(PHONE)) },
];
/** A list is the calling procedure when the line before it announces steps for calling or contacting service. */
const PROCEDURE_LEAD = [/(?:拨打|联系|致电).{0,12}(?:客服|热线|电话)|(?:客服|热线|电话).{0,12}(?:拨打|联系)/, /步骤|流程|如下/];
/** Prose procedure: this many consecutive paragraphs must together show at least MIN_PROSE_KINDS kinds. */
const PROSE_SPAN = 3;
const MIN_PROSE_KINDS = 3;
const MAX_STEPS = 8;

function extractSteps(doc: ParsedArticle): ContactStep[] {
  const list = procedureList(doc);
  return list.length ? list.slice(0, MAX_STEPS).map((u) => listStep(u)) : proseSteps(doc);
}

/** The items of the first list whose lead line announces a calling procedure. */
function procedureList(doc: ParsedArticle): Unit[] {
  const { units } = doc;
  for (let i = 1; i < units.length; i++) {
    if (!units[i].item || units[i - 1].item || units[i - 1].doc !== units[i].doc) continue;
    const lead = units[i - 1].norm;
    if (!PROCEDURE_LEAD.every((re) => re.test(lead))) continue;
    let j = i;
    while (j < units.length && units[j].item && units[j].doc === units[i].doc) j++;
    return units.slice(i, j).filter((u) => u.sentences.length);
  }
  return [];
}

/** A list item as a step: its label as title, its first sentence as text. */
function listStep(unit: Unit): ContactStep {
  const sentence = unit.sentences[0];
  let span = widen(unit, sentence, 0, sentence.clauses.length - 1);
  let title = unit.label?.text.trim() ?? '';
  if (!title) {
    // "清晰表达接通后,…": a known step name run into the text without its colon is still the label.
    const head = STEP_KINDS.find((k) => unit.norm.startsWith(k.title, span.start) && span.end - span.start > k.title.length);
    if (head) {
      title = unit.text.slice(span.start, span.start + head.title.length);
      span = { start: span.start + head.title.length, end: span.end };
    } else {
      title = stepKind(unit, sentence)?.title ?? '';
    }
  }
  return { title, ...statement(unit, span) };
}

function stepKind(unit: Unit, sentence: Sentence): (typeof STEP_KINDS)[number] | undefined {
  return STEP_KINDS.find((k) => matchSentence(unit, sentence, k.rule));
}

/** Without a procedure list, the densest run of paragraphs that walks through a call, one step per kind. */
function proseSteps(doc: ParsedArticle): ContactStep[] {
  const found = doc.units.flatMap((unit) =>
    unit.sentences.flatMap((sentence) => {
      const kind = stepKind(unit, sentence);
      return kind ? [{ unit, sentence, kind }] : [];
    }),
  );
  let chosen: typeof found = [];
  for (const first of doc.units) {
    const inRun = found.filter((f) => f.unit.doc === first.doc && f.unit.index >= first.index && f.unit.index < first.index + PROSE_SPAN);
    const perKind = STEP_KINDS.flatMap((k) => inRun.find((f) => f.kind === k) ?? []);
    if (perKind.length > chosen.length) chosen = perKind;
  }
  if (chosen.length < MIN_PROSE_KINDS) return [];
  return chosen
    .sort((x, y) => x.unit.index - y.unit.index || x.sentence.start - y.sentence.start)
    .map(({ unit, sentence, kind }) => ({
      title: kind.title,
      ...statement(unit, widen(unit, sentence, 0, sentence.clauses.length - 1)),
    }));
}

// ---------------------------------------------------------------------------------------------------------
// Escalation and safety.

const ESCALATION_RULE: Rule = {
  mode: 'all',
  groups: [
    req(/上级(?:客服|主管|部门)?|主管|投诉渠道|投诉通道|进一步投诉|正式投诉|提交投诉|投诉申请|评分平台|消费者协会|(?:社交媒体|微博).{0,12}(?:反馈|投诉)/),
  ],
};

function extractEscalation(doc: ParsedArticle): Statement[] {
  return distinct(matchAll(doc, ESCALATION_RULE), 5).map((m) => statement(m.unit, m));
}

/** Safety advice about contacting service: official channels only, verify, report unknown transactions, fraud. */
const SAFETY_RULES: Rule[] = [
  { mode: 'sentence', groups: [req(/非官方|官方渠道|仅通过官方|只通过官方/)] },
  { mode: 'sentence', groups: [req(/(?:不明|异常|可疑)(?:交易|扣款|登录|活动)/), req(/联系|寻求帮助|求助|客服|报告|举报/)] },
  { mode: 'sentence', groups: [req(/(?:官网|官方网站|官方渠道).{0,10}(?:核实|核对|确认|验证)|(?:核实|核对|确认|验证).{0,10}(?:官网|官方网站)/)] },
  { mode: 'sentence', groups: [req(/诈骗|骗子|假冒|冒充|钓鱼|谨防|警惕|不要.{0,10}(?:透露|泄露|告诉|提供).{0,10}(?:密码|验证码)/)] },
];

function extractSafety(doc: ParsedArticle): Statement[] {
  return distinct(SAFETY_RULES.flatMap((rule) => matchAll(doc, rule)), 5).map((m) => statement(m.unit, m));
}
