/** @module Build-only: a provider's contact guidance (channels, hours, preparation, steps, escalation, safety) taken from its article by keyword rules, every statement carrying its exact source span. */
import type { Channel, ChannelType, Contact, ContactStep, SourceSpan, Statement } from '../model';

/** An article as the extractor needs it: its file name (the `doc` of every span) and exact text. */
export interface ArticleInput {
  doc: string;
  text: string;
}

/** The general (provider-neutral) guidance a provider's gaps are filled from. */
export interface GeneralGuidance {
  article: ArticleInput;
  /** The general provider's extracted contact; extracted from `article` when absent. */
  contact?: Contact;
}

/**
 * Extracts `provider`'s contact guidance from its own `article`.
 *
 * Every statement is a clause or sentence of the article (`text` is the slice at `source`, minus any `**`
 * markup), found by the keyword rules below; nothing is paraphrased or invented, so no number, address or
 * hours appear unless the article states them.
 *
 * Gaps are filled from `general` (the 数字钱包 guidance; pass `null` when extracting that one itself):
 * a missing `hours` and every empty list (`channels`, `prepare`, `steps`, `escalation`, `safety`) take the
 * general contact's entries marked `general: true`; the provider's own statements carry `general: false`.
 * `Channel` has no `general` field in the model, so borrowed channels carry it as an extra property.
 *
 * `Contact.general` is true only for the general provider itself (`provider.general`): its guidance is the
 * general guidance. A provider whose own article yields something keeps `general: false` even when some
 * parts were borrowed — the per-statement flag says which.
 */
export function extractContact(
  provider: { id: string; name: string; general?: boolean },
  article: ArticleInput,
  general: GeneralGuidance | null,
): Contact {
  const own = extractOwn(article);
  const isGeneral = provider.general === true;
  const fallback = isGeneral || !general ? null : (general.contact ?? extractOwn(general.article));
  return {
    provider: { id: provider.id, name: provider.name },
    name: provider.name,
    hours: own.hours ?? (fallback?.hours ? borrow(fallback.hours) : null),
    channels: own.channels.length || !fallback ? own.channels : fallback.channels.map(borrow),
    prepare: fill(own.prepare, fallback?.prepare),
    steps: fill(own.steps, fallback?.steps),
    escalation: fill(own.escalation, fallback?.escalation),
    safety: fill(own.safety, fallback?.safety),
    general: isGeneral,
  };
}

type Guidance = Pick<Contact, 'hours' | 'channels' | 'prepare' | 'steps' | 'escalation' | 'safety'>;

function extractOwn(article: ArticleInput): Guidance {
  const doc = parseArticle(article);
  return {
    hours: extractHours(doc),
    channels: extractChannels(doc),
    prepare: extractPrepare(doc),
    steps: extractSteps(doc),
    escalation: extractEscalation(doc),
    safety: extractSafety(doc),
  };
}

function fill<T extends Statement>(own: T[], general: T[] | undefined): T[] {
  return own.length || !general ? own : general.map(borrow);
}

function borrow<T extends object>(s: T): T & { general: true } {
  return { ...s, general: true };
}

// ---------------------------------------------------------------------------------------------------------
// Segmentation: lines → units (paragraphs or list items, with an optional item label) → sentences → clauses.
// Offsets are UTF-16 indices into the untouched article text, so every span can be sliced back.

interface Span {
  start: number;
  end: number;
}

interface Sentence extends Span {
  clauses: Span[];
}

interface Unit extends Span {
  /** Position among the article's non-blank lines. */
  index: number;
  /** True for a numbered or bulleted list item. */
  item: boolean;
  /** An item's label (`**语音引导**——`, `耐心等待接听:`), outside every sentence. */
  label: (Span & { text: string }) | null;
  sentences: Sentence[];
}

interface ParsedArticle {
  doc: string;
  text: string;
  units: Unit[];
}

// Digits only: Chinese ordinals (一、二、) number section headings, which must not join the lists around them.
const MARKER = /^(?:\d{1,2}[.、.)](?!\d)|[•·●▪◦]|[-*](?=\s))\s*/;
const BOLD_LABEL = /^\*\*([^*\n]{1,20})\*\*\s*(?:——|—|:|:|-)?\s*/;
const PLAIN_LABEL = /^([^,,。;;!?!?::*()()“”\n]{2,16})(?::|:|——)\s*/;
const OPENERS = '(（“「《【‘';
const CLOSERS = ')）”」》】’';
const SENTENCE_END = '。!?！？;；';
const CLAUSE_END = ',，:：';
/** How far an opening bracket or quote may be from its closer and still hide the punctuation inside. */
const MAX_BRACKET = 60;

