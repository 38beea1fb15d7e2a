/**
 * @module The text of contact guidance: the answer to a contact question, and the contact line that closes every
 * answer. Built only from a provider's contact guidance (src/model.ts Contact): it states a channel's value (number,
 * address, URL, account) when the provider's own sources give one, never a value of the general guidance's for a
 * provider, and marks what comes from the general guidance as general advice.
 */
import type { Channel, ChannelType, Contact, SourceSpan, Statement } from '../model';
import type { ContactAsk } from './contact-intent';

/** How the text names a channel, and how it is reached when its value is known. */
const CHANNEL_TEXT: Record<ChannelType, { label: string; reach: string }> = {
  phone: { label: '客服电话', reach: '拨打客服电话' },
  online_chat: { label: '在线客服', reach: '通过在线客服' },
  email: { label: '客服邮箱', reach: '发送邮件至' },
  app: { label: 'APP内帮助中心', reach: '在APP内进入' },
  website: { label: '官方网站', reach: '访问官网' },
  wechat: { label: '微信公众号', reach: '微信搜索' },
  weibo: { label: '微博', reach: '关注微博' },
};

/** What a channel type is called in answers (客服电话, 在线客服 …). */
export function channelLabel(type: ChannelType): string {
  return CHANNEL_TEXT[type].label;
}

/** The channels a "how do I reach a human" question is answered with. */
const HUMAN_CHANNELS: readonly ChannelType[] = ['phone', 'online_chat'];

/** A statement the contact answer states, with its source (what `citations` lists). */
export interface Citation {
  text: string;
  source: SourceSpan;
  general?: boolean;
}

/** How much of a contact question the provider's own guidance answers. */
export type ContactCoverage = 'own' | 'general' | 'missing';

/** The contact answer's lines (without the closing contact line), what they cite, and how well they answer. */
export interface ContactAnswer {
  lines: string[];
  citations: Citation[];
  coverage: ContactCoverage;
}

/**
 * Answers a contact question from `contact`. Each part asked for gets a line: a channel with its value when the
 * provider's sources state one (else what they say about finding it), the service hours, what to prepare, the steps.
 * A part the provider's own sources do not state is said to be missing, and general advice is labelled as such.
 */
export function contactAnswer(contact: Contact, ask: ContactAsk): ContactAnswer {
  const out: ContactAnswer = { lines: [], citations: [], coverage: 'own' };
  const name = contact.general ? '' : contact.name;
  if (contact.general) out.lines.push('以下是联系客服的通用方法，请以您所用平台官方公布的渠道为准：');
  const wantsAll = ask.aspects.length === 0;
  const asked = ask.aspects.filter((a): a is ChannelType => a in CHANNEL_TEXT);
  for (const type of asked) {
    const channels = contact.channels.filter((c) => c.type === type);
    if (channels.length === 0) {
      out.lines.push(`${sourcesOf(name)}中没有提到${CHANNEL_TEXT[type].label}。`);
      out.coverage = 'missing';
    }
    for (const c of channels) addChannel(out, contact, c);
  }
  if (ask.aspects.includes('human')) {
    const human = contact.channels.filter((c) => HUMAN_CHANNELS.includes(c.type));
    for (const c of human) addChannel(out, contact, c);
    if (human.length === 0) out.coverage = 'missing';
  }
  // Asking how to reach them at all, or for a channel the sources do not mention: every channel they do mention.
  if (wantsAll || (out.coverage === 'missing' && out.citations.length === 0)) for (const c of contact.channels) addChannel(out, contact, c);
  if (ask.aspects.includes('hours') || wantsAll) addHours(out, contact, name, !wantsAll);
  if (ask.aspects.includes('prepare')) addStatements(out, contact, contact.prepare, '联系客服前请准备');
  if (ask.aspects.includes('human') || wantsAll) addSteps(out, contact);
  // Safety advice (only official channels) belongs to how to reach them, not to one channel's address or the hours.
  if (wantsAll || ask.aspects.includes('human')) for (const s of contact.safety) if (!s.general || contact.general) addStatement(out, contact, s, '');
  return out;
}

/** "X的资料" for a provider, "资料" for the general guidance. */
function sourcesOf(name: string): string {
  return name ? `${name}的资料` : '资料';
}

function addChannel(out: ContactAnswer, contact: Contact, c: Channel): void {
  const stated = statesValue(c, contact);
  // One line per statement; a statement holding several values (two numbers in one clause) gets one per value.
  if (out.citations.some((x) => x.source.start === c.source.start && x.source.doc === c.source.doc && x.text === c.how) && !stated) return;
  if (stated && out.lines.some((l) => l.includes(`：${c.value}`))) return;
  const { label } = CHANNEL_TEXT[c.type];
  const general = c.general === true && !contact.general;
  const who = contact.general ? '' : contact.name;
  let line: string;
  // The value first, under the label a reader asks for (客服电话：95xxx), then the statement it stands in.
  if (stated) line = saysMore(c) ? `${who}${label}：${c.value}。${sentence(c.how)}` : `${who}${label}：${c.value}`;
  else if (general) line = `${who}${label}：资料中没有${who}的专门说明。通用建议：${sentence(c.how)}`;
  // Without a value, the statement says where to find it; whether the sources give the value elsewhere is the
  // contact extraction's to know (it fills `value`), so nothing here claims they do not.
  else line = `${who}${label}：${sentence(c.how)}`;
  out.lines.push(line);
  cite(out, { text: c.how, source: c.source, general: c.general }, general);
}

