/**
 * @module The search page (GET /): live search over /v1/search and /v1/answer, provider chips, result cards with
 * highlights, the contact card (first on a contact question), an honest no-answer state, the entry view
 * (`/?entry=<id>`, which chatbots link to) and keyboard navigation. Every API string reaches the DOM as text.
 */
import { ApiFailure, getJson } from './api';
import { contactBody } from './contact';
import { h, highlighted, stepText } from './dom';
import { liveSearch, type SearchTurn } from './live-search';
import { sourceLine } from './source-view';

/** The provider-neutral guidance shown when nothing answers the question. */
const GENERAL_PROVIDER = 'digital-wallet';
const DEBOUNCE_MS = 220;
const LIMIT = 10;
const TITLE = document.title;
/** The site root: the API and the source texts live under it. */
const BASE = new URL('/', location.href);

const CATEGORY_LABELS: Record<string, string> = {
  contact: '联系客服',
  account: '账户',
  login: '登录',
  password: '密码',
  locked: '账户锁定',
  security: '账户安全',
  'payment-failure': '支付失败',
  transaction: '交易',
  refund: '退款',
  records: '交易记录',
  complaint: '投诉',
  international: '跨境支付',
  misoperation: '误操作',
  service: '服务',
  about: '简介',
};

const EXAMPLES = ['通联支付退款要几天', 'Topay 密码找回', '汇付天下客服几点上班', '账户被冻结怎么办', '联合钱包支付失败'];

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el;
}

const api = <T>(path: string, params: Record<string, string | undefined> = {}, signal?: AbortSignal) => getJson<T>(BASE, path, params, signal);

/** The answer text as paragraphs, one per stored line. */
function paragraphs(text: string): HTMLElement[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => h('p', null, line));
}

function stepsList(steps: readonly FaqStep[]): HTMLOListElement {
  return h('ol', { class: 'steps' }, steps.map((s) => h('li', null, stepText(s))));
}

function categoryLabel(id: string | null | undefined): string {
  return id ? (CATEGORY_LABELS[id] ?? id) : '';
}

const contactCache = new Map<string, Promise<FaqContact | null>>();
/** A provider's contact guidance (GET /v1/providers/:id), fetched once per page. */
function providerContact(id: string): Promise<FaqContact | null> {
  let p = contactCache.get(id);
  if (!p) {
    p = api<FaqProviderDetail>(`/v1/providers/${encodeURIComponent(id)}`).then((d) => d.contact);
    p.catch(() => contactCache.delete(id));
    contactCache.set(id, p);
  }
  return p;
}

// ---------------------------------------------------------------------------------------------------------------
// Page state and elements.

const input = $('q') as HTMLInputElement;
const form = $('search-form') as HTMLFormElement;
const chipsEl = $('providers');
const statusEl = $('status');
const resultsEl = $('results');
const contactEl = $('contact');
const entryEl = $('entry-view');
const layoutEl = $('layout');

const state = {
  provider: '',
  providers: [] as FaqProviderSummary[],
};

function setStatus(text: string): void {
  if (statusEl.textContent !== text) statusEl.textContent = text;
}

/** The page's address with `changes` applied (an empty value removes the parameter), as a path and query. */
function pageUrl(changes: Record<string, string>): string {
  const url = new URL(location.href);
  url.hash = '';
  for (const [k, v] of Object.entries(changes)) {
    if (v) url.searchParams.set(k, v);
    else url.searchParams.delete(k);
  }
  return url.pathname + url.search;
}

/** Keeps ?q=&provider= in the address bar so a search can be shared or reloaded. */
function syncUrl(q: string): void {
  const url = pageUrl({ q, provider: state.provider });
  if (url !== location.pathname + location.search) history.replaceState(history.state, '', url);
}

// ---------------------------------------------------------------------------------------------------------------
// Provider chips.

