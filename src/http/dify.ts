/**
 * @module POST /v1/dify/retrieval: Dify's External Knowledge API (users register `https://<host>/v1/dify`; Dify
 * appends `/retrieval`; RAGFlow implements the same contract). Records are the ranked entries of /v1/search, scored
 * 0..1 with the confidence of /v1/answer, so a score threshold means what it says. Errors use Dify's shape
 * `{ error_code, error_msg }`.
 */
import type { Context } from 'hono';
import type { SearchEngine } from '../search/engine';
import { entryText, entryUrl } from './chat-text';
import { NO_STORE } from './cache';
import type { AppEnv } from './env';
import { ApiError, excerpt, type ErrorCode } from './errors';
import { isObject, readJsonBody } from './json-body';
import { answerBody, checkQuestion, searchBody } from './responses';
import { AnswerQuery, DEFAULT_LIMIT, MAX_LIMIT } from './schemas';
import { assetLoader } from './shards';
import { validate, type RawParams } from './validate';

type Ctx = Context<AppEnv>;

/** `knowledge_id` values that select every provider; any other value must be a provider id. */
const ALL_KNOWLEDGE = ['all', 'default'];

/** Largest request body: Dify sends a query and two settings, well under 1 KB. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * Dify's documented error codes: 1001 malformed Authorization header, 1002 authorization failed, 2001 unknown
 * knowledge. Other failures, which Dify's list does not name, carry their HTTP status as the code.
 */
const DIFY_CODES: Partial<Record<ErrorCode, number>> = { unauthorized: 1001, forbidden: 1002, not_found: 2001 };

/** A Dify-shaped error response. */
function difyError(status: number, errorCode: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error_code: errorCode, error_msg: message }), {
    status,
    headers: { ...headers, 'Content-Type': 'application/json', 'Cache-Control': NO_STORE },
  });
}

/** An {@link ApiError} (from this route or the middleware before it) in Dify's shape, with its status and headers. */
export function difyApiError(err: ApiError): Response {
  return difyError(err.status, DIFY_CODES[err.code] ?? err.status, err.message, err.headers);
}

const invalid = (message: string) => new ApiError('invalid_parameter', message);