/**
 * The hours: the provider's own statement; the general guidance's as general advice, said to be no statement of the
 * provider's (it is an example: "很多公司会设定工作时间,如…"); or that the sources give none. `asked`: the question
 * asked about hours, so a missing statement is worth a line.
 */
function addHours(out: ContactAnswer, contact: Contact, name: string, asked: boolean): void {
  const h = contact.hours;
  if (h && isOwnHours(contact)) {
    out.lines.push(`${name}客服服务时间：${h.value}。${sentence(h.text)}`);
    cite(out, h, false);
  } else if (h && contact.general) {
    // The general guidance's hours are an example of what companies set, which the text says.
    out.lines.push(`通用说明（并非某一平台公布的时间）：${sentence(h.text)}`);
    cite(out, h, false);
  } else if (h) {
    out.lines.push(`${sourcesOf(name)}中没有写明客服几点可以联系。通用说明（并非${name}公布的时间）：${sentence(h.text)}`);
    cite(out, h, true);
  } else if (asked) {
    out.lines.push(`${sourcesOf(name)}中没有写明客服几点可以联系。`);
    out.coverage = 'missing';
  }
}

function addStatements(out: ContactAnswer, contact: Contact, statements: Statement[], heading: string): void {
  if (statements.length === 0) return;
  const general = statements.every((s) => s.general) && !contact.general;
  out.lines.push(`${heading}${general ? '（通用建议）' : ''}：`);
  for (const s of statements) addStatement(out, contact, s, '- ');
}

function addStatement(out: ContactAnswer, contact: Contact, s: Statement, prefix: string): void {
  out.lines.push(`${prefix}${sentence(s.text)}`);
  cite(out, s, s.general === true && !contact.general);
}

/** The calling steps, numbered; labelled general advice when they come from the general guidance. */
function addSteps(out: ContactAnswer, contact: Contact): void {
  if (contact.steps.length === 0) return;
  const general = contact.steps.every((s) => s.general) && !contact.general;
  out.lines.push(general ? '联系客服的通用步骤：' : '联系客服的步骤：');
  contact.steps.forEach((s, i) => {
    out.lines.push(`${i + 1}. ${s.title ? `${s.title}：` : ''}${sentence(s.text)}`);
    cite(out, s, s.general === true && !contact.general);
  });
}

function cite(out: ContactAnswer, s: Citation, general: boolean): void {
  out.citations.push({ text: s.text, source: s.source, ...(s.general ? { general: true } : {}) });
  if (general && out.coverage === 'own') out.coverage = 'general';
}

/** A statement that is only a short label and the value ("客服邮箱：kefu@…") says nothing the value line does not. */
const LABEL_ONLY = /^[^，,。；;！？!?]{0,8}[:：]\s*$/;

/** True when the channel's statement says more than its value under a label. */
function saysMore(c: Channel & { value: string }): boolean {
  const rest = c.how.replace(c.value, '');
  return rest.trim() !== '' && !LABEL_ONLY.test(rest);
}

/** True when the channel's value may be stated for this contact: the provider's own, or the general guidance's for itself. */
function statesValue(c: Channel, contact: Contact): c is Channel & { value: string } {
  return typeof c.value === 'string' && c.value.length > 0 && (!c.general || contact.general);
}

/** A statement as a sentence: ends with a full stop. */
function sentence(text: string): string {
  return /[。！？.!?]$/.test(text) ? text : `${text}。`;
}

/** Generic fallback when no contact guidance applies. */
const GENERIC_CONTACT_LINE = '如需人工帮助，请通过官方网站或应用内公布的官方客服渠道联系，谨防非官方渠道。';

/**
 * One line on how to reach the provider, built only from its contact guidance: each channel it states, with its
 * value when the provider's own sources give one (an invented or borrowed number is how users get scammed), and the
 * service hours only when they are the provider's own (the general guidance's are an example, never a provider's).
 */
export function contactLine(contact: Contact | null): string {
  if (!contact) return GENERIC_CONTACT_LINE;
  const stated = new Set<string>();
  const named = new Set<string>();
  for (const c of contact.channels) {
    if (statesValue(c, contact)) stated.add(`${CHANNEL_TEXT[c.type].reach}${c.href ? c.value : `“${c.value}”`}`);
    else named.add(CHANNEL_TEXT[c.type].label);
  }
  const ways = [...stated, ...(named.size ? [`通过${[...named].join('、')}`] : [])];
  const via = ways.length ? ways.join('，或') : '通过官方渠道';
  const hours = isOwnHours(contact) ? `（服务时间：${contact.hours!.value}）` : '';
  const who = contact.general ? '官方客服' : `${contact.name}官方客服`;
  return `如需人工帮助，可${via}联系${who}${hours}，请只使用官方公布的渠道。`;
}

/** True when the contact's hours are the provider's own: not borrowed from the general guidance, not an example. */
function isOwnHours(contact: Contact): boolean {
  const h = contact.hours;
  return h !== null && !h.general && !contact.general && !h.reading.example;
}
