/**
 * @module Where a text comes from, for the page and the widget: the source article's title, and a "查看原文" view
 * that fetches the article's text (`/sources/<doc>.txt` beside the page) and shows the passage [start, end) marked,
 * with a little context around it. An HTML article is shown as its text with the tags stripped: the view is built
 * from text nodes, so nothing in an article is ever parsed as HTML.
 */
import { getText } from './api';
import { h, highlighted } from './dom';

/** Characters of context shown on each side of a passage (less when a line break comes first). */
const CONTEXT = 80;
/** Marks a passage's ends in an HTML article while its tags are stripped; control characters no article uses. */
const START = '\u0001';
const END = '\u0002';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntity(entity: string, name: string): string {
  if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? entity;
  const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
}

/** The text of an HTML document: its head, scripts, styles and comments dropped, block tags as line breaks, entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<(head|script|style|template)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi, '')
    .replace(/<\/?(?:p|div|br|li|h[1-6]|tr|ul|ol|table|section|article|header|footer|blockquote|pre|dt|dd)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, decodeEntity)
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n\s*/g, '\n')
    .trim();
}

/** Up to {@link CONTEXT} characters before `start`, from a line's start where one falls inside them. */
function contextBefore(text: string, start: number): string {
  const cut = start > CONTEXT;
  const window = text.slice(start - Math.min(start, CONTEXT), start);
  const line = window.indexOf('\n') + 1;
  if (cut && line > 0 && window.slice(line).trim()) return window.slice(line).trimStart();
  return (cut ? '…' : '') + window.trimStart();
}

/** Up to {@link CONTEXT} characters after `end`, to a line's end where one falls inside them. */
function contextAfter(text: string, end: number): string {
  const cut = end + CONTEXT < text.length;
  const window = text.slice(end, end + CONTEXT);
  const line = window.lastIndexOf('\n');
  if (cut && line >= 0 && window.slice(0, line).trim()) return window.slice(0, line).trimEnd();
  return window.trimEnd() + (cut ? '…' : '');
}

/**
 * The passage [start, end) of an article with a little context around it, and the passage's range within the
 * result. Offsets index the article as stored (an HTML article's markup included). Null when they do not fit.
 */
export function passageWithContext(raw: string, start: number, end: number, isHtml: boolean): { text: string; range: [number, number] } | null {
  if (!(start >= 0 && start < end && end <= raw.length)) return null;
  let text = raw;
  if (isHtml) {
    text = htmlText(raw.slice(0, start) + START + raw.slice(start, end) + END + raw.slice(end));
    [start, end] = [text.indexOf(START), text.indexOf(END) - 1];
    if (start < 0 || end < start) return null;
    text = text.replace(START, '').replace(END, '');
  }
  const before = contextBefore(text, start);
  return { text: before + text.slice(start, end) + contextAfter(text, end), range: [before.length, before.length + end - start] };
}

const texts = new Map<string, Promise<string>>();

/** A source article's text, fetched once per page. */
function sourceText(base: URL, doc: string): Promise<string> {
  const url = new URL(`sources/${encodeURIComponent(doc)}.txt`, base);
  let text = texts.get(url.href);
  if (!text) {
    text = getText(url);
    text.catch(() => texts.delete(url.href));
    texts.set(url.href, text);
  }
  return text;
}

/** The article's title in 《》, or a plain description when the API does not name it. */
export function sourceTitle(span: FaqSpan): string {
  return span.title ? `《${span.title}》` : '资料原文';
}

/** A "查看原文" disclosure that loads the passage when first opened. `base` is the URL the sources live under. */
export function passageView(span: FaqSpan, base: URL): HTMLDetailsElement {
  const body = h('div', { class: 'passage-body' }, '正在载入原文…');
  const view = h('details', { class: 'passage' }, h('summary', null, '查看原文'), body);
  let loading: Promise<void> | null = null;
  async function load(): Promise<void> {
    let text: string;
    try {
      text = await sourceText(base, span.doc);
    } catch {
      loading = null; // opening it again retries
      body.replaceChildren(h('p', { class: 'passage-error' }, '原文暂时无法打开，请稍后再试。'));
      return;
    }
    const passage = passageWithContext(text, span.start, span.end, /\.html?$/i.test(span.doc));
    body.replaceChildren(
      h('p', { class: 'passage-from' }, `摘自${sourceTitle(span)}`),
      passage
        ? h('blockquote', { class: 'passage-text', tabindex: 0 }, highlighted(passage.text, [passage.range]))
        : h('p', { class: 'passage-error' }, '原文已更新，这段内容的位置对不上了。'),
    );
  }
  view.addEventListener('toggle', () => {
    if (view.open) loading ??= load();
  });
  return view;
}

/** "来源：《title》" and its "查看原文" view, for a result or an entry. */
export function sourceLine(span: FaqSpan, base: URL): HTMLElement {
  return h('div', { class: 'src' }, h('span', { class: 'src-title' }, `来源：${sourceTitle(span)}`), ' ', passageView(span, base));
}
