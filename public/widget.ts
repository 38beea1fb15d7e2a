/**
 * @module The embeddable widget (GET /widget.js). Embed with
 * `<script src="https://<worker>/widget.js" data-provider="topay" defer></script>`: it renders a search box right
 * after the script tag (or inside the element matched by `data-target`), inside a shadow root so that neither the
 * host page's styles nor the widget's leak across. It calls the API cross-origin, at the base URL of its own src.
 * The build wraps this file in an IIFE (no globals leak into the host page) and defines WIDGET_CSS from widget.css.
 * Every API string reaches the DOM through text nodes only.
 */
export {};

declare const WIDGET_CSS: string;

const GENERAL_PROVIDER = 'digital-wallet';
const DEBOUNCE_MS = 250;

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, string | number | undefined> | null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) if (value !== undefined) el.setAttribute(name, String(value));
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return el;
}

/** `text` with `<mark>` around the given [start, end) UTF-16 ranges. */
function highlighted(text: string, ranges: readonly (readonly [number, number])[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [s0, e0] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const s = Math.max(at, Math.min(s0, text.length));
    const e = Math.min(e0, text.length);
    if (e <= s) continue;
    if (s > at) frag.appendChild(document.createTextNode(text.slice(at, s)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(s, e);
    frag.appendChild(mark);
    at = e;
  }
  if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
  return frag;
}

const sourceNote = (span: FaqSpan) => h('small', { class: 'src' }, `来源：${span.doc}，字符 ${span.start}–${span.end}`);

/** The script element this code was loaded from (document.currentScript, or the last widget script not yet mounted). */
function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  const candidates = [...document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]:not([data-faq-widget-mounted])')];
  return candidates[candidates.length - 1] ?? null;
}

function mount(script: HTMLScriptElement): void {
  script.setAttribute('data-faq-widget-mounted', '');
  const base = new URL('.', script.src);
  const wanted = (script.dataset.provider ?? '').trim();

  const hostEl = document.createElement('faq-search-widget');
  const target = script.dataset.target ? document.querySelector(script.dataset.target) : null;
  if (target) target.appendChild(hostEl);
  else if (script.parentElement && script.parentElement !== document.head) script.after(hostEl);
  else document.body.appendChild(hostEl);

  const root = hostEl.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.appendChild(h('style', null, WIDGET_CSS));
  }

  const input = h('input', {
    id: 'q',
    type: 'search',
    maxlength: 200,
    autocomplete: 'off',
    spellcheck: 'false',
    enterkeyhint: 'search',
    placeholder: '例如：怎么找回密码',
  });
  const title = h('label', { for: 'q', class: 'title' }, '客服常见问题');
  const form = h('form', { class: 'bar', role: 'search' }, title, h('div', { class: 'row' }, input, h('button', { type: 'submit' }, '搜索')));
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const out = h('div', { class: 'out' });
  const contactSlot = h('div', { class: 'contact-slot' });
  const fullLink = h('a', { href: base.href, target: '_blank', rel: 'noopener' }, '打开完整搜索页');
  root.appendChild(
    h('div', { class: 'w', part: 'container' }, form, status, out, contactSlot, h('p', { class: 'foot' }, fullLink, ' · 内容摘自服务商公开资料')),
  );

  let provider = '';
  let seq = 0;
  let timer: number | undefined;
  let controller: AbortController | null = null;
  const generalContact: { p?: Promise<FaqContact | null> } = {};

  async function get<T>(path: string, params: Record<string, string> = {}, signal?: AbortSignal): Promise<T> {
    const url = new URL(path, base);
    for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
    const res = await fetch(url, { signal, headers: { Accept: 'application/json' }, credentials: 'omit' });
    if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status });
    return (await res.json()) as T;
  }

  function contactBlock(contact: FaqContact, heading: string): HTMLElement {
    const items: HTMLElement[] = [];
    // Statements taken from the general guidance rather than this provider's own article say so.
    const gen = (s: { general?: boolean }) => (s.general ? h('span', { class: 'gen', title: '来自通用联系指引' }, '通用') : null);
    if (contact.hours) items.push(h('li', null, h('b', null, '服务时间'), ' ', contact.hours.text, gen(contact.hours), ' ', sourceNote(contact.hours.source)));
    for (const c of contact.channels) items.push(h('li', null, h('b', null, CHANNELS[c.type] ?? c.type), ' ', c.how, gen(c), ' ', sourceNote(c.source)));
    for (const s of contact.steps) items.push(h('li', null, s.title ? h('b', null, s.title) : null, s.title ? ' ' : null, s.text, gen(s), ' ', sourceNote(s.source)));
    for (const s of contact.safety) items.push(h('li', { class: 'safety' }, h('b', null, '安全提示'), ' ', s.text, gen(s), ' ', sourceNote(s.source)));
    return h('details', { class: 'contact' }, h('summary', null, heading), h('ul', null, items));
  }

  function resultItem(r: FaqResult): HTMLLIElement {
    const snip = h('p', { class: 'snip' });
    snip.appendChild(highlighted(r.snippet, r.highlights));
    const entryUrl = new URL(base);
    entryUrl.hash = 'entry=' + encodeURIComponent(r.id);
    return h(
      'li',
      { class: 'item', 'data-id': r.id },
      h('a', { class: 'q', href: entryUrl.href, target: '_blank', rel: 'noopener' }, r.question),
      provider ? null : h('span', { class: 'prov' }, r.provider.name),
      snip,
      r.steps.length
        ? h(
            'details',
            { class: 'steps' },
            h('summary', null, `办理步骤（${r.steps.length} 步）`),
            h('ol', null, r.steps.map((s) => h('li', null, s.title ? h('b', null, s.title) : null, s.title ? '：' : null, s.text))),
          )
        : null,
    );
  }

  async function run(): Promise<void> {
    window.clearTimeout(timer);
    const mine = ++seq;
    await ready;
    if (mine !== seq) return;
    const q = input.value.trim();
    controller?.abort();
    controller = new AbortController();
    const url = new URL(base);
    if (q) url.searchParams.set('q', q);
    if (provider) url.searchParams.set('provider', provider);
    fullLink.href = url.href;
    if (!q || !/[\p{L}\p{N}]/u.test(q)) {
      out.replaceChildren();
      status.textContent = '';
      return;
    }
    status.textContent = '正在搜索…';
    try {
      const res = await get<FaqAnswerResponse>('v1/answer', { q, provider }, controller.signal);
      if (mine !== seq) return;
      const results = [res.answer, ...res.alternatives].filter((r): r is FaqResult => r !== null);
      if (res.answered && results.length) {
        status.textContent = `找到 ${results.length} 条相关内容。`;
        out.replaceChildren(h('ol', { class: 'list' }, results.map(resultItem)));
        return;
      }
      status.textContent = '没有找到可靠的答案，已附上通用客服联系指引。';
      generalContact.p ??= get<FaqProviderDetail>(`v1/providers/${GENERAL_PROVIDER}`).then((d) => d.contact, () => null);
      const general = await generalContact.p;
      if (mine !== seq) return;
      const parts: (HTMLElement | null)[] = [
        h(
          'div',
          { class: 'none' },
          h('p', { class: 'none-title' }, '没有找到可靠的答案'),
          h('p', null, `资料中没有能回答“${q}”的内容。可以换个说法再试，或按下面的通用指引联系官方客服。`),
          general ? contactBlock(general, '通用客服联系指引') : null,
        ),
        results.length ? h('p', { class: 'related' }, '可能有关的内容：') : null,
        results.length ? h('ol', { class: 'list' }, results.map(resultItem)) : null,
      ];
      out.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
      out.querySelector<HTMLDetailsElement>('.none details')?.setAttribute('open', '');
    } catch (err) {
      if (mine !== seq || (err as Error).name === 'AbortError') return;
      status.textContent = '搜索服务暂时不可用，请稍后再试。';
      out.replaceChildren();
    }
  }

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void run();
  });

  // The provider (name, contact) is resolved first so that no search runs unfiltered while it loads.
  const ready: Promise<void> = wanted
    ? get<FaqProviderDetail>(`v1/providers/${encodeURIComponent(wanted)}`).then(
        (p) => {
          provider = p.id;
          title.textContent = `${p.name} 客服常见问题`;
          input.placeholder = `搜索 ${p.name} 的问题，例如：怎么找回密码`;
          if (p.contact) contactSlot.replaceChildren(contactBlock(p.contact, `联系 ${p.name} 客服`));
        },
        (err: { status?: number }) => {
          console.warn(`[faq-widget] data-provider="${wanted}" ${err.status === 404 ? 'is not a known provider' : 'could not be loaded'}; searching all providers.`);
        },
      )
    : Promise.resolve();
  void ready.then(() => run());
}

const CHANNELS: Record<string, string> = {
  phone: '电话',
  online_chat: '在线客服',
  email: '邮箱',
  app: '手机应用',
  website: '官方网站',
  wechat: '微信',
  weibo: '微博',
};

const script = ownScript();
if (script) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
  else mount(script);
} else {
  console.warn('[faq-widget] could not find its <script> element; nothing rendered.');
}
