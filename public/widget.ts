/**
 * @module The embeddable widget (GET /widget.js). Embed with
 * `<script src="https://<worker>/widget.js" data-provider="topay" defer></script>`: it renders a search box right
 * after the script tag (or inside the element matched by `data-target`), inside a shadow root so that neither the
 * host page's styles nor the widget's leak across. It calls the API cross-origin, at the base URL of its own src.
 * The build bundles it as one IIFE (no globals leak into the host page) and defines WIDGET_CSS from widget.css.
 * Every API string reaches the DOM through text nodes only.
 */
import { getJson } from './api';
import { contactBody } from './contact';
import { h, highlighted, stepText } from './dom';
import { liveSearch, type SearchTurn } from './live-search';
import { sourceLine } from './source-view';

declare const WIDGET_CSS: string;

const GENERAL_PROVIDER = 'digital-wallet';
const DEBOUNCE_MS = 250;

/** The script element this code was loaded from (document.currentScript, or the last widget script not yet mounted). */
function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current;
  const candidates = [...document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]:not([data-faq-widget-mounted])')];
  return candidates[candidates.length - 1] ?? null;
}

function contactHeading(contact: FaqContact): string {
  return contact.general ? '通用客服联系指引' : `联系 ${contact.name} 客服`;
}

/** A contact's guidance behind a disclosure, open when it answers the question. */
function contactBlock(contact: FaqContact, base: URL, open = false): HTMLDetailsElement {
  return h('details', { class: 'contact', open, 'data-provider': contact.provider.id }, h('summary', null, contactHeading(contact)), contactBody(contact, base, 'h4'));
}

function mount(script: HTMLScriptElement): void {
  script.setAttribute('data-faq-widget-mounted', '');
  const base = new URL('.', script.src);
  const wanted = (script.dataset.provider ?? '').trim();
  const get = <T>(path: string, params: Record<string, string> = {}, signal?: AbortSignal) => getJson<T>(base, path, params, signal);

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
  let providerContact: FaqContact | null = null;
  let generalContact: Promise<FaqContact | null> | undefined;

  /** Shows `contact` after the results, or before them and open when it is what the question asks for. */
  function showContact(contact: FaqContact | null, first = false): void {
    contactSlot.replaceChildren(...(contact ? [contactBlock(contact, base, first)] : []));
    if (first) out.before(contactSlot);
    else out.after(contactSlot);
  }

  function resultItem(r: FaqResult): HTMLLIElement {
    const entryUrl = new URL(base);
    entryUrl.searchParams.set('entry', r.id);
    return h(
      'li',
      { class: 'item', 'data-id': r.id },
      h('a', { class: 'q', href: entryUrl.href, target: '_blank', rel: 'noopener' }, r.question),
      provider ? null : h('span', { class: 'prov' }, r.provider.name),
      h('p', { class: 'snip' }, highlighted(r.snippet, r.highlights)),
      r.steps.length
        ? h(
            'details',
            { class: 'steps' },
            h('summary', null, `办理步骤（${r.steps.length} 步）`),
            h('ol', null, r.steps.map((s) => h('li', null, stepText(s)))),
          )
        : null,
      sourceLine(r.source, base),
    );
  }

  async function search({ signal, current }: SearchTurn): Promise<void> {
    await ready;
    if (!current()) return;
    const q = input.value.trim();
    const url = new URL(base);
    if (q) url.searchParams.set('q', q);
    if (provider) url.searchParams.set('provider', provider);
    fullLink.href = url.href;
    if (!q || !/[\p{L}\p{N}]/u.test(q)) {
      out.replaceChildren();
      status.textContent = '';
      showContact(providerContact);
      return;
    }
    status.textContent = '正在搜索…';
    try {
      const res = await get<FaqAnswerResponse>('v1/answer', { q, provider }, signal);
      if (!current()) return;
      const results = [res.answer, ...res.alternatives].filter((r): r is FaqResult => r !== null);
      // The contact the question calls for: the provider it names (even when this widget has no data-provider), or
      // the general guidance when it asks how to get in touch; otherwise the embedding site's provider.
      const contactQuestion = res.kind === 'contact' || res.answer?.category === 'contact';
      const asked = res.contact && (!res.contact.general || contactQuestion) ? res.contact : null;
      if (res.answered && (results.length || res.kind === 'contact')) {
        status.textContent = results.length ? `找到 ${results.length} 条相关内容。` : '联系方式见下。';
        out.replaceChildren(...(results.length ? [h('ol', { class: 'list' }, results.map(resultItem))] : []));
        showContact(asked ?? providerContact, contactQuestion && asked !== null);
        return;
      }
      status.textContent = '没有找到可靠的答案，已附上通用客服联系指引。';
      generalContact ??= get<FaqProviderDetail>(`v1/providers/${GENERAL_PROVIDER}`).then((d) => d.contact, () => null);
      const general = await generalContact;
      if (!current()) return;
      out.replaceChildren(
        h(
          'div',
          { class: 'none' },
          h('p', { class: 'none-title' }, '没有找到可靠的答案'),
          h('p', null, `资料中没有能回答“${q}”的内容。可以换个说法再试，或按下面的通用指引联系官方客服。`),
          general ? contactBlock(general, base, true) : null,
        ),
        ...(results.length ? [h('p', { class: 'related' }, '可能有关的内容：'), h('ol', { class: 'list' }, results.map(resultItem))] : []),
      );
      showContact(asked && !asked.general ? asked : providerContact);
    } catch (err) {
      if (!current() || (err as Error).name === 'AbortError') return;
      status.textContent = '搜索服务暂时不可用，请稍后再试。';
      out.replaceChildren();
    }
  }

  // The provider (name, contact) is resolved first so that no search runs unfiltered while it loads.
  const ready: Promise<void> = wanted
    ? get<FaqProviderDetail>(`v1/providers/${encodeURIComponent(wanted)}`).then(
        (p) => {
          provider = p.id;
          providerContact = p.contact;
          title.textContent = `${p.name} 客服常见问题`;
          input.placeholder = `搜索 ${p.name} 的问题，例如：怎么找回密码`;
        },
        (err: { status?: number }) => {
          console.warn(`[faq-widget] data-provider="${wanted}" ${err.status === 404 ? 'is not a known provider' : 'could not be loaded'}; searching all providers.`);
        },
      )
    : Promise.resolve();
  const run = liveSearch(input, DEBOUNCE_MS, search);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void run();
  });
  void run();
}

const script = ownScript();
if (script) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => mount(script), { once: true });
  else mount(script);
} else {
  console.warn('[faq-widget] could not find its <script> element; nothing rendered.');
}