function parseArticle(article: ArticleInput): ParsedArticle {
  const { text } = article;
  const units: Unit[] = [];
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const unit = parseLine(text, start, end, units.length);
    if (unit) units.push(unit);
    start = end + 1;
  }
  return { doc: article.doc, text, units };
}

function parseLine(text: string, lineStart: number, lineEnd: number, index: number): Unit | null {
  let start = lineStart;
  let end = lineEnd;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (start === end) return null;
  const marker = MARKER.exec(text.slice(start, end));
  let bodyStart = start + (marker ? marker[0].length : 0);
  let label: Unit['label'] = null;
  if (marker) {
    const rest = text.slice(bodyStart, end);
    const m = BOLD_LABEL.exec(rest) ?? PLAIN_LABEL.exec(rest);
    if (m && m[0].length < rest.length) {
      const labelStart = bodyStart + m[0].indexOf(m[1]);
      label = { start: labelStart, end: labelStart + m[1].length, text: m[1] };
      bodyStart += m[0].length;
    }
  }
  return { index, start, end, item: !!marker, label, sentences: splitSentences(text, bodyStart, end) };
}

/** Splits [start, end) into sentences and clauses, ignoring punctuation inside nearby brackets and quotes. */
function splitSentences(text: string, start: number, end: number): Sentence[] {
  const sentences: Sentence[] = [];
  let clauses: Span[] = [];
  let clauseStart = start;
  const closeClause = (at: number) => {
    const span = trimSpan(text, clauseStart, at);
    if (span) clauses.push(span);
    clauseStart = at + 1;
  };
  const closeSentence = () => {
    if (clauses.length) sentences.push({ start: clauses[0].start, end: clauses[clauses.length - 1].end, clauses });
    clauses = [];
  };
  for (let i = start; i < end; i++) {
    const ch = text[i];
    const opener = OPENERS.indexOf(ch);
    if (opener !== -1) {
      const close = text.indexOf(CLOSERS[opener], i + 1);
      if (close !== -1 && close < end && close - i <= MAX_BRACKET) {
        i = close;
        continue;
      }
    }
    if (SENTENCE_END.includes(ch)) {
      closeClause(i);
      closeSentence();
    } else if (CLAUSE_END.includes(ch) && !(isDigit(text[i - 1]) && isDigit(text[i + 1]))) {
      // "9:00" and "1,000" are numbers, not clause boundaries.
      closeClause(i);
    }
  }
  closeClause(end);
  closeSentence();
  return sentences;
}

function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return start < end ? { start, end } : null;
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
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

/** A clause that sets the scene ("若…", "在拨打电话之前") reads wrong without it, so windows take it along. */
const CONDITION = /^(?:若|如果|假如|倘若|如若|一旦|当)|(?:时|之前|之后|以前|以后|过程中)$|^在.{1,15}[前后中上]$/;
/** A lone connective clause ("首先", "此外") adds nothing to a statement shown on its own. */
const CONNECTIVE = /^(?:首先|其次|再次|然后|接着|此外|另外|同时|最后|总之|因此|一般来说|一般情况下|通常情况下)$/;

function matchSentence(doc: ParsedArticle, unit: Unit, sentence: Sentence, rule: Rule): Match | null {
  const { text } = doc;
  const body = text.slice(sentence.start, sentence.end);
  const label = unit.label?.text ?? '';
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
  return { ...widen(text, sentence, a, b), unit, sentence, score };
}

