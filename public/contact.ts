/**
 * @module Contact guidance as a person needs it, for the page and the widget: each channel with its number, address
 * or URL, as a tel:, mailto: or web link only where the API gives one; advice taken from the provider-neutral guide
 * labelled "通用建议"; and a "查看原文" view on every statement. Nothing is linked from free text.
 */
import { h, safeHref, stepText, type Child } from './dom';
import { passageView, sourceTitle } from './source-view';

const CHANNEL_LABELS: Record<string, string> = {
  phone: '电话',
  online_chat: '在线客服',
  email: '邮箱',
  app: '手机应用',
  website: '官方网站',
  wechat: '微信',
  weibo: '微博',
};

/** The visible label of a statement taken from the general guide rather than the provider's own article. */
function generalBadge(): HTMLElement {
  return h('span', { class: 'general' }, '通用建议');
}

/** A channel's value from the source: a link when the API made a safe one from it, plain text otherwise. */
function address(value: string, href: string | null | undefined): HTMLElement {
  const safe = safeHref(href);
  return safe ? h('a', { class: 'addr', href: safe }, value) : h('span', { class: 'addr' }, value);
}

/** The channel's description with its value in place where the description states it, else after it. */
function channelText(c: Pick<FaqChannel, 'how' | 'value' | 'href'>): Child[] {
  if (!c.value) return [c.how];
  const at = c.how.indexOf(c.value);
  if (at < 0) return [c.how, '：', address(c.value, c.href)];
  return [c.how.slice(0, at), address(c.value, c.href), c.how.slice(at + c.value.length)];
}

function item(s: { general?: boolean; source: FaqSpan }, base: URL, ...body: (Child | Child[])[]): HTMLLIElement {
  return h('li', null, ...body, s.general ? [' ', generalBadge()] : null, ' ', passageView(s.source, base));
}

/** Every statement of a contact, channels and other organisations' numbers included. */
function statementsOf(c: FaqContact): { general?: boolean; source: FaqSpan }[] {
  return [...(c.hours ? [c.hours] : []), ...c.channels, ...c.prepare, ...c.steps, ...c.escalation, ...c.safety, ...(c.thirdParty ?? [])];
}

/**
 * The body of a contact card: an intro when some or all of it is general advice, one section per kind of statement
 * under `heading` elements, and a note naming the articles it is taken from. `base` is where the sources live.
 */
export function contactBody(contact: FaqContact, base: URL, heading: 'h3' | 'h4'): HTMLElement[] {
  const sections: HTMLElement[] = [];
  const section = (title: string, list: HTMLElement, cls = '') => sections.push(h('section', { class: 'c-sec ' + cls }, h(heading, null, title), list));
  const statements = (list: FaqStatement[]) => h('ul', null, list.map((s) => item(s, base, s.text)));

  if (contact.hours) section('服务时间', h('ul', { class: 'plain' }, item(contact.hours, base, contact.hours.text)));
  if (contact.channels.length)
    section('联系渠道', h('ul', { class: 'channels' }, contact.channels.map((c) => item(c, base, h('span', { class: 'chan' }, CHANNEL_LABELS[c.type] ?? c.type), ' ', channelText(c)))));
  if (contact.prepare.length) section('联系前请准备', statements(contact.prepare));
  if (contact.steps.length)
    section('联系步骤', h('ol', { class: 'steps' }, contact.steps.map((s) => item(s, base, stepText(s)))));
  if (contact.escalation.length) section('问题没有解决时', statements(contact.escalation));
  if (contact.safety.length) section('安全提示', statements(contact.safety), 'safety');
  const others = contact.thirdParty ?? [];
  if (others.length)
    section('其他机构（非本服务商的渠道）', h('ul', null, others.map((t) => item(t, base, t.name ? `${t.name}：` : '', channelText(t)))));

  const all = statementsOf(contact);
  const intro = contact.general
    ? '以下是适用于各类支付服务的通用建议，不是某一家服务商的资料；请以服务商官方网站或应用内公布的渠道为准。'
    : all.some((s) => s.general)
      ? `标有“通用建议”的内容来自通用联系指引，不是${contact.name}自己的资料。`
      : null;
  const titles = [...new Set(all.filter((s) => s.source.title).map((s) => sourceTitle(s.source)))];
  return [
    ...(intro ? [h('p', { class: 'c-intro' }, intro)] : []),
    ...(sections.length ? sections : [h('p', null, '资料中没有这家服务商的联系方式。')]),
    h('p', { class: 'c-foot' }, titles.length ? `内容摘自${titles.join('、')}，每条都可“查看原文”核对。` : '每条内容都摘自资料原文，可点“查看原文”核对。'),
  ];
}