function renderChips(): void {
  const chip = (id: string, label: string, count?: number) =>
    h(
      'button',
      { type: 'button', class: 'chip', 'data-provider': id, 'aria-pressed': String(state.provider === id) },
      label,
      count === undefined ? null : [h('span', { class: 'count', 'aria-hidden': 'true' }, String(count)), h('span', { class: 'sr-only' }, `（${count} 条）`)],
    );
  chipsEl.replaceChildren(
    h('span', { class: 'chips-label', id: 'chips-label' }, '服务商：'),
    chip('', '全部'),
    ...state.providers.map((p) => chip(p.id, p.name, p.entries)),
  );
}

chipsEl.addEventListener('click', (ev) => {
  const button = (ev.target as Element).closest<HTMLButtonElement>('button.chip');
  if (!button) return;
  selectProvider(button.dataset.provider ?? '');
});

function selectProvider(id: string): void {
  state.provider = id;
  for (const b of chipsEl.querySelectorAll<HTMLButtonElement>('button.chip')) b.setAttribute('aria-pressed', String(b.dataset.provider === id));
  if (entryParam()) closeEntry();
  void run();
}

// ---------------------------------------------------------------------------------------------------------------
// Contact card.

function contactCard(contact: FaqContact | null): HTMLElement | null {
  if (!contact) return null;
  const id = 'contact-' + contact.provider.id;
  const general = contact.general || contact.provider.id === GENERAL_PROVIDER;
  return h(
    'section',
    { class: 'contact-card' + (general ? ' is-general' : ''), 'aria-labelledby': id, 'data-provider': contact.provider.id },
    h('h2', { id }, general ? '通用客服联系指引' : `联系${contact.name}客服`),
    contactBody(contact, BASE, 'h3'),
  );
}

/**
 * Shows the contact cards beside the results; `first` (a contact question) puts them before the results in the
 * document, which is where they appear on a narrow screen and where a screen reader or the Tab key meets them.
 */
function showContacts(cards: (HTMLElement | null)[], first = false): void {
  const list = cards.filter((c): c is HTMLElement => c !== null);
  contactEl.replaceChildren(...list);
  contactEl.hidden = list.length === 0;
  layoutEl.classList.toggle('has-contact', list.length > 0);
  if (first && contactEl.nextElementSibling !== resultsEl) resultsEl.before(contactEl);
  if (!first && resultsEl.nextElementSibling !== contactEl) resultsEl.after(contactEl);
}

// ---------------------------------------------------------------------------------------------------------------
// Results.

function entryLink(id: string, text: string): HTMLAnchorElement {
  return h('a', { href: pageUrl({ entry: id }), 'data-entry': id }, text);
}

function renderResult(r: FaqResult, index: number): HTMLLIElement {
  const qid = `r${index}-q`;
  const article = h(
    'article',
    { class: 'result', tabindex: index === 0 ? 0 : -1, 'aria-labelledby': qid, 'data-id': r.id, 'data-score': r.score },
    h(
      'p',
      { class: 'meta' },
      h('span', { class: 'tag provider' }, r.provider.name),
      categoryLabel(r.category) ? h('span', { class: 'tag cat' }, categoryLabel(r.category)) : null,
    ),
    h('h3', { class: 'q', id: qid }, entryLink(r.id, r.question)),
    h('p', { class: 'snippet' }, highlighted(r.snippet, r.highlights)),
  );
  if (r.steps.length) {
    article.appendChild(h('p', { class: 'label' }, `办理步骤（${r.steps.length} 步）`));
    article.appendChild(stepsList(r.steps));
  }
  article.appendChild(
    h(
      'details',
      { class: 'full' },
      h('summary', null, '查看完整回答'),
      h('div', { class: 'answer' }, paragraphs(r.answer)),
      sourceLine(r.source, BASE),
      h('p', { class: 'links' }, entryLink(r.id, '打开条目'), ' · ', h('a', { href: `/v1/entries/${encodeURIComponent(r.id)}`, type: 'application/json' }, 'JSON')),
    ),
  );
  return h('li', null, article);
}

