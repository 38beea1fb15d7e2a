/**
 * @module Browser-test harness: starts `wrangler dev` (through the shared helper), launches Debian's chromium
 * through playwright-core with a fresh profile, and helpers shared by the browser tests (axe-core, CSP violation
 * capture, screenshots).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startWranglerDev, type DevServer } from '../../scripts/lib/wrangler-dev';

export { freePort } from '../../scripts/lib/wrangler-dev';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS_DIR = join(ROOT, 'test-results');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts `wrangler dev` on the built worker (see scripts/lib/wrangler-dev.ts). */
export async function startWorker(): Promise<DevServer> {
  for (const need of ['src/generated/artifact.txt', 'dist/ui/index.html', 'dist/ui/widget.js'])
    if (!existsSync(join(ROOT, need))) throw new Error(`${need} is missing: run \`npm run build\` before the browser tests`);
  return startWranglerDev();
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium (Debian's) with a fresh profile directory; `options` are Playwright context options (viewport, isMobile…). */
export async function launchBrowser(options: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<LaunchedBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install -y --no-install-recommends chromium fonts-wqy-microhei`);
  const profile = mkdtempSync(join(tmpdir(), 'faq-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Records Content-Security-Policy violations and page errors, for asserting that there are none. */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    const text = msg.text();
    if (msg.type() === 'error' || /Content Security Policy|preload/i.test(text)) problems.push(`console.${msg.type()}: ${text}`);
  });
  return { problems };
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, which the page's CSP does not govern) and
 * returns the serious and critical violations, as compact strings for a readable assertion failure.
 */
export async function seriousAxeViolations(page: Page, context?: string): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(${context ? JSON.stringify(context) : 'document'}, { resultTypes: ['violations'], runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } }).then((r) => r.violations)`,
  )) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target) + (n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ')})` : '')).join('; ')}`);
}

/** Saves a PNG screenshot under test-results/ and returns its path. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean; selector?: string } = {}): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  if (opts.selector) await page.locator(opts.selector).screenshot({ path });
  else await page.screenshot({ path, fullPage: opts.fullPage ?? false });
  return path;
}