/** A number setting: absent or null gives `fallback`; anything but a finite number is invalid. */
function numberSetting(settings: Record<string, unknown>, name: string, fallback: number): number {
  const value = settings[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`retrieval_setting.${name} must be a number.`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// metadata_condition: Dify's filter over record metadata, applied to the records' string fields.

type Metadata = Record<string, string>;
type Condition = (metadata: Metadata) => boolean;

const OPERATORS: Record<string, (field: string | undefined, value: unknown) => boolean> = {
  contains: (f, v) => f !== undefined && f.includes(String(v)),
  'not contains': (f, v) => f === undefined || !f.includes(String(v)),
  'start with': (f, v) => f !== undefined && f.startsWith(String(v)),
  'end with': (f, v) => f !== undefined && f.endsWith(String(v)),
  is: (f, v) => f === String(v),
  'is not': (f, v) => f !== String(v),
  in: (f, v) => f !== undefined && list(v).includes(f),
  'not in': (f, v) => f === undefined || !list(v).includes(f),
  empty: (f) => !f,
  'not empty': (f) => !!f,
  null: (f) => f === undefined,
  'not null': (f) => f !== undefined,
  '=': (f, v) => compare(f, v, (a, b) => a === b),
  '≠': (f, v) => compare(f, v, (a, b) => a !== b),
  '>': (f, v) => compare(f, v, (a, b) => a > b),
  '<': (f, v) => compare(f, v, (a, b) => a < b),
  '≥': (f, v) => compare(f, v, (a, b) => a >= b),
  '≤': (f, v) => compare(f, v, (a, b) => a <= b),
  // No metadata field is a date, so no record is before or after anything.
  before: () => false,
  after: () => false,
};

/** A list value: an array of strings, or one comma-separated string. */
function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return String(value ?? '')
    .split(',')
    .map((s) => s.trim());
}

/** A numeric comparison; a field or value that is not a number matches nothing. */
function compare(field: string | undefined, value: unknown, op: (a: number, b: number) => boolean): boolean {
  const a = field === undefined || field.trim() === '' ? NaN : Number(field);
  const b = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return !Number.isNaN(a) && !Number.isNaN(b) && op(a, b);
}

/**
 * The filter a `metadata_condition` describes, or null for none: `logical_operator` ("and", default, or "or") over
 * `conditions` of `{ name, comparison_operator, value? }`, where `name` is a metadata field or a list of them (any of
 * which may satisfy the condition).
 */
function metadataFilter(raw: unknown): Condition | null {
  if (raw === undefined || raw === null) return null;
  if (!isObject(raw)) throw invalid('metadata_condition must be an object.');
  const { logical_operator: logic = 'and', conditions } = raw;
  if (logic !== 'and' && logic !== 'or') throw invalid('metadata_condition.logical_operator must be "and" or "or".');
  if (conditions === undefined || conditions === null) return null;
  if (!Array.isArray(conditions)) throw invalid('metadata_condition.conditions must be an array.');
  const tests = conditions.map((cond, i): Condition => {
    const at = `metadata_condition.conditions[${i}]`;
    if (!isObject(cond)) throw invalid(`${at} must be an object.`);
    const names = Array.isArray(cond.name) ? cond.name : [cond.name];
    if (!names.length || !names.every((n) => typeof n === 'string')) throw invalid(`${at}.name must be a metadata field name.`);
    const operator = cond.comparison_operator;
    const op = typeof operator === 'string' && Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
    if (!op) throw invalid(`${at}.comparison_operator "${excerpt(String(operator))}" is not supported.`);
    return (m) => (names as string[]).some((n) => op(Object.hasOwn(m, n) ? m[n] : undefined, cond.value));
  });
  if (!tests.length) return null;
  return logic === 'and' ? (m) => tests.every((t) => t(m)) : (m) => tests.some((t) => t(m));
}

// ---------------------------------------------------------------------------------------------------------------

/** The provider a `knowledge_id` selects: undefined for every provider; 404 (Dify's 2001) for an unknown one. */
function knowledgeProvider(engine: SearchEngine, knowledgeId: unknown): string | undefined {
  if (knowledgeId === undefined || knowledgeId === null || knowledgeId === '') return undefined;
  if (typeof knowledgeId !== 'string') throw invalid('knowledge_id must be a string.');
  if (ALL_KNOWLEDGE.includes(knowledgeId)) return undefined;
  if (engine.providers.has(knowledgeId)) return knowledgeId;
  throw new ApiError(
    'not_found',
    `Unknown knowledge_id "${excerpt(knowledgeId)}": use ${ALL_KNOWLEDGE.join(' or ')} for every provider, or a provider id: ${[...engine.providers.keys()].join(', ')}.`,
  );
}

/** Rounds a score to three decimals, as the REST routes round theirs. */
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The records for a retrieval request. Each record is a ranked entry of /v1/search: `content` its question, answer
 * and numbered steps, `title` its question, `metadata` its id, provider, category, source span and page link.
 * `score` is the /v1/answer confidence for the question times the entry's rank score relative to the best entry's:
 * the best record scores exactly the confidence with which /v1/answer would answer (at CALIBRATION.threshold and up: it answers), the
 * others proportionally less. Records scoring 0 or under `score_threshold` are left out; `top_k` is clamped to
 * 1..20.
 */
async function retrieve(c: Ctx, engine: SearchEngine, body: unknown) {
  if (!isObject(body)) throw new ApiError('invalid_body', 'The request body must be a JSON object: { knowledge_id, query, retrieval_setting }.');
  const provider = knowledgeProvider(engine, body.knowledge_id);
  const raw: RawParams = typeof body.query === 'string' ? { q: body.query } : {};
  if (body.query !== undefined && typeof body.query !== 'string') throw invalid('query must be a string.');
  const params = (() => {
    try {
      return checkQuestion(engine, { ...validate(AnswerQuery, raw), provider });
    } catch (err) {
      if (err instanceof ApiError) throw new ApiError(err.code, err.message.replace(/\bThe q parameter\b/g, 'query'));
      throw err;
    }
  })();
  const settings = body.retrieval_setting ?? {};
  if (!isObject(settings)) throw invalid('retrieval_setting must be an object: { top_k, score_threshold }.');
  const topK = Math.min(MAX_LIMIT, Math.max(1, Math.floor(numberSetting(settings, 'top_k', DEFAULT_LIMIT))));
  const threshold = Math.min(1, Math.max(0, numberSetting(settings, 'score_threshold', 0)));
  const filter = metadataFilter(body.metadata_condition);

  const load = assetLoader(c.env);
  // With a filter, rank the most entries the API returns, so filtering leaves up to top_k of them.
  const found = await searchBody(engine, { q: params.q, provider, limit: filter ? MAX_LIMIT : topK }, load);
  if (!found.results.length) return [];
  const { confidence } = await answerBody(engine, { q: params.q, provider }, load);
  const best = found.results[0].score;
  const origin = new URL(c.req.url).origin;
  const records = [];
  for (const r of found.results) {
    const score = best > 0 ? round3((confidence * r.score) / best) : 0;
    if (score <= 0 || score < threshold) continue;
    const metadata: Metadata = {
      id: r.id,
      provider: r.provider.id,
      provider_name: r.provider.name,
      category: r.category,
      source: `${r.source.doc}#${r.source.start}-${r.source.end}`,
      url: entryUrl(origin, r.id),
    };
    if (filter && !filter(metadata)) continue;
    records.push({ content: entryText(r), score, title: r.question, metadata });
    if (records.length === topK) break;
  }
  return records;
}

/** POST /v1/dify/retrieval. Other methods get the app's 405, which apiErrorResponse (src/app.ts) puts in Dify's shape. */
export async function handleDify(c: Ctx, engine: SearchEngine): Promise<Response> {
  try {
    const records = await retrieve(c, engine, await readJsonBody(c, MAX_BODY_BYTES));
    return new Response(JSON.stringify({ records }), { status: 200, headers: { 'Content-Type': 'application/json', 'Cache-Control': NO_STORE } });
  } catch (err) {
    if (err instanceof ApiError) return difyApiError(err);
    throw err;
  }
}
