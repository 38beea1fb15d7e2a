/**
 * @module The embeddable widget (GET /widget.js) on a host page served from another origin (a different local port),
 * under a strict host Content-Security-Policy: it renders in a shadow root, calls the API cross-origin (never while
 * an input method composes), keeps styles from leaking either way, leaks no globals, shows the contact of a provider
 * named in the question (first on a contact question) with its links and "查看原文", shows the honest no-answer
 * state, and passes axe-core.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { freePort, launchBrowser, screenshot, seriousAxeViolations, watchPage, type LaunchedBrowser } from './harness';
import { channelsWithValues, editJson, serveSource } from './mock-api';

const worker = inject('workerUrl');
let browser: LaunchedBrowser;
let host: Server;
let hostUrl: string;

/** Host styles that would wreck the widget if they leaked in (and that the widget's own styles must not override). */
const HOST_CSS = `
body { font-family: Georgia, serif; color: rgb(120, 0, 0); background: #fafafa; margin: 24px; }
mark { background: rgb(0, 255, 0); }
input, button { border: 5px solid rgb(255, 0, 255); }
li { color: rgb(0, 0, 255); margin: 7px 0; }
.item, .w, .list { display: none !important; }
#topay-widget { max-width: 560px; }
#slot { max-width: 420px; }
`;

