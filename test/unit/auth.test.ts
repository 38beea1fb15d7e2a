/**
 * @module API keys in Node (where crypto.subtle has no timingSafeEqual, so the written-out comparison runs): the
 * secret's format, bearer tokens, and the key-limit bindings of wrangler.toml.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bearerToken, DEFAULT_KEY_LIMIT, digestsEqual, findKey, MIN_KEY_LENGTH, parseKeys } from '../../src/http/auth';
import { DEFAULT_RATE_LIMIT_PERIOD } from '../../src/http/rate-limit';

const KEY = 'k3y-0123456789abcdefghijklmnop';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('parseKeys', () => {
  it('reads keys and digests, with the default limit', async () => {
    const config = await parseKeys(JSON.stringify([{ name: 'a', key: KEY }, { name: 'b.prod', sha256: sha('other-key-0123456789abcdefghij').toUpperCase(), limit: 30000 }]));
    expect(config.errors).toEqual([]);
    expect(config.entries.map((e) => [e.name, e.limit])).toEqual([
      ['a', DEFAULT_KEY_LIMIT],
      ['b.prod', 30000],
    ]);
    expect(Buffer.from(config.entries[0].digest).toString('hex')).toBe(sha(KEY));
    expect((await findKey(config, KEY))?.name).toBe('a');
    expect((await findKey(config, 'other-key-0123456789abcdefghij'))?.name).toBe('b.prod');
    expect(await findKey(config, KEY + 'x')).toBeUndefined();
  });

  it('leaves out invalid entries, each with a reason naming it', async () => {
    const config = await parseKeys(
      JSON.stringify([
        { name: 'ok', key: KEY },
        'text',
        { key: KEY },
        { name: 'short', key: 'x'.repeat(MIN_KEY_LENGTH - 1) },
        { name: 'spaces', key: 'with spaces in it 0123456789' },
        { name: 'limit', key: KEY, limit: 0 },
        { name: 'limit2', key: KEY, limit: '6000' },
        { name: 'neither' },
        { name: 'digest', sha256: 'abc' },
      ]),
    );
    expect(config.entries.map((e) => e.name)).toEqual(['ok']);
    expect(config.errors).toHaveLength(8);
    expect(config.errors[2]).toMatch(/^API_KEYS\[3\] \(short\): key must be/);
    expect((await parseKeys('not json')).errors).toEqual(['API_KEYS is not valid JSON']);
    expect((await parseKeys('{"name":"a"}')).entries).toEqual([]);
  });
});

describe('digestsEqual (the comparison written out)', () => {
  it('tells equal from different digests of any position, and different lengths', () => {
    const a = new Uint8Array(32).fill(7);
    expect(digestsEqual(a, a.slice())).toBe(true);
    for (const i of [0, 15, 31]) {
      const b = a.slice();
      b[i] ^= 1;
      expect(digestsEqual(a, b)).toBe(false);
    }
    expect(digestsEqual(a, a.slice(0, 31))).toBe(false);
  });
});

describe('bearerToken', () => {
  it('takes the token of "Bearer <token>" in any case; anything else is malformed', () => {
    expect(bearerToken(`Bearer ${KEY}`)).toBe(KEY);
    expect(bearerToken(`bearer   ${KEY} `)).toBe(KEY);
    expect(bearerToken('Bearer abc+/=')).toBe('abc+/=');
    for (const bad of ['', 'Bearer', 'Bearer ', 'Basic abc', 'Bearer a b', 'Bearer a,b', `Bearer ${'x'.repeat(513)}`, 'Token abc']) {
      expect(bearerToken(bad), bad).toBeNull();
    }
  });
});

describe('wrangler.toml', () => {
  it('each KEY_RATE_LIMITER_<N> binding enforces N requests per RATE_LIMIT_PERIOD, and the default limit has one', () => {
    const toml = readFileSync(resolve(import.meta.dirname, '../../wrangler.toml'), 'utf8');
    const blocks = [...toml.matchAll(/\[\[ratelimits\]\]\s*\nname = "KEY_RATE_LIMITER_(\d+)"\s*\nnamespace_id = "(\d+)"\s*\nsimple = \{ limit = (\d+), period = (\d+) \}/g)];
    expect(blocks.map((m) => Number(m[1]))).toContain(DEFAULT_KEY_LIMIT);
    const period = Number(/RATE_LIMIT_PERIOD = "(\d+)"/.exec(toml)?.[1] ?? DEFAULT_RATE_LIMIT_PERIOD);
    for (const [, name, , limit, p] of blocks) {
      expect(Number(limit), `KEY_RATE_LIMITER_${name}`).toBe(Number(name));
      expect(Number(p)).toBe(period);
    }
    const namespaces = [...toml.matchAll(/namespace_id = "(\d+)"/g)].map((m) => m[1]);
    expect(new Set(namespaces).size).toBe(namespaces.length);
  });
});
