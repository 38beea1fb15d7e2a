/**
 * @module The worker's spec-driven parameter validation against the zod/mini schemas it replaced (the oracle, copied
 * from `git show 0384d10:src/http/schemas.ts`): for random and edge-case parameter maps both give the same values, or
 * the same error code and message; and /openapi.json documents the parameters as zod's JSON Schema did.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { openApiDocument } from '../../src/indexer/openapi';
import { ApiError, type ErrorCode } from '../../src/http/errors';
import { AnswerQuery, DEFAULT_LIMIT, EntryPath, MAX_LIMIT, MAX_QUERY_LENGTH, ProviderPath, SearchQuery, type ParamsSpec } from '../../src/http/schemas';
import { validate, type RawParams } from '../../src/http/validate';
import { CATEGORIES, type Category } from '../../src/model';

// ---------------------------------------------------------------------------------------------------------------
// The oracle: the previous validator, verbatim but for the names (schemas and `validate` of commit 0384d10)
// ---------------------------------------------------------------------------------------------------------------

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${MAX_LIMIT}.`;
const refQuery = z.string({ error: 'The q parameter is required.' }).check(
  z.trim(),
  z.minLength(1, 'The q parameter must not be empty.'),
  z.maxLength(MAX_QUERY_LENGTH, `The q parameter is limited to ${MAX_QUERY_LENGTH} characters.`),
);
const refProvider = z.optional(z.string());
const RefSearchQuery = z.object({
  q: refQuery,
  provider: refProvider,
  category: z.optional(z.enum(CATEGORIES, { error: `category must be one of: ${CATEGORIES.join(', ')}.` })),
  limit: z.pipe(
    z.transform((v: unknown) => (typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : v)),
    z._default(z.int({ error: LIMIT_MESSAGE }).check(z.gte(1, LIMIT_MESSAGE), z.lte(MAX_LIMIT, LIMIT_MESSAGE)), DEFAULT_LIMIT),
  ),
});
const RefAnswerQuery = z.object({ q: refQuery, provider: refProvider });
const RefIdParam = z.object({ id: z.string() });

function refCodeFor(key: PropertyKey | undefined, issue: string): ErrorCode {
  if (key === 'q') return issue === 'too_big' ? 'query_too_long' : 'missing_query';
  if (key === 'provider') return 'unknown_provider';
  return 'invalid_parameter';
}

function refValidate<T extends z.ZodMiniType>(schema: T, raw: RawParams): z.output<T> {
  const result = z.safeParse(schema, raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.path[0];
  if (typeof key === 'string' && Array.isArray(raw[key])) throw new ApiError('invalid_parameter', `The ${key} parameter must be given once.`);
  throw new ApiError(refCodeFor(key, issue?.code ?? ''), issue?.message);
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing outcomes
// ---------------------------------------------------------------------------------------------------------------

type Outcome = { ok: true; value: unknown } | { ok: false; code: ErrorCode; message: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { ok: false, code: err.code, message: err.message };
  }
}

const ROUTES: [string, ParamsSpec, z.ZodMiniType][] = [
  ['search', SearchQuery, RefSearchQuery],
  ['answer', AnswerQuery, RefAnswerQuery],
];

/** Asserts the new and the old validator agree on `raw` for every query route; returns the search outcome. */
function expectSame(raw: RawParams): Outcome {
  let search: Outcome | undefined;
  for (const [name, spec, ref] of ROUTES) {
    const mine = outcome(() => validate(spec, raw));
    const theirs = outcome(() => refValidate(ref, raw));
    // Plain objects on both sides, so toStrictEqual also catches a key present as `undefined` on one side only.
    expect(mine, `${name} ${JSON.stringify(raw)}`).toStrictEqual(theirs);
    search ??= mine;
  }
  return search!;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------------------

const SPACE = [' ', '\t', '\n', '\r', '\u3000', '\u00A0', '\uFEFF', '\u2028', '\u200B' /* not whitespace for trim() */];
/** Units whose code-point count differs from their UTF-16 length (emoji, CJK Ext-B) or not (BMP CJK, ASCII). */
const UNITS = ['a', '退', '😀', '𠀀', '𪚥', '\uD800' /* lone high */, '\uDC00' /* lone low */, '👨‍👩‍👧' /* ZWJ sequence: 5 code points */];

const space = fc.constantFrom(...SPACE);
const padding = fc.array(space, { maxLength: 3 }).map((a) => a.join(''));

/** Strings of one or two units repeated to just under, at, or just over MAX_QUERY_LENGTH code points, maybe padded. */
const nearLimit = fc
  .tuple(fc.constantFrom(...UNITS), fc.constantFrom(...UNITS), fc.integer({ min: MAX_QUERY_LENGTH - 4, max: MAX_QUERY_LENGTH + 4 }), fc.nat(), padding, padding)
  .map(([a, b, n, split, left, right]) => {
    const k = split % (n + 1);
    return left + a.repeat(k) + b.repeat(n - k) + right;
  });

const qValue = fc.oneof(
  { weight: 3, arbitrary: nearLimit },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '  ', '\t\n', '\u3000', '\u00A0\uFEFF', '\u200B', '退款', ' 退款 ', '😀', '𠀀', '\uD800') },
  { weight: 2, arbitrary: fc.array(space, { maxLength: 6 }).map((a) => a.join('')) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...UNITS, ...SPACE), minLength: 190, maxLength: 420 }) },
);
const limitValue = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 25 }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom('0', '00', '000', '001', '020', '0020', '021', '1e1', ' 5', '5 ', '', '+5', '-0', '1.0', '1.5', '0x10', '0b1', '５', '٣', 'Infinity', 'NaN', '99999999999999999999', '999', '1000'),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^\d{1,4}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 5 }) },
);
const categoryValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CATEGORIES) },
  { weight: 2, arbitrary: fc.constantFrom('', 'nope', 'Refund', ' refund', 'refund ', '__proto__', 'toString', 'constructor', 'hasOwnProperty') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const providerValue = fc.oneof(fc.constantFrom('', 'huifu', 'topay', 'nope', ' ', 'ALLINPAY', '__proto__'), fc.string({ unit: 'binary', maxLength: 20 }));

/** A parameter as Hono collects it: usually one string, sometimes repeated (an array; empty or of one only by hand). */
const given = (value: fc.Arbitrary<string>): fc.Arbitrary<string | string[]> =>
  fc.oneof({ weight: 6, arbitrary: value }, { weight: 1, arbitrary: fc.array(value, { minLength: 0, maxLength: 3 }) });

const unknownKey = fc.oneof(fc.constantFrom('Q', 'id', 'p1', 'limit ', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'), fc.string({ maxLength: 6 }));

/** A raw parameter map: each known parameter absent or given, plus unknown names (which must change nothing). */
const rawParams: fc.Arbitrary<RawParams> = fc
  .record({
    q: fc.option(given(qValue), { freq: 8, nil: undefined }),
    provider: fc.option(given(providerValue), { freq: 2, nil: undefined }),
    category: fc.option(given(categoryValue), { freq: 2, nil: undefined }),
    limit: fc.option(given(limitValue), { freq: 2, nil: undefined }),
    unknown: fc.array(fc.tuple(unknownKey, given(fc.string({ maxLength: 8 }))), { maxLength: 3 }),
  })
  .map(({ unknown, ...known }) =>
    // fromEntries, as the route does: a key named __proto__ stays an own key instead of replacing the prototype.
    Object.fromEntries([...unknown, ...Object.entries(known).filter((e): e is [string, string | string[]] => e[1] !== undefined)]),
  );

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

describe('validate (spec) ≡ the zod/mini schemas it replaced', () => {
  it('agrees on 20,000 random parameter maps: the same values, or the same error code and message', () => {
    const seen = { ok: 0, missing_query: 0, query_too_long: 0, invalid_parameter: 0, given_once: 0 };
    fc.assert(
      fc.property(rawParams, (raw) => {
        const result = expectSame(raw);
        if (result.ok) seen.ok++;
        else if (result.message.endsWith('must be given once.')) seen.given_once++;
        else seen[result.code as 'missing_query' | 'query_too_long' | 'invalid_parameter']++;
      }),
      { numRuns: 20_000 },
    );
    // The generators really reach every outcome, so agreement is not vacuous.
    for (const [outcomeName, count] of Object.entries(seen)) expect(count, outcomeName).toBeGreaterThan(200);
    // A fixed amount of work, not a speed check: on a loaded machine it takes several times its usual seconds.
  }, 60_000);

  it('agrees on the edge cases one by one', () => {
    const base = { q: '退款' };
    const cases: RawParams[] = [
      {},
      { q: '' },
      { q: '   ' },
      { q: '\u3000\u00A0\t\n' },
      { q: '\u200B' },
      { q: ['a', 'b'] },
      { q: [] },
      { q: ['a'] },
      { q: ' '.repeat(300) + 'a' + ' '.repeat(300) },
      ...UNITS.flatMap((u) => [MAX_QUERY_LENGTH - 1, MAX_QUERY_LENGTH, MAX_QUERY_LENGTH + 1].map((n) => ({ q: `  ${u.repeat(n)}\u3000` }))),
      { q: '😀'.repeat(MAX_QUERY_LENGTH / 2) + 'a'.repeat(MAX_QUERY_LENGTH / 2) },
      { q: '\uD800'.repeat(MAX_QUERY_LENGTH) + '\uDC00' },
      ...['0', '020', '0020', '1e1', ' 5', '', '5', '20', '21', '1', '001', '999', '1000', '-1', '1.5', '５', 'NaN'].map((limit) => ({ ...base, limit })),
      { ...base, limit: ['1', '2'] },
      { ...base, category: 'refund' },
      { ...base, category: 'nope' },
      { ...base, category: '' },
      { ...base, category: ['refund', 'refund'] },
      { ...base, provider: '' },
      { ...base, provider: 'nope' },
      { ...base, provider: ['huifu', 'topay'] },
      // Several problems: the first in q, provider, category, limit order is the one reported.
      { q: '', provider: ['a', 'b'], category: 'nope', limit: '0' },
      { q: 'x', provider: ['a', 'b'], category: 'nope', limit: '0' },
      { q: 'x', category: 'nope', limit: ['1', '2'] },
      { q: 'x', category: ['refund'], limit: '0' },
      { q: ['a', 'b'], limit: '0' },
      Object.fromEntries([['__proto__', 'x'], ['constructor', 'y'], ['q', '退款']]),
    ];
    for (const raw of cases) expectSame(raw);
  });

  it('returns typed, trimmed and defaulted values', () => {
    const value = validate(SearchQuery, { q: '  通联 退款\u3000', limit: '020', category: 'refund', extra: 'x' });
    expect(value).toStrictEqual({ q: '通联 退款', limit: 20, category: 'refund' });
    const category: Category | undefined = value.category;
    const limit: number = value.limit;
    expect([category, limit]).toEqual(['refund', 20]);
    expect(validate(SearchQuery, { q: 'x' })).toStrictEqual({ q: 'x', limit: DEFAULT_LIMIT });
    expect(validate(AnswerQuery, { q: 'x', provider: '', limit: '0' })).toStrictEqual({ q: 'x', provider: '' });
  });

  it('path ids: any string passes unchanged, as before', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (id) => {
        for (const spec of [EntryPath, ProviderPath]) expect(validate(spec, { id })).toStrictEqual(refValidate(RefIdParam, { id }));
      }),
    );
  });
});

describe('/openapi.json parameters come from the same specs', () => {
  it('match what zod/mini toJSONSchema gave for the old schemas (type, bounds, enum, default, required)', () => {
    const doc = openApiDocument() as any;
    for (const [path, ref] of [
      ['/v1/search', RefSearchQuery],
      ['/v1/answer', RefAnswerQuery],
    ] as const) {
      const json = z.toJSONSchema(ref, { io: 'input' }) as { properties: Record<string, object>; required?: string[] };
      const params = doc.paths[path].get.parameters;
      expect(params.map((p: any) => p.name)).toEqual(Object.keys(json.properties));
      for (const p of params) {
        const { description, example, ...schema } = p.schema;
        expect(schema, `${path} ${p.name}`).toStrictEqual(json.properties[p.name]);
        expect(p.required, `${path} ${p.name}`).toBe((json.required ?? []).includes(p.name));
        expect(description).toBe(p.description);
        expect(example).toBeDefined();
      }
    }
    for (const path of ['/v1/entries/{id}', '/v1/providers/{id}']) {
      expect(doc.paths[path].get.parameters).toMatchObject([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    }
  });
});
