/** @module Zod schemas for parameters and responses: one source for validation and for /openapi.json. */
import { z } from '@hono/zod-openapi';
import { CATEGORIES } from '../model';

/** Longest accepted query, in characters after trimming: long chatty questions (~100) fit with room to spare. */
export const MAX_QUERY_LENGTH = 200;

const Span = z.object({ doc: z.string(), start: z.number().int(), end: z.number().int() }).openapi('SourceSpan');
const ProviderRef = z.object({ id: z.string(), name: z.string() }).openapi('ProviderRef');
const Step = z.object({ title: z.string(), text: z.string(), source: Span }).openapi('Step');
const Statement = z.object({ text: z.string(), source: Span, general: z.boolean().optional() }).openapi('Statement');

export const ContactSchema = z
  .object({
    provider: ProviderRef,
    name: z.string(),
    hours: Statement.nullable(),
    channels: z.array(
      z.object({
        type: z.enum(['phone', 'online_chat', 'email', 'app', 'website', 'wechat', 'weibo']),
        how: z.string(),
        source: Span,
        general: z.boolean().optional(),
      }),
    ),
    prepare: z.array(Statement),
    steps: z.array(Statement.extend({ title: z.string() })),
    escalation: z.array(Statement),
    safety: z.array(Statement),
    general: z.boolean(),
  })
  .openapi('Contact');

export const EntrySchema = z
  .object({
    id: z.string(),
    provider: ProviderRef,
    category: z.enum(CATEGORIES),
    question: z.string(),
    answer: z.string(),
    steps: z.array(Step),
    source: Span,
  })
  .openapi('Entry');

export const ResultSchema = EntrySchema.extend({
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  score: z.number(),
})
  .openapi('SearchResult');

const query = z
  .string({ error: 'The q parameter is required.' })
  .trim()
  .min(1, 'The q parameter must not be empty.')
  .max(MAX_QUERY_LENGTH, `The q parameter is limited to ${MAX_QUERY_LENGTH} characters.`)
  .openapi({ param: { name: 'q', in: 'query' }, description: `The user's words, any script (simplified, traditional, pinyin, Latin); 1..${MAX_QUERY_LENGTH} characters.`, example: '通联支付退款要几天' });
const provider = z
  .string()
  .optional()
  .openapi({ param: { name: 'provider', in: 'query' }, description: 'Provider id (see /v1/providers). Restricts results to that provider and the general guidance, and attaches its contact guidance.', example: 'allinpay' });

const LIMIT_MESSAGE = 'limit must be a whole number from 1 to 20.';

export const SearchQuery = z.object({
  q: query,
  provider,
  category: z
    .enum(CATEGORIES, { error: `category must be one of: ${CATEGORIES.join(', ')}.` })
    .optional()
    .openapi({ param: { name: 'category', in: 'query' }, description: 'Only entries of this category.', example: 'refund' }),
  limit: z
    .preprocess(
      // Plain decimal digits only: a bare Number() would also take '1e1', '0x10', ' 5' and '' (as 0).
      (v) => (typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : v),
      z.number({ error: LIMIT_MESSAGE }).int(LIMIT_MESSAGE).min(1, LIMIT_MESSAGE).max(20, LIMIT_MESSAGE).default(5),
    )
    .openapi({ param: { name: 'limit', in: 'query' }, type: 'integer', minimum: 1, maximum: 20, default: 5, description: 'Results to return, 1..20 (default 5), decimal digits only.', example: 5 }),
});

export const AnswerQuery = z.object({ q: query, provider });

export const SearchResponse = z
  .object({
    query: z.string(),
    normalized: z.string(),
    terms: z.array(z.string()),
    provider: ProviderRef.nullable(),
    category: z.enum(CATEGORIES).nullable(),
    results: z.array(ResultSchema),
    contact: ContactSchema.nullable(),
    tookMs: z.number(),
  })
  .openapi('SearchResponse');

export const AnswerResponse = z
  .object({
    query: z.string(),
    answered: z.boolean(),
    confidence: z.number().min(0).max(1),
    answer: ResultSchema.nullable(),
    alternatives: z.array(ResultSchema),
    contact: ContactSchema.nullable(),
    text: z.string(),
  })
  .openapi('AnswerResponse');

export const ProviderSummary = z
  .object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), entries: z.number().int() })
  .openapi('ProviderSummary');

export const ProvidersResponse = z.object({ providers: z.array(ProviderSummary) }).openapi('Providers');

export const ProviderDetail = z
  .object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), contact: ContactSchema.nullable() })
  .openapi('ProviderDetail');

export const HealthResponse = z.object({ status: z.literal('ok'), entries: z.number().int(), index: z.string() }).openapi('Health');

export const ErrorResponse = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error');

export const IdParam = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' }, example: 'allinpay-refund' }) });
