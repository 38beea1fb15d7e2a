/**
 * @module The search page (GET /): debounced live search over /v1/search and /v1/answer, provider chips, result
 * cards with highlights built from the API's offsets, a sourced contact card, an honest no-answer state, an entry
 * view (#entry=id) and keyboard navigation. Every API string reaches the DOM through text nodes only.
 */
export {};

/** The provider-neutral guidance shown when nothing answers the question. */
const GENERAL_PROVIDER = 'digital-wallet';
const DEBOUNCE_MS = 220;
const LIMIT = 10;
const TITLE = document.title;

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

const CHANNEL_LABELS: Record<string, string> = {
  phone: '电话',
  online_chat: '在线客服',
  email: '邮箱',
  app: '手机应用',
  website: '官方网站',
  wechat: '微信',
  weibo: '微博',
};

const EXAMPLES = ['通联支付退款要几天', 'Topay 密码找回', '汇付天下客服几点上班', '账户被冻结怎么办', '联合钱包支付失败'];

// ---------------------------------------------------------------------------------------------------------------
// DOM helpers: elements are created with createElement and filled with text nodes, never parsed from strings.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element; string children become text nodes. `attrs` are attributes (booleans add or omit them). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el;
}

/** `text` with `<mark>` around the given [start, end) UTF-16 ranges (clamped, sorted and merged first). */
function highlighted(text: string, ranges: readonly (readonly [number, number])[]): DocumentFragment {
  const frag = document.createDocumentFragment();
  const spans = ranges
    .map(([s, e]) => [Math.max(0, Math.min(s, text.length)), Math.max(0, Math.min(e, text.length))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let at = 0;
  for (const [s, e] of spans) {
    const start = Math.max(s, at);
    if (e <= start) continue;
    if (start > at) frag.appendChild(document.createTextNode(text.slice(at, start)));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, e);
    frag.appendChild(mark);
    at = e;
  }
  if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
  return frag;
}

/** A small note naming the source document and character offsets a statement was taken from. */
function sourceNote(span: FaqSpan): HTMLElement {
  return h(
    'small',
    { class: 'src', title: '出处：资料文件与字符位置（UTF-16 偏移）' },
    '来源：',
    h('span', { class: 'doc' }, span.doc),
    `，字符 ${span.start}–${span.end}`,
  );
}

function generalBadge(): HTMLElement {
  return h('span', { class: 'tag general', title: '这条来自通用联系指引，不是该服务商自己的资料' }, '通用');
}

/** The answer text as paragraphs, one per stored line. */
function paragraphs(text: string): HTMLElement[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => h('p', null, line));
}

function stepsList(steps: readonly FaqStep[], className = 'steps'): HTMLOListElement {
  return h(
    'ol',
    { class: className },
    steps.map((s) => h('li', null, s.title ? h('strong', { class: 'step-title' }, s.title) : null, s.title ? '：' : null, s.text)),
  );
}

function categoryLabel(id: string | null | undefined): string {
  return id ? (CATEGORY_LABELS[id] ?? id) : '';
}

// ---------------------------------------------------------------------------------------------------------------
// API access.

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function api<T>(path: string, params: Record<string, string | undefined> = {}, signal?: AbortSignal): Promise<T> {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  const res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) {
    const err = (body as FaqErrorResponse | null)?.error;
    throw new ApiFailure(res.status, err?.code ?? 'http_' + res.status, err?.message ?? res.statusText);
  }
  return body as T;
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
  q: '',
  provider: '',
  providers: [] as FaqProviderSummary[],
  seq: 0,
  controller: null as AbortController | null,
  timer: 0 as number | undefined,
};

function setStatus(text: string): void {
  if (statusEl.textContent !== text) statusEl.textContent = text;
}

/** Keeps ?q=&provider= in the address bar so a search can be shared or reloaded. */
function syncUrl(): void {
  const url = new URL(location.href);
  if (state.q) url.searchParams.set('q', state.q);
  else url.searchParams.delete('q');
  if (state.provider) url.searchParams.set('provider', state.provider);
  else url.searchParams.delete('provider');
  if (url.href !== location.href) history.replaceState(history.state, '', url);
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
  syncUrl();
  void run();
}

// ---------------------------------------------------------------------------------------------------------------
// Contact card.

function statementItem(s: FaqStatement, ...lead: Child[]): HTMLLIElement {
  return h('li', null, lead, s.text, s.general ? generalBadge() : null, ' ', sourceNote(s.source));
}

