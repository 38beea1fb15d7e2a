import { it, expect } from 'vitest';
import { getJson } from './worker';
it('serves search', async () => {
  const { status, body } = await getJson('/v1/search?q=' + encodeURIComponent('通联支付退款要几天'));
  expect(status).toBe(200);
  console.log(JSON.stringify(body).slice(0, 600));
  const a = await getJson('/v1/answer?q=汇付天下客服几点上班');
  console.log(a.status, JSON.stringify(a.body).slice(0, 300));
  const e = await getJson('/v1/search');
  console.log(e.status, JSON.stringify(e.body));
  const o = await getJson('/openapi.json');
  console.log(o.status, JSON.stringify(o.body).slice(0, 200));
});