function hostPage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Host shop</title>
<link rel="stylesheet" href="/host.css">
</head>
<body>
<main>
<h1>A shop that embeds the FAQ widget</h1>
<p>Host paragraph with a <mark id="host-mark">host mark</mark>.</p>
<ul><li id="host-li">host list item</li></ul>
<div id="topay-widget">
<script src="${worker}/widget.js" data-provider="topay" defer></script>
</div>
<h2>Second widget, all providers, into a target element</h2>
<div id="slot"></div>
<script src="${worker}/widget.js" data-target="#slot" defer></script>
</main>
</body>
</html>`;
}

beforeAll(async () => {
  const port = await freePort();
  hostUrl = `http://127.0.0.1:${port}`;
  host = createServer((req, res) => {
    if (req.url === '/host.css') {
      res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8' });
      res.end(HOST_CSS);
      return;
    }
    if (req.url === '/unknown-provider.html') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="zh-CN"><head><title>t</title></head><body><script src="${worker}/widget.js" data-provider="nope" defer></script></body></html>`);
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      // A strict host policy: the widget may only load its script and call its API; no inline styles or scripts.
      'Content-Security-Policy': `default-src 'self'; script-src ${worker}; connect-src ${worker}; style-src 'self'; img-src 'self'; base-uri 'none'`,
    });
    res.end(hostPage());
  });
  await new Promise<void>((r) => host.listen(port, '127.0.0.1', r));
  browser = await launchBrowser({ viewport: { width: 1000, height: 900 } });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => host?.close(r));
});

async function openHost(before?: (page: Page) => Promise<void>): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const page = await browser.context.newPage();
  const { problems } = watchPage(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await before?.(page);
  await page.goto(hostUrl + '/');
  await page.locator('#topay-widget faq-search-widget label.title', { hasText: 'Topay' }).waitFor();
  return { page, problems, requests };
}

describe('embeddable widget', () => {
  it('renders into a shadow root and searches the API cross-origin', async () => {
    const { page, problems, requests } = await openHost();
    expect(new URL(worker).origin).not.toBe(new URL(hostUrl).origin);
    expect(await page.locator('faq-search-widget').count()).toBe(2);
    expect(await page.evaluate('[...document.querySelectorAll("faq-search-widget")].every((w) => w.shadowRoot !== null)')).toBe(true);
    // Light DOM stays empty: everything lives in the shadow root.
    expect(await page.evaluate('document.querySelector("#topay-widget faq-search-widget").children.length')).toBe(0);

    const w = page.locator('#topay-widget faq-search-widget');
    expect(await w.locator('label.title').textContent()).toBe('Topay 客服常见问题');
    await w.locator('input').pressSequentially('密码找回', { delay: 30 });
    const items = w.locator('li.item');
    await items.first().waitFor();
    expect(await items.count()).toBeGreaterThan(0);
    expect(await w.locator('li.item .snip mark').count()).toBeGreaterThan(0);
    const firstId = await items.first().getAttribute('data-id');
    expect(firstId).toMatch(/^topay-/);
    expect(await items.first().locator('a.q').getAttribute('href')).toBe(`${worker}/?entry=${firstId}`);
    expect(await w.locator('.status').textContent()).toContain('找到');

    // The Topay contact guidance, a "查看原文" on every statement.
    const contact = w.locator('.contact-slot details.contact');
    expect(await contact.locator('> summary').textContent()).toBe('联系 Topay 客服');
    await contact.locator('> summary').click();
    const topay = (await (await fetch(`${worker}/v1/providers/topay`)).json()) as { contact: Record<string, unknown[]> & { hours: unknown } };
    const { hours, channels, prepare, steps, escalation, safety } = topay.contact;
    expect(await contact.locator('details.passage').count()).toBe((hours ? 1 : 0) + [channels, prepare, steps, escalation, safety].reduce((n, l) => n + l.length, 0));
    expect(await contact.textContent()).not.toMatch(/\.txt|字符 \d/);

    const apiCalls = requests.filter((u) => u.includes('/v1/'));
    expect(apiCalls.length).toBeGreaterThan(0);
    expect(apiCalls.every((u) => u.startsWith(worker + '/v1/'))).toBe(true);
    expect(apiCalls.some((u) => u.includes('provider=topay'))).toBe(true);

    // The second widget (no provider, rendered into data-target) works independently.
    const all = page.locator('#slot faq-search-widget');
    expect(await all.locator('label.title').textContent()).toBe('客服常见问题');
    await all.locator('input').fill('通联支付退款');
    await all.locator('li.item').first().waitFor();
    expect(await all.locator('li.item').first().getAttribute('data-id')).toBe('allinpay-refund');
    expect(await w.locator('input').inputValue()).toBe('密码找回');

    await screenshot(page, 'widget-host-page', { fullPage: true });
    await screenshot(page, 'widget', { selector: '#topay-widget faq-search-widget' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps styles from leaking in either direction and leaks no globals', async () => {
    const { page, problems } = await openHost();
    const w = page.locator('#topay-widget faq-search-widget');
    await w.locator('input').fill('Topay 退款');
    await w.locator('li.item .snip mark').first().waitFor();

    const style = (sel: string, prop: string) => page.evaluate(`getComputedStyle(${sel}).getPropertyValue(${JSON.stringify(prop)})`);
    const inside = (q: string) => `document.querySelector("#topay-widget faq-search-widget").shadowRoot.querySelector(${JSON.stringify(q)})`;
    // Host → widget: the host's mark, input, li, font, color and `display:none` on .item/.w/.list do not apply.
    expect(await style(inside('mark'), 'background-color')).toBe('rgb(255, 226, 122)');
    expect(await style(inside('input'), 'border-top-color')).not.toBe('rgb(255, 0, 255)');
    expect(await style(inside('input'), 'border-top-width')).toBe('2px');
    expect(await style(inside('.w'), 'display')).toBe('block');
    expect(await style(inside('li.item'), 'display')).not.toBe('none');
    expect(await style(inside('.w'), 'color')).toBe('rgb(28, 36, 48)');
    expect(await style(inside('.w'), 'font-family')).not.toContain('Georgia');
    expect(await w.locator('li.item').first().isVisible()).toBe(true);
    // Widget → host: the widget's mark, li and input rules do not reach the host page.
    expect(await style('document.getElementById("host-mark")', 'background-color')).toBe('rgb(0, 255, 0)');
    expect(await style('document.getElementById("host-li")', 'color')).toBe('rgb(0, 0, 255)');
    expect(await style('document.getElementById("host-li")', 'margin-top')).toBe('7px');
    expect(await style('document.body', 'font-family')).toContain('Georgia');
    // No globals from the widget's code.
    expect(await page.evaluate('["WIDGET_CSS", "GENERAL_PROVIDER", "mount", "highlighted", "h", "CHANNELS", "script"].filter((k) => k in window)')).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an honest no-answer state with the general contact guidance', async () => {
    const { page, problems } = await openHost();
    const w = page.locator('#slot faq-search-widget');
    await w.locator('input').fill('彩票中奖');
    const none = w.locator('.none');
    await none.waitFor();
    expect(await none.locator('.none-title').textContent()).toBe('没有找到可靠的答案');
    expect(await none.textContent()).toContain('彩票中奖');
    expect(await none.locator('details.contact > summary').textContent()).toBe('通用客服联系指引');
    expect(await none.locator('details.contact').getAttribute('open')).not.toBeNull();
    expect(await none.locator('details.passage').count()).toBeGreaterThan(2);
    expect(await none.locator('.c-intro').textContent()).toContain('通用建议');
    expect(await w.locator('li.item').count()).toBe(0);
    await screenshot(page, 'widget-no-answer', { selector: '#slot faq-search-widget' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('does not search while an input method composes', async () => {
    const { page, problems, requests } = await openHost();
    const input = page.locator('#slot faq-search-widget input');
    await input.focus();
    const cdp = await browser.context.newCDPSession(page);
    const before = requests.length;
    const pinyin = 'tuikuan';
    for (let i = 1; i <= pinyin.length; i++) {
      await cdp.send('Input.imeSetComposition', { text: pinyin.slice(0, i), selectionStart: i, selectionEnd: i });
      await page.waitForTimeout(300); // longer than the typing pause after which a search starts
    }
    await cdp.send('Input.insertText', { text: '退款' });
    await page.locator('#slot faq-search-widget li.item').first().waitFor();
    await page.waitForTimeout(500);
    expect(requests.slice(before).map((u) => decodeURIComponent(u.slice(worker.length)))).toEqual(['/v1/answer?q=退款']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('without data-provider shows the contact of the provider named in the question, first on a contact question', async () => {
    const { page, problems } = await openHost();
    const w = page.locator('#slot faq-search-widget');
    const order = () => w.evaluate((host) => [...host.shadowRoot!.querySelector('.w')!.children].map((c) => c.className));
    await w.locator('input').fill('汇付天下客服电话');
    const contact = w.locator('.contact-slot details.contact[data-provider="huifu"]');
    await contact.waitFor();
    expect(await contact.locator('> summary').textContent()).toBe('联系 汇付天下 客服');
    expect(await contact.getAttribute('open')).not.toBeNull();
    expect(await order()).toEqual(['bar', 'status', 'contact-slot', 'out', 'foot']);
    await screenshot(page, 'widget-contact-question', { selector: '#slot faq-search-widget' });

    // Another question about the same provider: results first, the contact closed after them.
    await w.locator('input').fill('汇付天下退款');
    await w.locator('.contact-slot details.contact:not([open])').waitFor();
    expect(await order()).toEqual(['bar', 'status', 'out', 'contact-slot', 'foot']);
    // No provider named: no contact block.
    await w.locator('input').fill('退款要几天');
    await expect.poll(() => w.locator('.contact-slot details.contact').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('links contact values from the API’s href and shows a statement’s passage from the worker’s /sources/', async () => {
    const doc = '004_6ccfe515cc449cfd.txt';
    let raw = '';
    const { page, problems } = await openHost(async (p) => {
      raw = await serveSource(p, doc);
      await editJson(p, '**/v1/providers/topay', (body) => {
        body.contact.channels = channelsWithValues(body.contact.hours.source);
        body.contact.hours.source.title = 'Topay 官方客服指南';
      });
    });
    const contact = page.locator('#topay-widget faq-search-widget .contact-slot details.contact');
    await contact.locator('> summary').click();
    expect(await contact.locator('a.addr').evaluateAll((els) => els.map((a) => a.getAttribute('href')))).toEqual([
      'tel:021-12345678',
      'tel:+862187654321',
      'mailto:help@pay.example',
      'https://www.pay.example/',
    ]);
    expect(await contact.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await contact.locator('.channels .general').allTextContents()).toEqual(['通用建议']);

    const hours = (await (await fetch(`${worker}/v1/providers/topay`)).json()) as { contact: { hours: { source: { start: number; end: number } } } };
    const first = contact.locator('details.passage').first();
    await first.locator('> summary').click();
    await first.locator('mark').waitFor();
    expect(await first.locator('mark').textContent()).toBe(raw.slice(hours.contact.hours.source.start, hours.contact.hours.source.end));
    expect(await first.locator('.passage-from').textContent()).toBe('摘自《Topay 官方客服指南》');
    expect(await contact.locator('.c-foot').textContent()).toContain('《Topay 官方客服指南》');
    await screenshot(page, 'widget-contact-links', { selector: '#topay-widget faq-search-widget' });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('is usable with the keyboard and has no serious or critical axe-core violations', async () => {
    const { page, problems } = await openHost();
    const w = page.locator('#topay-widget faq-search-widget');
    await w.locator('input').focus();
    await page.keyboard.type('账户锁定');
    await page.keyboard.press('Enter');
    await w.locator('li.item').first().waitFor();
    await page.keyboard.press('Tab'); // search button
    await page.keyboard.press('Tab'); // first result link
    expect(await page.evaluate('document.activeElement.shadowRoot.activeElement.className')).toBe('q');
    const outline = await page.evaluate('getComputedStyle(document.activeElement.shadowRoot.activeElement).outlineStyle');
    expect(outline).not.toBe('none');
    await page.locator('#slot faq-search-widget input').fill('彩票中奖');
    await page.locator('#slot faq-search-widget .none').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('ignores an unknown data-provider and searches all providers', async () => {
    const page = await browser.context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => warnings.push(m.text()));
    await page.goto(hostUrl + '/unknown-provider.html');
    const w = page.locator('faq-search-widget');
    await w.locator('input').fill('通联支付退款');
    await w.locator('li.item').first().waitFor();
    expect(await w.locator('label.title').textContent()).toBe('客服常见问题');
    expect(warnings.some((t) => t.includes('data-provider="nope"'))).toBe(true);
    await page.close();
  });
});