function renderContact(contact: FaqContact | null, opts: { heading?: string; intro?: string; id?: string } = {}): HTMLElement | null {
  if (!contact) return null;
  const id = opts.id ?? 'contact-' + contact.provider.id;
  const general = contact.general || contact.provider.id === GENERAL_PROVIDER;
  const heading = opts.heading ?? (general ? '通用客服联系指引' : `联系${contact.name}客服`);
  const sections: HTMLElement[] = [];
  const section = (title: string, body: HTMLElement, cls = '') => sections.push(h('section', { class: 'c-sec ' + cls }, h('h3', null, title), body));

  if (contact.hours) section('服务时间', h('p', null, contact.hours.text, contact.hours.general ? generalBadge() : null, ' ', sourceNote(contact.hours.source)));
  if (contact.channels.length)
    section(
      '联系渠道',
      h(
        'ul',
        { class: 'channels' },
        contact.channels.map((c) =>
          h('li', null, h('span', { class: 'chan' }, CHANNEL_LABELS[c.type] ?? c.type), ' ', c.how, c.general ? generalBadge() : null, ' ', sourceNote(c.source)),
        ),
      ),
    );
  if (contact.prepare.length) section('联系前请准备', h('ul', null, contact.prepare.map((s) => statementItem(s))));
  if (contact.steps.length)
    section(
      '联系步骤',
      h(
        'ol',
        { class: 'steps' },
        contact.steps.map((s) => statementItem(s, s.title ? h('strong', { class: 'step-title' }, s.title) : null, s.title ? '：' : null)),
      ),
    );
  if (contact.escalation.length) section('问题没有解决时', h('ul', null, contact.escalation.map((s) => statementItem(s))));
  if (contact.safety.length) section('安全提示', h('ul', null, contact.safety.map((s) => statementItem(s))), 'safety');

  return h(
    'section',
    { class: 'contact-card' + (general ? ' is-general' : ''), 'aria-labelledby': id, 'data-provider': contact.provider.id },
    h('h2', { id }, heading),
    opts.intro ? h('p', { class: 'c-intro' }, opts.intro) : null,
    general && !opts.intro ? h('p', { class: 'c-intro' }, '以下是适用于各类支付服务的通用做法，请以服务商官方网站或应用内公布的渠道为准。') : null,
    sections.length ? sections : h('p', null, '资料中没有这家服务商的联系方式。'),
    h('p', { class: 'c-foot' }, '每条内容都摘自资料原文，“来源”标明了出处。'),
  );
}

function showContacts(cards: (HTMLElement | null)[]): void {
  const list = cards.filter((c): c is HTMLElement => c !== null);
  contactEl.replaceChildren(...list);
  contactEl.hidden = list.length === 0;
  layoutEl.classList.toggle('has-contact', list.length > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Results.

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
    h('h3', { class: 'q', id: qid }, h('a', { href: `#entry=${encodeURIComponent(r.id)}` }, r.question)),
  );
  const snippet = h('p', { class: 'snippet' });
  snippet.appendChild(highlighted(r.snippet, r.highlights));
  article.appendChild(snippet);
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
      h(
        'p',
        { class: 'links' },
        sourceNote(r.source),
        ' ',
        h('a', { href: `#entry=${encodeURIComponent(r.id)}` }, '打开条目'),
        ' · ',
        h('a', { href: `/v1/entries/${encodeURIComponent(r.id)}`, type: 'application/json' }, 'JSON'),
      ),
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

function schedule(): void {
  window.clearTimeout(state.timer);
  state.timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
}

input.addEventListener('input', schedule);
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  window.clearTimeout(state.timer);
  void run();
});

