/** @module Zod schemas of the response bodies: the components of /openapi.json and the shape route tests check 200s against. */
// Never imported by the worker: loading full zod would weigh on every isolate's start-up, and the worker builds
// these bodies itself (src/http/present.ts) rather than parsing them. src/indexer/openapi.ts turns them into the
// document.
import { z } from 'zod';
import { CATEGORIES } from '../model';

/** The schemas that become named components (`#/components/schemas/<id>`) of /openapi.json. */
export const components = z.registry<{ id: string }>();

const Span = z.object({ doc: z.string(), start: z.number().int(), end: z.number().int() }).register(components, { id: 'SourceSpan' });
const ProviderRef = z.object({ id: z.string(), name: z.string() }).register(components, { id: 'ProviderRef' });
const Step = z.object({ title: z.string(), text: z.string(), source: Span }).register(components, { id: 'Step' });
const Statement = z.object({ text: z.string(), source: Span, general: z.boolean().optional() }).register(components, { id: 'Statement' });
const ChannelType = z.enum(['phone', 'online_chat', 'email', 'app', 'website', 'wechat', 'weibo']);
/** The service hours: the statement, its hours phrase verbatim, and how that phrase reads. */
const Hours = Statement.extend({
  value: z.string(),
  reading: z.object({
    allDay: z.boolean(),
    days: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    closed: z.literal(true).optional(),
    example: z.literal(true).optional(),
  }),
}).register(components, { id: 'Hours' });

/** Contact guidance of one provider (or the general guidance), every statement with its source span. */
export const ContactSchema = z
  .object({
    provider: ProviderRef,
    name: z.string(),
    hours: Hours.nullable(),
    channels: z.array(
      z.object({
        type: ChannelType,
        how: z.string(),
        value: z.string().nullable().describe('The number, address, URL, account or in-app path exactly as the source states it; null when it states none.'),
        href: z.string().optional().describe('A tel:, mailto: or https: link made from value (phone numbers, e-mail addresses and URLs only).'),
        source: Span,
        general: z.boolean().optional(),
      }),
    ),
    prepare: z.array(Statement),
    steps: z.array(Statement.extend({ title: z.string() })),
    escalation: z.array(Statement),
    safety: z.array(Statement),
    thirdParty: z
      .array(z.object({ name: z.string().nullable(), type: ChannelType, value: z.string(), href: z.string().optional(), how: z.string(), source: Span }))
      .describe("Numbers and addresses the provider's sources give for others (a regulator, the police, a bank): never the provider's channels."),
    general: z.boolean(),
  })
  .register(components, { id: 'Contact' });

/** One entry without query-dependent fields (GET /v1/entries/:id). */
export const EntrySchema = z
  .object({
    id: z.string(),
    provider: ProviderRef,
    category: z.enum(CATEGORIES),
    question: z.string(),
    answer: z.string(),
    steps: z.array(Step),
    source: Span.extend({ title: z.string().nullable().describe("The source article's title, or null when it states none.") }),
  })
  .register(components, { id: 'Entry' });

/** A ranked result: an entry with its best snippet, highlight offsets and score. */
export const ResultSchema = EntrySchema.extend({
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  score: z.number(),
}).register(components, { id: 'SearchResult' });

/** Body of GET /v1/search. */
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
  .register(components, { id: 'SearchResponse' });

/** Body of GET /v1/answer. */
export const AnswerResponse = z
  .object({
    query: z.string(),
    answered: z.boolean(),
    confidence: z.number().min(0).max(1),
    answer: ResultSchema.nullable(),
    /** `otherProvider`: neither the named provider's entry nor the general guidance's (offered when they cover nothing). */
    alternatives: z.array(ResultSchema.extend({ otherProvider: z.boolean() })),
    contact: ContactSchema.nullable(),
    text: z.string(),
    /** The provider the question is about: the `provider` parameter, else the one the question names. */
    provider: ProviderRef.nullable(),
    /**
     * `entry`: an entry answers the question; `contact`: the question only asks how to reach customer service, and
     * the text states the provider's contact guidance (values when its sources give them); `none`: not answered.
     */
    kind: z.enum(['entry', 'contact', 'none']),
    /** The contact-guidance statements a `contact` answer states, with their sources; [] for the other kinds. */
    citations: z.array(Statement),
  })
  .register(components, { id: 'AnswerResponse' });

/** One provider in GET /v1/providers. */
export const ProviderSummary = z
  .object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), entries: z.number().int() })
  .register(components, { id: 'ProviderSummary' });

/** Body of GET /v1/providers. */
export const ProvidersResponse = z.object({ providers: z.array(ProviderSummary) }).register(components, { id: 'Providers' });

/** Body of GET /v1/providers/:id. */
export const ProviderDetail = z
  .object({ id: z.string(), name: z.string(), aliases: z.array(z.string()), contact: ContactSchema.nullable() })
  .register(components, { id: 'ProviderDetail' });

/** Body of GET /health. */
export const HealthResponse = z.object({ status: z.literal('ok'), entries: z.number().int(), index: z.string() }).register(components, { id: 'Health' });

/** Body of every error response. */
export const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).register(components, { id: 'Error' });

/** Request body of POST /v1/dify/retrieval (Dify's External Knowledge API); inlined in /openapi.json, not a component. */
export const DifyRetrievalRequest = z.object({
  knowledge_id: z.string().describe('all (or default) for every provider, or a provider id (see /v1/providers).'),
  query: z.string().min(1).describe("The user's question."),
  retrieval_setting: z
    .object({
      top_k: z.number().int().describe('Most records to return; clamped to 1..20.'),
      score_threshold: z.number().describe('Least score (0..1) a record needs; 0 keeps every match.'),
    })
    .optional(),
  metadata_condition: z
    .object({
      logical_operator: z.enum(['and', 'or']).optional(),
      conditions: z.array(z.object({ name: z.union([z.string(), z.array(z.string())]), comparison_operator: z.string(), value: z.unknown().optional() })),
    })
    .nullable()
    .optional()
    .describe('Filter on record metadata (id, provider, provider_name, category, source, url).'),
});

/** One record of a Dify retrieval: an entry as text, its 0..1 score, its question and metadata. */
export const DifyRecord = z
  .object({
    content: z.string(),
    score: z.number().min(0).max(1),
    title: z.string(),
    metadata: z.object({
      id: z.string(),
      provider: z.string(),
      provider_name: z.string(),
      category: z.enum(CATEGORIES),
      source: z.string(),
      url: z.string(),
    }),
  })
  .register(components, { id: 'DifyRecord' });

/** Body of POST /v1/dify/retrieval. */
export const DifyRetrievalResponse = z.object({ records: z.array(DifyRecord) }).register(components, { id: 'DifyRetrievalResponse' });

/** Body of every error of POST /v1/dify/retrieval, in Dify's shape. */
export const DifyError = z.object({ error_code: z.number().int(), error_msg: z.string() }).register(components, { id: 'DifyError' });
