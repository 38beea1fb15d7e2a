/**
 * @module Mocks for the browser tests of the page and the widget: API answers changed on their way to the browser,
 * and the source texts the build serves under /sources/ (the articles under data/articles).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './harness';

/** A JSON body of the API, changed in place by a test (any shape). */
export type Json = any;

/** Answers the requests matching `glob` with the real answer as changed by `edit`. */
export async function editJson(page: Page, glob: string, edit: (body: Json) => void): Promise<void> {
  await page.route(glob, async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as Json;
    edit(body);
    await route.fulfill({ response: res, json: body });
  });
}

/** Serves /sources/<doc>.txt as the build does: the article's text as stored under data/articles, or `text`. */
export async function serveSource(page: Page, doc: string, text = readFileSync(join(ROOT, 'data/articles', doc), 'utf8')): Promise<string> {
  await page.route(`**/sources/${encodeURIComponent(doc)}.txt`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/plain; charset=utf-8', headers: { 'Access-Control-Allow-Origin': '*' }, body: text }),
  );
  return text;
}

/** Channels with the values and links newer APIs add, one of each kind a person can follow, plus ones not to link. */
export function channelsWithValues(source: object): Json[] {
  return [
    { type: 'phone', how: '拨打客服热线 021-12345678 咨询', value: '021-12345678', href: 'tel:021-12345678', source },
    { type: 'phone', how: '境外用户请拨打', value: '+86 21 8765 4321', href: 'tel:+862187654321', source },
    { type: 'email', how: '发送邮件说明问题', value: 'help@pay.example', href: 'mailto:help@pay.example', source, general: true },
    { type: 'website', how: '在官方网站 www.pay.example 提交工单', value: 'www.pay.example', href: 'https://www.pay.example/', source },
    { type: 'wechat', how: '关注微信公众号', value: '示例支付', href: null, source },
    { type: 'website', how: '不安全的链接', value: 'click-me', href: 'javascript:alert(1)', source },
    { type: 'app', how: '在手机应用的帮助中心联系客服', source },
  ];
}