function renderWelcome(): void {
  resultsEl.replaceChildren(
    h(
      'div',
      { class: 'welcome' },
      h('h2', null, '可以这样问'),
      h('p', null, '输入你遇到的问题，例如退款、找回密码、账户被锁定或如何联系客服。可以写简体、繁体、拼音或服务商的英文名。'),
      h(
        'ul',
        { class: 'examples', 'aria-label': '示例问题' },
        EXAMPLES.map((q) => h('li', null, h('button', { type: 'button', class: 'example', 'data-q': q }, q))),
      ),
    ),
  );
}

resultsEl.addEventListener('click', (ev) => {
  const example = (ev.target as Element).closest<HTMLButtonElement>('button.example');
  if (example?.dataset.q) {
    input.value = example.dataset.q;
    void run();
    input.focus();
  }
});

function renderNoAnswer(q: string, related: FaqResult[]): void {
  const box = h(
    'div',
    { class: 'no-answer', id: 'no-answer', role: 'region', 'aria-labelledby': 'no-answer-title' },
    h('h2', { id: 'no-answer-title' }, '没有找到可靠的答案'),
    h('p', null, `资料中没有能回答“${q}”的内容。为避免误导，这里不提供猜测的答案。`),
    h(
      'ul',
      null,
      h('li', null, '换个说法再试试，例如写上服务商名称和具体操作（“Topay 找回密码”）；'),
      h('li', null, '或者按照“通用客服联系指引”联系服务商的官方客服。'),
    ),
  );
  const children: HTMLElement[] = [box];
  if (related.length) {
    children.push(h('h2', { class: 'related-title' }, '可能有关的内容（不一定能回答你的问题）'));
    children.push(h('ol', { class: 'results-list related' }, related.map(renderResult)));
  }
  resultsEl.replaceChildren(...children);
}

// ---------------------------------------------------------------------------------------------------------------
// Searching.

/** Searches for the current text (or shows the idle state). Runs as one turn of {@link liveSearch}. */
async function search({ signal, current }: SearchTurn): Promise<void> {
  const q = input.value.trim();
  syncUrl(q);

  if (!q || !/[\p{L}\p{N}]/u.test(q)) {
    resultsEl.removeAttribute('aria-busy');
    renderWelcome();
    setStatus(q ? '请输入文字或数字。' : '');
    const contact = state.provider ? await providerContact(state.provider).catch(() => null) : null;
    if (current()) showContacts([contactCard(contact)]);
    return;
  }

  resultsEl.setAttribute('aria-busy', 'true');
  setStatus('正在搜索…');
  const params = { q, provider: state.provider || undefined };
  try {
    const [found, answer] = await Promise.all([
      api<FaqSearchResponse>('/v1/search', { ...params, limit: String(LIMIT) }, signal),
      api<FaqAnswerResponse>('/v1/answer', params, signal),
    ]);
    if (!current()) return;
    resultsEl.removeAttribute('aria-busy');
    // A contact question is answered by the contact guidance itself, with or without entries about it.
    const contactQuestion = answer.kind === 'contact' || found.category === 'contact';
    const answered = answer.answered && (found.results.length > 0 || answer.kind === 'contact');

    if (!answered) {
      renderNoAnswer(q, found.results);
      setStatus(`没有找到可靠的答案，已附上通用客服联系指引${found.results.length ? `和 ${found.results.length} 条可能有关的内容` : ''}。`);
      const general = await providerContact(GENERAL_PROVIDER).catch(() => null);
      if (!current()) return;
      const own = found.contact && found.contact.provider.id !== GENERAL_PROVIDER ? found.contact : null;
      showContacts([contactCard(own), contactCard(general)]);
      return;
    }

    const contact = found.contact ?? answer.contact;
    const facets = [found.provider ? `服务商：${found.provider.name}` : '', found.category ? `类别：${categoryLabel(found.category)}` : ''].filter(Boolean).join('，');
    const n = found.results.length;
    resultsEl.replaceChildren(
      h('h2', { class: 'sr-only' }, '搜索结果'),
      n ? h('ol', { class: 'results-list' }, found.results.map(renderResult)) : h('p', { class: 'none-here' }, '没有相关的问答条目。'),
    );
    setStatus(n ? `找到 ${n} 条相关内容${facets ? `（${facets}）` : ''}${contactQuestion && contact ? '，联系方式在前' : ''}。` : '联系方式见下。');
    showContacts([contactCard(contact)], contactQuestion);
  } catch (err) {
    if (!current() || (err as Error).name === 'AbortError') return;
    resultsEl.removeAttribute('aria-busy');
    const message = err instanceof ApiFailure && err.status < 500 ? `无法搜索：${err.message}` : '搜索服务暂时不可用，请稍后再试。';
    resultsEl.replaceChildren(h('div', { class: 'error', role: 'alert' }, message));
    setStatus('');
  }
}