/** Runs the current query (or shows the idle state); stale responses are aborted or ignored. */
async function run(): Promise<void> {
  window.clearTimeout(state.timer);
  const q = input.value.trim();
  state.q = q;
  syncUrl();
  const seq = ++state.seq;
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  const current = () => seq === state.seq;

  if (!q || !/[\p{L}\p{N}]/u.test(q)) {
    resultsEl.removeAttribute('aria-busy');
    renderWelcome();
    setStatus(q ? '请输入文字或数字。' : '');
    const contact = state.provider ? await providerContact(state.provider).catch(() => null) : null;
    if (current()) showContacts([renderContact(contact)]);
    return;
  }

  resultsEl.setAttribute('aria-busy', 'true');
  setStatus('正在搜索…');
  const params = { q, provider: state.provider || undefined };
  try {
    const [search, answer] = await Promise.all([
      api<FaqSearchResponse>('/v1/search', { ...params, limit: String(LIMIT) }, controller.signal),
      api<FaqAnswerResponse>('/v1/answer', params, controller.signal),
    ]);
    if (!current()) return;
    resultsEl.removeAttribute('aria-busy');
    const detected = search.provider;
    const facets = [detected ? `服务商：${detected.name}` : '', search.category ? `类别：${categoryLabel(search.category)}` : ''].filter(Boolean).join('，');

    if (search.results.length === 0 || !answer.answered) {
      renderNoAnswer(q, search.results);
      setStatus(`没有找到可靠的答案，已附上通用客服联系指引${search.results.length ? `和 ${search.results.length} 条可能有关的内容` : ''}。`);
      const general = await providerContact(GENERAL_PROVIDER).catch(() => null);
      if (!current()) return;
      const own = search.contact && search.contact.provider.id !== GENERAL_PROVIDER ? renderContact(search.contact) : null;
      showContacts([own, renderContact(general, { id: 'contact-general', heading: '通用客服联系指引' })]);
      return;
    }

    resultsEl.replaceChildren(h('h2', { class: 'sr-only' }, '搜索结果'), h('ol', { class: 'results-list' }, search.results.map(renderResult)));
    setStatus(`找到 ${search.results.length} 条相关内容${facets ? `（${facets}）` : ''}。`);
    showContacts([renderContact(search.contact)]);
  } catch (err) {
    if (!current() || (err as Error).name === 'AbortError') return;
    resultsEl.removeAttribute('aria-busy');
    const message = err instanceof ApiFailure && err.status < 500 ? `无法搜索：${err.message}` : '搜索服务暂时不可用，请稍后再试。';
    resultsEl.replaceChildren(h('div', { class: 'error', role: 'alert' }, message));
    setStatus('');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Entry view (#entry=id).

function entryIdFromHash(): string | null {
  const m = /^#entry=(.+)$/.exec(location.hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

let lastEntryId: string | null = null;

async function showEntryFromHash(): Promise<void> {
  const id = entryIdFromHash();
  if (!id) {
    if (entryEl.hidden) return;
    entryEl.hidden = true;
    entryEl.replaceChildren();
    layoutEl.hidden = false;
    const back = lastEntryId ? resultsEl.querySelector<HTMLElement>(`article.result[data-id="${CSS.escape(lastEntryId)}"]`) : null;
    (back ?? input).focus();
    return;
  }
  lastEntryId = id;
  layoutEl.hidden = true;
  entryEl.hidden = false;
  entryEl.replaceChildren(h('p', { class: 'status' }, '正在加载…'));
  const back = h('p', { class: 'back' }, h('a', { href: '#', id: 'entry-back' }, '← 返回搜索结果'));
  try {
    const entry = await api<FaqEntry>(`/v1/entries/${encodeURIComponent(id)}`);
    if (entryIdFromHash() !== id) return;
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
        h('p', { class: 'links' }, sourceNote(entry.source), ' ', h('a', { href: `/v1/entries/${encodeURIComponent(entry.id)}`, type: 'application/json' }, 'JSON')),
      ),
      h('div', { class: 'entry-contact' }, renderContact(await providerContact(entry.provider.id).catch(() => null))),
    );
    document.title = `${entry.question} · ${TITLE}`;
    title.focus();
  } catch (err) {
    if (entryIdFromHash() !== id) return;
    const message = err instanceof ApiFailure && err.status === 404 ? '找不到这个条目，它可能已被更新或移除。' : '条目暂时无法加载，请稍后再试。';
    entryEl.replaceChildren(back, h('div', { class: 'error', role: 'alert' }, message));
  }
}

window.addEventListener('hashchange', () => {
  if (!entryIdFromHash()) document.title = TITLE;
  void showEntryFromHash();
});
/** Leaves the entry view: drops the #entry= hash (as a new history step) and restores the results. */
function closeEntry(): void {
  history.pushState(history.state, '', location.pathname + location.search);
  document.title = TITLE;
  void showEntryFromHash();
}

entryEl.addEventListener('click', (ev) => {
  if ((ev.target as Element).closest('#entry-back')) {
    ev.preventDefault();
    closeEntry();
  }
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
    if (entryIdFromHash()) closeEntry();
    input.focus();
    input.select();
    return;
  }
  if (ev.key === 'Escape' && entryIdFromHash()) {
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
        const details = card.querySelector('details');
        if (details) details.open = !details.open;
      }
      break;
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Start-up: providers, then the query from the address bar (if any), then the entry from the hash (if any).

async function start(): Promise<void> {
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
  await Promise.all([run(), showEntryFromHash()]);
}

void start();
