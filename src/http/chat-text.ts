/**
 * @module Plain text for chatbots (MCP tool results, Dify records): an entry with its numbered steps, a provider's
 * contact guidance, and the link to an entry on the search page. Built from the presented JSON shapes, so every
 * surface shows the same words the REST routes return.
 */
import type { Contact } from '../model';
import { channelLabel, contactLine } from '../search/contact-answer';

/** The parts of a presented entry (GET /v1/entries/:id, a search result) the text is made of. */
export interface EntryLike {
  question: string;
  answer: string;
  steps: readonly { title: string; text: string }[];
}

const numbered = (steps: EntryLike['steps']) => steps.map((s, i) => `${i + 1}. ${s.title ? `${s.title}：` : ''}${s.text}`);

/**
 * The question, then the answer with its steps numbered: the answer's lines that state a step are replaced, where the
 * first of them stood, by the numbered steps, so the introduction and closing advice stay in place.
 */
export function entryText(entry: EntryLike): string {
  const lines = [entry.question];
  if (!entry.steps.length) return [...lines, entry.answer].join('\n');
  let stepsShown = false;
  for (const line of entry.answer.split('\n')) {
    if (entry.steps.some((s) => line.includes(s.text))) {
      if (!stepsShown) lines.push(...numbered(entry.steps));
      stepsShown = true;
    } else if (line.trim()) {
      lines.push(line);
    }
  }
  if (!stepsShown) lines.push(...numbered(entry.steps));
  return lines.join('\n');
}

const mark = (s: { general?: boolean }) => (s.general ? '（通用指引）' : '');

/**
 * A provider's contact guidance as text: channels (with the value the source states, if any), hours, what to
 * prepare, the steps, escalation, safety and other organisations' numbers the sources give, then the same closing
 * line as /v1/answer. Hours taken from the general guide are left out: there they are an example, never this
 * provider's hours.
 */
export function contactText(contact: Contact): string {
  const lines = [contact.general ? `${contact.name}（通用客服指引，非某一服务商专属）` : `${contact.name}客服指引`];
  const h = contact.hours;
  if (h && !h.general && !contact.general && !h.reading.example) lines.push(`服务时间：${h.text}`);
  const section = (title: string, items: string[]) => {
    if (items.length) lines.push(`${title}：`, ...items);
  };
  section(
    '联系渠道',
    contact.channels.map((c) => `- ${channelLabel(c.type)}：${c.how}${c.value ? `（${c.value}）` : ''}${mark(c)}`),
  );
  section('联系前准备', contact.prepare.map((s) => `- ${s.text}${mark(s)}`));
  section('联系步骤', contact.steps.map((s, i) => `${i + 1}. ${s.title ? `${s.title}：` : ''}${s.text}${mark(s)}`));
  section('投诉与升级', contact.escalation.map((s) => `- ${s.text}${mark(s)}`));
  section('安全提示', contact.safety.map((s) => `- ${s.text}${mark(s)}`));
  section('其他机构（非本服务商的渠道）', contact.thirdParty.map((t) => `- ${t.name ? `${t.name}：` : ''}${t.value}（${t.how}）`));
  lines.push(contactLine(contact));
  return lines.join('\n');
}

/** The search page showing one entry (`/?entry=<id>`), on the origin the request came to. */
export function entryUrl(origin: string, id: string): string {
  return `${origin}/?entry=${encodeURIComponent(id)}`;
}