const run = liveSearch(input, DEBOUNCE_MS, search);
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  void run();
});
input.addEventListener('input', () => {
  if (entryParam()) closeEntry(false);
});

// ---------------------------------------------------------------------------------------------------------------
// Entry view (/?entry=<id>): links carry data-entry and open it in place; the address stays shareable.

function entryParam(): string | null {
  return new URLSearchParams(location.search).get('entry') || null;
}

let lastEntryId: string | null = null;

/** Shows the entry named in the address bar, or the results when none is. */
async function showEntryFromUrl(restoreFocus = true): Promise<void> {
  const id = entryParam();
  if (!id) {
    document.title = TITLE;
    if (entryEl.hidden) return;
    entryEl.hidden = true;
    entryEl.replaceChildren();
    layoutEl.hidden = false;
    if (!restoreFocus) return;
    const back = lastEntryId ? resultsEl.querySelector<HTMLElement>(`article.result[data-id="${CSS.escape(lastEntryId)}"]`) : null;
    (back ?? input).focus();
    return;
  }
  lastEntryId = id;
  layoutEl.hidden = true;
  entryEl.hidden = false;
  entryEl.replaceChildren(h('p', { class: 'status' }, '正在加载…'));
  const back = h('p', { class: 'back' }, h('a', { href: pageUrl({ entry: '' }), id: 'entry-back' }, '← 返回搜索'));
  try {
    const entry = await api<FaqEntry>(`/v1/entries/${encodeURIComponent(id)}`);
    const contact = await providerContact(entry.provider.id).catch(() => null);
    if (entryParam() !== id) return;
    const title = h('h2', { id: 'entry-title', tabindex: -1 }, entry.question);
    entryEl.replaceChildren(
      back,
      h(
        'article',
        { class: 'entry', 'aria-labelledby': 'entry-title', 'data-id': entry.id },
        h(
          'p',
          { class: 'meta' },
          h('span', { class: 'tag provider' }, entry.provider.name),
          categoryLabel(entry.category) ? h('span', { class: 'tag cat' }, categoryLabel(entry.category)) : null,
        ),
        title,
        entry.steps.length ? [h('h3', null, '办理步骤'), stepsList(entry.steps)] : null,
        h('h3', null, '完整回答'),
        h('div', { class: 'answer' }, paragraphs(entry.answer)),
        sourceLine(entry.source, BASE),
        h('p', { class: 'links' }, h('a', { href: `/v1/entries/${encodeURIComponent(entry.id)}`, type: 'application/json' }, 'JSON')),
      ),
      h('div', { class: 'entry-contact' }, contactCard(contact)),
    );
    document.title = `${entry.question} · ${TITLE}`;
    title.focus();
  } catch (err) {
    if (entryParam() !== id) return;
    const message = err instanceof ApiFailure && err.status === 404 ? '找不到这个条目，它可能已被更新或移除。' : '条目暂时无法加载，请稍后再试。';
    entryEl.replaceChildren(back, h('div', { class: 'error', role: 'alert' }, message));
  }
}