function globalOf(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

/** The clauses [first, last] a hit at [start, end) touches. */
function clauseRange(sentence: Sentence, start: number, end: number): [number, number] {
  const { clauses } = sentence;
  let first = clauses.findIndex((c) => c.end > start);
  if (first === -1) first = clauses.length - 1;
  let last = first;
  while (last + 1 < clauses.length && clauses[last + 1].start < end) last++;
  return [first, last];
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

/** Takes a leading condition clause along and drops a leading bare connective. */
function widen(text: string, sentence: Sentence, a: number, b: number): Span {
  const { clauses } = sentence;
  const clause = (i: number) => text.slice(clauses[i].start, clauses[i].end);
  if (a > 0 && CONDITION.test(clause(a - 1))) a--;
  if (a < b && CONNECTIVE.test(clause(a))) a++;
  return { start: clauses[a].start, end: clauses[b].end };
}

/** Every sentence of the article that matches `rule`, in source order. */
function matchAll(doc: ParsedArticle, rule: Rule, accept: (unit: Unit) => boolean = () => true): Match[] {
  const out: Match[] = [];
  for (const unit of doc.units) {
    if (!accept(unit)) continue;
    for (const sentence of unit.sentences) {
      const m = matchSentence(doc, unit, sentence, rule);
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
  for (const m of [...matches].sort((x, y) => x.start - y.start)) {
    if (out.some((o) => o.start < m.end && m.start < o.end)) continue;
    out.push(m);
  }
  return out.slice(0, limit);
}

function statement(doc: ParsedArticle, span: Span): Statement {
  return { text: clean(doc.text.slice(span.start, span.end)), source: source(doc, span), general: false };
}

function source(doc: ParsedArticle, span: Span): SourceSpan {
  return { doc: doc.doc, start: span.start, end: span.end };
}

function clean(s: string): string {
  return s.replace(/\*\*/g, '');
}

// ---------------------------------------------------------------------------------------------------------
// Channels and hours.

const PHONE = /电话|热线/;
const WEBSITE = /官网|网站/;
// "App" must not match "Apple Pay".
const APP = /APP|App(?![a-z])|app(?![a-z])|应用内|应用中|应用里|应用上|客户端/;
/** Contact through the app or site itself — not just the phone number printed there. */
const SERVICE_HERE = /帮助中心|设置中|联系我们|在线客服|客服(?!电话|热线)|咨询/;
/** Where a number is published; each group counts once, so the sentence naming most places wins. */
const PHONE_PLACES = [WEBSITE, /APP|App(?![a-z])|应用内|应用中|应用里|客户端|帮助中心|设置中/, /联系我们/, /社交媒体|微信公众号|微博/, /页面/];
const FIND = /获取|获得|找到|找寻|查看|列出/;

const CHANNEL_RULES: Record<ChannelType, Rule> = {
  phone: { mode: 'min', groups: [req(PHONE), ...PHONE_PLACES.map((re) => opt(re)), opt(FIND, 1, false)] },
  online_chat: { mode: 'min', groups: [req(/在线聊天|在线客服|在线咨询/), opt(WEBSITE), opt(APP)] },
  email: { mode: 'min', groups: [req(/邮件/), req(/客服|支持|发送|回复|联系/), opt(/回复|答复/)] },
  app: { mode: 'min', groups: [req(APP), req(SERVICE_HERE)] },
  website: {
    mode: 'min',
    groups: [req(WEBSITE), req(/FAQ|常见问题|投诉|联系我们|在线客服|客服(?!电话|热线)/), opt(/FAQ|常见问题|投诉|联系我们/, 2)],
  },
  wechat: { mode: 'min', groups: [req(/微信公众号|公众号|微信客服/)] },
  weibo: { mode: 'min', groups: [req(/微博/)] },
};
const CHANNEL_ORDER: ChannelType[] = ['phone', 'online_chat', 'email', 'app', 'website', 'wechat', 'weibo'];

function extractChannels(doc: ParsedArticle): Channel[] {
  const channels: Channel[] = [];
  for (const type of CHANNEL_ORDER) {
    const m = best(matchAll(doc, CHANNEL_RULES[type]));
    if (m) channels.push({ type, how: clean(doc.text.slice(m.start, m.end)), source: source(doc, m) });
  }
  return channels;
}

const HOURS = /24\s*小时|7\s*[x×*]\s*24|\d{1,2}[:：]\d{2}\s*[-–—~～至到]\s*\d{1,2}[:：]\d{2}|(?:周|星期)[一二三四五六日天]\s*(?:至|到|-|~)\s*(?:周|星期)?[一二三四五六日天]/;
// Service context keeps "24小时内到账" and the like out.
const HOURS_RULE: Rule = { mode: 'min', groups: [req(HOURS), req(/客服|服务|电话|热线|工作时间|在线|接听/)] };

function extractHours(doc: ParsedArticle): Statement | null {
  const m = best(matchAll(doc, HOURS_RULE));
  return m ? statement(doc, m) : null;
}

// ---------------------------------------------------------------------------------------------------------
// What to have ready.

const PREPARE_TRIGGER = /准备|备好|收集|记录下|(?:需|需要|要|请|应|须|必须|要求)(?:用户)?提供|(?:^|[,，])提供|通过提供/;
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
  const matches = matchAll(doc, PREPARE_RULE, (u) => SERVICE_CONTEXT.test(doc.text.slice(u.start, u.end)));
  const strength = (m: Match) => (PREPARE_STRONG.test(doc.text.slice(m.start, m.end)) ? 1 : 0);
  // Strong statements first, then source order; keep a statement only if it adds a new kind of item.
  const ranked = [...matches].sort((x, y) => strength(y) - strength(x) || x.start - y.start);
  const covered = new Set<string>();
  const kept: Match[] = [];
  for (const m of ranked) {
    const window = doc.text.slice(m.start, m.end);
    const concepts = Object.keys(PREPARE_ITEMS).filter((k) => PREPARE_ITEMS[k].test(window));
    if (!concepts.some((c) => !covered.has(c))) continue;
    concepts.forEach((c) => covered.add(c));
    kept.push(m);
  }
  return distinct(kept, 5).map((m) => statement(doc, m));
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
  return list.length ? list.slice(0, MAX_STEPS).map((u) => listStep(doc, u)) : proseSteps(doc);
}

/** The items of the first list whose lead line announces a calling procedure. */
function procedureList(doc: ParsedArticle): Unit[] {
  const { units } = doc;
  for (let i = 1; i < units.length; i++) {
    if (!units[i].item || units[i - 1].item) continue;
    const lead = doc.text.slice(units[i - 1].start, units[i - 1].end);
    if (!PROCEDURE_LEAD.every((re) => re.test(lead))) continue;
    let j = i;
    while (j < units.length && units[j].item) j++;
    return units.slice(i, j).filter((u) => u.sentences.length);
  }
  return [];
}

/** A list item as a step: its label as title, its first sentence as text. */
function listStep(doc: ParsedArticle, unit: Unit): ContactStep {
  const sentence = unit.sentences[0];
  let span = widen(doc.text, sentence, 0, sentence.clauses.length - 1);
  let title = unit.label?.text.trim() ?? '';
  if (!title) {
    // "清晰表达接通后,…": a known step name run into the text without its colon is still the label.
    const head = STEP_KINDS.find((k) => doc.text.startsWith(k.title, span.start) && span.end - span.start > k.title.length);
    if (head) {
      title = head.title;
      span = { start: span.start + head.title.length, end: span.end };
    } else {
      title = stepKind(doc, unit, sentence)?.title ?? '';
    }
  }
  return { title: clean(title), ...statement(doc, span) };
}

function stepKind(doc: ParsedArticle, unit: Unit, sentence: Sentence): (typeof STEP_KINDS)[number] | undefined {
  return STEP_KINDS.find((k) => matchSentence(doc, unit, sentence, k.rule));
}

/** Without a procedure list, the densest run of paragraphs that walks through a call, one step per kind. */
function proseSteps(doc: ParsedArticle): ContactStep[] {
  const found = doc.units.flatMap((unit) =>
    unit.sentences.flatMap((sentence) => {
      const kind = stepKind(doc, unit, sentence);
      return kind ? [{ unit, sentence, kind }] : [];
    }),
  );
  let chosen: typeof found = [];
  for (const first of doc.units) {
    const inRun = found.filter((f) => f.unit.index >= first.index && f.unit.index < first.index + PROSE_SPAN);
    const perKind = STEP_KINDS.flatMap((k) => inRun.find((f) => f.kind === k) ?? []);
    if (perKind.length > chosen.length) chosen = perKind;
  }
  if (chosen.length < MIN_PROSE_KINDS) return [];
  return chosen
    .sort((x, y) => x.sentence.start - y.sentence.start)
    .map(({ sentence, kind }) => ({
      title: kind.title,
      ...statement(doc, widen(doc.text, sentence, 0, sentence.clauses.length - 1)),
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
  return distinct(matchAll(doc, ESCALATION_RULE), 5).map((m) => statement(doc, m));
}

/** Safety advice about contacting service: official channels only, verify, report unknown transactions, fraud. */
const SAFETY_RULES: Rule[] = [
  { mode: 'sentence', groups: [req(/非官方|官方渠道|仅通过官方|只通过官方/)] },
  { mode: 'sentence', groups: [req(/(?:不明|异常|可疑)(?:交易|扣款|登录|活动)/), req(/联系|寻求帮助|求助|客服|报告|举报/)] },
  { mode: 'sentence', groups: [req(/(?:官网|官方网站|官方渠道).{0,10}(?:核实|核对|确认|验证)|(?:核实|核对|确认|验证).{0,10}(?:官网|官方网站)/)] },
  { mode: 'sentence', groups: [req(/诈骗|骗子|假冒|冒充|钓鱼|谨防|警惕|不要.{0,10}(?:透露|泄露|告诉|提供).{0,10}(?:密码|验证码)/)] },
];

function extractSafety(doc: ParsedArticle): Statement[] {
  return distinct(SAFETY_RULES.flatMap((rule) => matchAll(doc, rule)), 5).map((m) => statement(doc, m));
}