function openEntry(id: string): void {
  history.pushState(null, '', pageUrl({ entry: id }));
  void showEntryFromUrl();
}

/** Leaves the entry view as a new history step; `restoreFocus` returns focus to the entry's result card. */
function closeEntry(restoreFocus = true): void {
  history.pushState(null, '', pageUrl({ entry: '' }));
  void showEntryFromUrl(restoreFocus);
}

window.addEventListener('popstate', () => void showEntryFromUrl());
document.addEventListener('click', (ev) => {
  if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return; // a new tab or window: the link as is
  const link = (ev.target as Element).closest<HTMLAnchorElement>('a[data-entry], #entry-back');
  if (!link) return;
  ev.preventDefault();
  if (link.dataset.entry) openEntry(link.dataset.entry);
  else closeEntry();
});

// ---------------------------------------------------------------------------------------------------------------
// Keyboard: "/" focuses the search box; arrows move through results; Enter expands; Escape goes back.

function resultCards(): HTMLElement[] {
  return [...resultsEl.querySelectorAll<HTMLElement>('article.result')];
}

function focusCard(cards: HTMLElement[], i: number): void {
  const target = cards[Math.max(0, Math.min(i, cards.length - 1))];
  if (!target) return;
  for (const c of cards) c.tabIndex = c === target ? 0 : -1;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}

function isEditable(el: Element | null): boolean {
  return !!el && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el as HTMLElement).isContentEditable);
}

document.addEventListener('keydown', (ev) => {
  if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const target = ev.target as HTMLElement;

  if (ev.key === '/' && !isEditable(target)) {
    ev.preventDefault();
    if (entryParam()) closeEntry();
    input.focus();
    input.select();
    return;
  }
  if (ev.key === 'Escape' && entryParam()) {
    ev.preventDefault();
    closeEntry();
    return;
  }

  const cards = resultCards();
  if (target === input) {
    if (ev.key === 'ArrowDown' && cards.length) {
      ev.preventDefault();
      focusCard(cards, 0);
    }
    return;
  }
  const card = target.closest<HTMLElement>('article.result');
  if (!card || !resultsEl.contains(card)) return;
  const i = cards.indexOf(card);
  switch (ev.key) {
    case 'ArrowDown':
      ev.preventDefault();
      focusCard(cards, i + 1);
      break;
    case 'ArrowUp':
      ev.preventDefault();
      if (i === 0) input.focus();
      else focusCard(cards, i - 1);
      break;
    case 'Home':
      ev.preventDefault();
      focusCard(cards, 0);
      break;
    case 'End':
      ev.preventDefault();
      focusCard(cards, cards.length - 1);
      break;
    case 'Escape':
      ev.preventDefault();
      input.focus();
      break;
    case 'Enter':
    case ' ':
      if (target === card) {
        ev.preventDefault();
        const details = card.querySelector<HTMLDetailsElement>('details.full');
        if (details) details.open = !details.open;
      }
      break;
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Start-up: providers, then the query from the address bar (if any) and the entry it names (if any).

async function start(): Promise<void> {
  // Links of the earlier form /#entry=<id> still open their entry.
  const legacy = /^#(entry=.+)$/.exec(location.hash);
  if (legacy) history.replaceState(null, '', pageUrl({ entry: new URLSearchParams(legacy[1]).get('entry') ?? '' }));
  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  state.provider = params.get('provider') ?? '';
  renderChips();
  try {
    state.providers = (await api<FaqProvidersResponse>('/v1/providers')).providers;
  } catch {
    state.providers = [];
  }
  if (state.provider && !state.providers.some((p) => p.id === state.provider)) state.provider = '';
  renderChips();
  document.documentElement.classList.add('ready');
  await Promise.all([run(), showEntryFromUrl()]);
}

void start();
