/**
 * @module POST /mcp: a stateless MCP server over Streamable HTTP that answers every request with one JSON body (no
 * SSE, no sessions). It speaks both eras of the protocol: the `initialize` handshake (2025-11-25, 2025-06-18,
 * 2025-03-26, 2024-11-05) and the stateless 2026-07-28 revision, whose requests carry their version in `_meta` and
 * which adds `server/discover`. Four read-only tools wrap the same bodies as the REST routes (./responses.ts).
 */
import type { Context } from 'hono';
import { CATEGORIES } from '../model';
import type { SearchEngine } from '../search/engine';
import type { ShardLoader } from '../search/shards';
import { entryText, contactText, entryUrl } from './chat-text';
import { originAllowed } from './cors';
import { seconds, type AppEnv } from './env';
import { ApiError, excerpt } from './errors';
import { NO_STORE, DEFAULT_CACHE_MAX_AGE } from './cache';
import { isObject, readJsonBody } from './json-body';
import { presentEntry } from './present';
import { answerBody, checkQuestion, searchBody } from './responses';
import { AnswerQuery, DEFAULT_LIMIT, EntryPath, MAX_LIMIT, MAX_QUERY_LENGTH, SearchQuery } from './schemas';
import { assetLoader } from './shards';
import { validate, type RawParams } from './validate';

type Ctx = Context<AppEnv>;

/** The stateless revision(s): version, identity and capabilities travel in each request's `_meta`. */
export const MODERN_VERSIONS: readonly string[] = ['2026-07-28'];

/** Handshake revisions, newest first: `initialize` negotiates one of them (the newest when the client's is unknown). */
export const LEGACY_VERSIONS: readonly string[] = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];

/** Every revision served, as `server/discover` and version errors list them. */
export const SUPPORTED_VERSIONS: readonly string[] = [...MODERN_VERSIONS, ...LEGACY_VERSIONS];

/** The version of a request with neither header nor `_meta`, as the transport specification says to assume. */
const ASSUMED_VERSION = '2025-03-26';

/** The first stateless revision; revision ids are dates, so later ones compare greater. */
const FIRST_MODERN = '2026-07-28';

const META_VERSION = 'io.modelcontextprotocol/protocolVersion';
const META_SERVER_INFO = 'io.modelcontextprotocol/serverInfo';

/** JSON-RPC error codes: the standard ones, -32000 for transport rejections, and MCP's own (-32020 and up). */
const RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internalError: -32603,
  rejected: -32000,
  headerMismatch: -32020,
  unsupportedVersion: -32022,
} as const;

const SERVER_INFO = { name: 'faq-search', title: '客服 FAQ 检索 / Customer-service FAQ search', version: '1.0.0' };

/** Largest request body: a tool call is a few hundred bytes, a batch of them a few KB. */
const MAX_BODY_BYTES = 64 * 1024;

/** Most messages in one batch (2025-03-26 only): each may run a search, and they share one request's CPU limit. */
const MAX_BATCH = 10;

type Id = string | number;
type RpcError = { code: number; message: string; data?: unknown };
type RpcResponse = { jsonrpc: '2.0'; id: Id | null } & ({ result: Record<string, unknown> } | { error: RpcError });

/** The answer to one message: its HTTP status when sent alone, and its JSON-RPC response (none for a notification). */
interface Outcome {
  status: number;
  body: RpcResponse | null;
}

const rpcError = (id: Id | null, code: number, message: string, data?: unknown): RpcResponse => ({
  jsonrpc: '2.0',
  id,
  error: data === undefined ? { code, message } : { code, message, data },
});

const fail = (status: number, id: Id | null, code: number, message: string, data?: unknown): Outcome => ({ status, body: rpcError(id, code, message, data) });

/** A response carrying only a JSON-RPC error without id: how the endpoint rejects a whole HTTP request. */
export function mcpErrorResponse(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(rpcError(null, code, message)), {
    status,
    headers: { ...headers, 'Content-Type': 'application/json', 'Cache-Control': NO_STORE },
  });
}

/** An error of the middleware (401, 403, 429 …) on this endpoint: its status and headers, a JSON-RPC body. */
export function mcpApiError(err: ApiError): Response {
  return mcpErrorResponse(err.status, err.code === 'invalid_body' ? RPC.parseError : RPC.rejected, err.message, err.headers);
}

const isId = (id: unknown): id is Id => typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
const isModern = (version: string) => /^\d{4}-\d{2}-\d{2}$/.test(version) && version >= FIRST_MODERN;

/** An `Mcp-Name` header's value: plain, or `=?base64?…?=` for a name that is not plain ASCII. */
function headerValue(value: string | undefined): string | undefined {
  const m = value === undefined ? null : /^=\?base64\?([A-Za-z0-9+/]*={0,2})\?=$/.exec(value);
  if (!m) return value;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(atob(m[1]), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Tools

/** What a tool needs besides its arguments. */
interface ToolContext {
  engine: SearchEngine;
  load: ShardLoader;
  /** Origin of the request, for links to the search page. */
  origin: string;
}

interface ToolResult {
  content: { type: 'text'; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: true;
  [key: string]: unknown;
}

type ToolArgs = Record<string, unknown>;

/** A tool's input mistake: reported as an `isError` result the model can read and correct. */
class ArgumentError extends Error {}

const text = (t: string) => [{ type: 'text' as const, text: t }];
const toolError = (message: string): ToolResult => ({ content: text(message), isError: true });

/**
 * The string (or absent) argument `name`. JSON null counts as absent, since models often send it for an optional
 * argument; any other non-string is an error.
 */
function stringArg(args: ToolArgs, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ArgumentError(`${name} must be a string.`);
  return value;
}

/** The REST parameter rules (./schemas.ts, ./validate.ts) applied to tool arguments, in the arguments' words. */
function checked<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) {
      throw new ArgumentError(err.message.replace(/\bThe q parameter\b/g, 'query').replace(/\bparameter\b/g, 'argument'));
    }
    throw err;
  }
}

/** A provider given as its id, its name or one of its aliases (models often pass 通联支付 for allinpay). */
function providerId(engine: SearchEngine, value: string | undefined): string | undefined {
  if (value === undefined || engine.providers.has(value)) return value;
  const wanted = value.trim().toLowerCase();
  const match = engine.providerList().find((p) => p.name.toLowerCase() === wanted || p.aliases.some((a) => a.toLowerCase() === wanted));
  return match ? match.id : value;
}

/** The validated question of answer_faq and search_faq: the same rules and complaints as q on the REST routes. */
function question(ctx: ToolContext, args: ToolArgs, extra: RawParams = {}) {
  const raw: RawParams = { ...extra };
  const q = stringArg(args, 'query');
  if (q !== undefined) raw.q = q;
  const provider = providerId(ctx.engine, stringArg(args, 'provider'));
  if (provider !== undefined) raw.provider = provider;
  return raw;
}

async function answerFaq(args: ToolArgs, ctx: ToolContext): Promise<ToolResult> {
  const { q, provider } = checked(() => checkQuestion(ctx.engine, validate(AnswerQuery, question(ctx, args))));
  const body = await answerBody(ctx.engine, { q, provider }, ctx.load);
  // Every field of the answer but the entries and the text, whatever fields the answer gains, plus the chosen entry.
  const { answer, alternatives: _alternatives, text: ready, query: _query, ...rest } = body;
  const best = answer as { id: string; question: string; provider: { id: string; name: string } } | null;
  return {
    content: text(ready),
    structuredContent: {
      ...rest,
      entryId: best?.id ?? null,
      question: best?.question ?? null,
      url: best ? entryUrl(ctx.origin, best.id) : null,
      provider: best?.provider ?? body.contact?.provider ?? null,
    },
  };
}

async function searchFaq(args: ToolArgs, ctx: ToolContext): Promise<ToolResult> {
  const extra: RawParams = {};
  const category = stringArg(args, 'category');
  if (category !== undefined) extra.category = category;
  const limit = args.limit;
  if (limit !== undefined && limit !== null) {
    if (typeof limit !== 'number' || !Number.isInteger(limit)) throw new ArgumentError(`limit must be a whole number from 1 to ${MAX_LIMIT}.`);
    extra.limit = String(limit);
  }
  const params = checked(() => checkQuestion(ctx.engine, validate(SearchQuery, question(ctx, args, extra))));
  const body = await searchBody(ctx.engine, params, ctx.load);
  const results = body.results.map((r) => ({
    id: r.id,
    provider: r.provider,
    category: r.category,
    question: r.question,
    snippet: r.snippet,
    score: r.score,
    url: entryUrl(ctx.origin, r.id),
  }));
  const lines = results.length
    ? [`“${body.query}”的相关条目（${results.length} 条；get_faq_entry 按 id 取全文）：`, ...results.map((r, i) => `${i + 1}. ${r.question}【${r.provider.name}】 id: ${r.id}\n   ${r.snippet}`)]
    : [`资料中没有与“${body.query}”相关的条目。`];
  const { results: _results, tookMs: _took, normalized: _normalized, terms: _terms, ...rest } = body;
  return { content: text(lines.join('\n')), structuredContent: { ...rest, results } };
}

async function getFaqEntry(args: ToolArgs, ctx: ToolContext): Promise<ToolResult> {
  const raw: RawParams = {};
  const id = stringArg(args, 'id');
  if (id !== undefined) raw.id = id;
  const params = checked(() => validate(EntryPath, raw));
  const entry = await ctx.engine.entryAsync(params.id, ctx.load);
  if (!entry) throw new ArgumentError(`No entry with id "${excerpt(params.id)}". Ids come from search_faq or answer_faq results.`);
  const presented = presentEntry(entry, ctx.engine);
  const url = entryUrl(ctx.origin, entry.id);
  return { content: text(`${entryText(presented)}\n${url}`), structuredContent: { ...presented, url } };
}

async function getProviderContact(args: ToolArgs, ctx: ToolContext): Promise<ToolResult> {
  const given = stringArg(args, 'provider');
  if (given === undefined || !given.trim()) throw new ArgumentError('provider is required.');
  const p = ctx.engine.providers.get(providerId(ctx.engine, given)!);
  if (!p) throw new ArgumentError(`Unknown provider "${excerpt(given)}". Valid ids: ${[...ctx.engine.providers.keys()].join(', ')}.`);
  const contact = ctx.engine.contactOf(p.id);
  const words = contact ? contactText(contact) : `${p.name}：资料中没有客服联系指引。`;
  return { content: text(words), structuredContent: { provider: { id: p.id, name: p.name }, contact } };
}

const TOOLS: Record<string, (args: ToolArgs, ctx: ToolContext) => Promise<ToolResult>> = {
  answer_faq: answerFaq,
  search_faq: searchFaq,
  get_faq_entry: getFaqEntry,
  get_provider_contact: getProviderContact,
};

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const PROVIDER_REF = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } }, required: ['id', 'name'] };
const NULLABLE_PROVIDER_REF = { anyOf: [PROVIDER_REF, { type: 'null' }] };
const CONTACT = { type: ['object', 'null'], description: 'Contact guidance (see GET /v1/providers/{id}); null when none applies.' };

/** The tool definitions of tools/list, with the engine's provider ids as the enum of every provider argument. */
function toolDefinitions(engine: SearchEngine) {
  const ids = [...engine.providers.keys()];
  const query = {
    type: 'string',
    minLength: 1,
    maxLength: MAX_QUERY_LENGTH,
    description: `用户的原话，任何写法（简体、繁体、拼音、英文），1–${MAX_QUERY_LENGTH} 字。 The user's own words in any script (simplified, traditional, pinyin, English), 1-${MAX_QUERY_LENGTH} characters.`,
  };
  const provider = {
    type: 'string',
    enum: ids,
    description: '可选，服务商 id：只看该服务商和通用指引，并附上它的联系方式。 Optional provider id: only that provider and the general guidance, with its contact guidance.',
  };
  return [
    {
      name: 'answer_faq',
      title: '回答客服问题 / Answer a customer-service question',
      description:
        '回答用户关于支付服务商的客服问题：给出一条可直接发给用户的答案（问题、编号步骤、官方联系方式），资料中没有答案时 answered 为 false，如实说明。 ' +
        "Answers a customer-service question from the providers' guides: one ready-to-send text (question, numbered steps, official contact line), or an honest no-answer (answered: false) when the guides do not cover it.",
      inputSchema: { type: 'object', properties: { query, provider }, required: ['query'], additionalProperties: false },
      outputSchema: {
        type: 'object',
        properties: {
          answered: { type: 'boolean', description: 'false when nothing in the guides answers the question' },
          confidence: { type: 'number', minimum: 0, maximum: 1 },
          entryId: { type: ['string', 'null'], description: 'The answering entry (get_faq_entry), or null' },
          question: { type: ['string', 'null'] },
          url: { type: ['string', 'null'], description: "The entry on the service's search page" },
          provider: NULLABLE_PROVIDER_REF,
          contact: CONTACT,
        },
        required: ['answered', 'confidence', 'entryId', 'provider', 'contact'],
      },
      annotations: { title: 'Answer a customer-service question', ...READ_ONLY },
    },
    {
      name: 'search_faq',
      title: '检索 FAQ 条目 / Search the FAQ entries',
      description:
        '按关键词检索 FAQ 条目，返回排序后的条目（问题、摘要、id、链接）；用 get_faq_entry 取某条全文。 ' +
        'Searches the FAQ entries and returns the ranked matches (question, snippet, id, link); get_faq_entry returns one in full.',
      inputSchema: {
        type: 'object',
        properties: {
          query,
          provider,
          category: { type: 'string', enum: [...CATEGORIES], description: '可选，只看这一类条目。 Optional: only entries of this category.' },
          limit: {
            type: 'integer',
            minimum: 1,
            maximum: MAX_LIMIT,
            default: DEFAULT_LIMIT,
            description: `返回条数，1–${MAX_LIMIT}，默认 ${DEFAULT_LIMIT}。 Results to return, 1-${MAX_LIMIT} (default ${DEFAULT_LIMIT}).`,
          },
        },
        required: ['query'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          query: { type: 'string' },
          provider: NULLABLE_PROVIDER_REF,
          category: { type: ['string', 'null'] },
          results: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                provider: PROVIDER_REF,
                category: { type: 'string' },
                question: { type: 'string' },
                snippet: { type: 'string' },
                score: { type: 'number' },
                url: { type: 'string' },
              },
              required: ['id', 'provider', 'category', 'question', 'snippet', 'score', 'url'],
            },
          },
          contact: CONTACT,
        },
        required: ['query', 'results'],
      },
      annotations: { title: 'Search the FAQ entries', ...READ_ONLY },
    },
    {
      name: 'get_faq_entry',
      title: '按 id 取 FAQ 条目 / Get one FAQ entry',
      description: '按 id 返回一条 FAQ 的全文：问题、答案、编号步骤和出处。 Returns one FAQ entry in full by id: question, answer, numbered steps and source.',
      inputSchema: {
        type: 'object',
        properties: {
          id: { type: 'string', minLength: 1, description: '条目 id，来自 search_faq 或 answer_faq。 Entry id, from search_faq or answer_faq results.' },
        },
        required: ['id'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          provider: PROVIDER_REF,
          category: { type: 'string' },
          question: { type: 'string' },
          answer: { type: 'string' },
          steps: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, text: { type: 'string' } }, required: ['title', 'text'] } },
          url: { type: 'string' },
        },
        required: ['id', 'provider', 'category', 'question', 'answer', 'steps', 'url'],
      },
      annotations: { title: 'Get one FAQ entry', ...READ_ONLY },
    },
    {
      name: 'get_provider_contact',
      title: '服务商客服联系方式 / Provider contact guidance',
      description:
        '返回某服务商的官方客服联系指引：渠道、服务时间、需准备的资料、步骤、投诉升级与安全提示；只含资料中写明的内容。 ' +
        "Returns a provider's official customer-service guidance: channels, hours, what to prepare, steps, escalation and safety; only what its guide states.",
      inputSchema: {
        type: 'object',
        properties: { provider: { ...provider, description: '服务商 id。 Provider id.' } },
        required: ['provider'],
        additionalProperties: false,
      },
      outputSchema: {
        type: 'object',
        properties: { provider: PROVIDER_REF, contact: CONTACT },
        required: ['provider', 'contact'],
      },
      annotations: { title: 'Provider contact guidance', ...READ_ONLY },
    },
  ];
}

/** The instructions `initialize` and `server/discover` give clients: when to use which tool, and what never to invent. */
function instructions(engine: SearchEngine): string {
  const names = engine
    .providerList()
    .map((p) => p.name)
    .join('、');
  return (
    `支付服务商（${names}）客服指南的 FAQ 检索。用户提问时调用 answer_faq；answered 为 false 时如实说明资料中没有答案并给出联系方式，不要猜。` +
    '需要候选时用 search_faq，再用 get_faq_entry 取全文；问怎么联系客服时用 get_provider_contact。只使用结果中出现的电话、网址，绝不编造。 ' +
    "FAQ search over payment providers' customer-service guides. Call answer_faq with the user's question; when answered is false, say the guides do not cover it and give the contact line instead of guessing. " +
    'search_faq lists candidates, get_faq_entry returns one in full, get_provider_contact tells how to reach a provider. Never invent phone numbers or URLs.'
  );
}

/** Per engine: the tool list and instructions are the same for every request of an isolate. */
const described = new WeakMap<SearchEngine, { tools: ReturnType<typeof toolDefinitions>; instructions: string }>();
function description(engine: SearchEngine) {
  let d = described.get(engine);
  if (!d) described.set(engine, (d = { tools: toolDefinitions(engine), instructions: instructions(engine) }));
  return d;
}

/**
 * Runs tools/call: the tool's result, or the JSON-RPC error for a call that names no tool, an unknown one, or
 * arguments that are not an object. A tool's own complaints about its arguments are results with `isError`.
 */
async function callTool(id: Id, params: Record<string, unknown>, ctx: ToolContext): Promise<{ result: ToolResult } | { failure: Outcome }> {
  const { name, arguments: args = {} } = params;
  if (typeof name !== 'string') return { failure: fail(200, id, RPC.invalidParams, 'tools/call needs params.name, the tool to call.') };
  const tool = Object.hasOwn(TOOLS, name) ? TOOLS[name] : undefined;
  if (!tool) return { failure: fail(200, id, RPC.invalidParams, `Unknown tool: ${excerpt(name)}. Tools: ${Object.keys(TOOLS).join(', ')}.`) };
  if (!isObject(args)) return { failure: fail(200, id, RPC.invalidParams, 'tools/call params.arguments must be an object.') };
  try {
    return { result: await tool(args, ctx) };
  } catch (err) {
    if (err instanceof ArgumentError) return { result: toolError(err.message) };
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

/** What every message of one HTTP request shares. */
interface Exchange {
  /** The MCP-Protocol-Version header. */
  version?: string;
  /** The Mcp-Method and Mcp-Name headers (2026-07-28). */
  method?: string;
  name?: string;
  tools: ToolContext;
  /** How long a client may keep tools/list and server/discover (2026-07-28 `ttlMs`): the REST routes' max-age. */
  ttlMs: number;
}

function discoverResult(x: Exchange) {
  return {
    supportedVersions: [...SUPPORTED_VERSIONS],
    capabilities: { tools: {} },
    instructions: description(x.tools.engine).instructions,
    ttlMs: x.ttlMs,
    cacheScope: 'public',
  };
}

/** A request of the 2026-07-28 revision: checked against its headers, answered with `resultType` and `serverInfo`. */
async function modernRequest(id: Id, method: string, params: Record<string, unknown>, version: unknown, x: Exchange): Promise<Outcome> {
  if (typeof version !== 'string' || x.version !== version) {
    return fail(400, id, RPC.headerMismatch, `The MCP-Protocol-Version header (${excerpt(x.version ?? 'none')}) must equal _meta["${META_VERSION}"].`);
  }
  if (!MODERN_VERSIONS.includes(version)) {
    return fail(400, id, RPC.unsupportedVersion, 'Unsupported protocol version', { supported: [...SUPPORTED_VERSIONS], requested: version });
  }
  if (x.method !== method) return fail(400, id, RPC.headerMismatch, `The Mcp-Method header (${excerpt(x.method ?? 'none')}) must equal the method (${excerpt(method)}).`);
  if (method === 'tools/call' && typeof params.name === 'string' && headerValue(x.name) !== params.name) {
    return fail(400, id, RPC.headerMismatch, `The Mcp-Name header must equal params.name (${excerpt(params.name)}).`);
  }
  let result: Record<string, unknown>;
  switch (method) {
    case 'server/discover':
      result = discoverResult(x);
      break;
    case 'tools/list':
      result = { tools: description(x.tools.engine).tools, ttlMs: x.ttlMs, cacheScope: 'public' };
      break;
    case 'tools/call': {
      const call = await callTool(id, params, x.tools);
      if ('failure' in call) return call.failure;
      result = call.result;
      break;
    }
    default:
      return fail(404, id, RPC.methodNotFound, `Method not found: ${excerpt(method)}.`);
  }
  return { status: 200, body: { jsonrpc: '2.0', id, result: { ...result, resultType: 'complete', _meta: { [META_SERVER_INFO]: SERVER_INFO } } } };
}

/** A request of a handshake revision (the version was negotiated by `initialize` and comes back in the header). */
async function legacyRequest(id: Id, method: string, params: Record<string, unknown>, x: Exchange): Promise<Outcome> {
  if (method !== 'initialize' && x.version !== undefined && !LEGACY_VERSIONS.includes(x.version)) {
    return fail(400, id, RPC.unsupportedVersion, `Unsupported MCP-Protocol-Version: ${excerpt(x.version)}.`, {
      supported: [...SUPPORTED_VERSIONS],
      requested: x.version,
    });
  }
  let result: Record<string, unknown>;
  switch (method) {
    case 'initialize': {
      const asked = params.protocolVersion;
      if (typeof asked !== 'string') return fail(200, id, RPC.invalidParams, 'initialize needs params.protocolVersion.');
      result = {
        protocolVersion: LEGACY_VERSIONS.includes(asked) ? asked : LEGACY_VERSIONS[0],
        capabilities: { tools: { listChanged: false } },
        serverInfo: SERVER_INFO,
        instructions: description(x.tools.engine).instructions,
      };
      break;
    }
    case 'ping':
      result = {};
      break;
    case 'server/discover':
      result = { ...discoverResult(x), resultType: 'complete', _meta: { [META_SERVER_INFO]: SERVER_INFO } };
      break;
    case 'tools/list':
      result = { tools: description(x.tools.engine).tools };
      break;
    case 'tools/call': {
      const call = await callTool(id, params, x.tools);
      if ('failure' in call) return call.failure;
      result = call.result;
      break;
    }
    default:
      return fail(200, id, RPC.methodNotFound, `Method not found: ${excerpt(method)}.`);
  }
  return { status: 200, body: { jsonrpc: '2.0', id, result } };
}

/** One JSON-RPC message: a request gets a response; a notification, or a response the client sends, gets none. */
async function message(msg: unknown, x: Exchange): Promise<Outcome> {
  const id = isObject(msg) && isId(msg.id) ? msg.id : null;
  if (!isObject(msg) || msg.jsonrpc !== '2.0') return fail(400, id, RPC.invalidRequest, 'Invalid Request: expected a JSON-RPC 2.0 message.');
  if (typeof msg.method !== 'string') {
    // A client's response to a server request: this server sends none, so there is nothing to do with it.
    if (id !== null && ('result' in msg || 'error' in msg)) return { status: 202, body: null };
    return fail(400, id, RPC.invalidRequest, 'Invalid Request: a message needs a method (or a result or error).');
  }
  // Notifications (initialized, cancelled, progress) change nothing on a stateless server: accepted.
  if (!('id' in msg)) return { status: 202, body: null };
  if (id === null) return fail(400, null, RPC.invalidRequest, 'Invalid Request: id must be a string or a number.');
  const params = msg.params ?? {};
  if (!isObject(params)) return fail(200, id, RPC.invalidParams, 'params must be an object.');
  const meta = isObject(params._meta) ? params._meta : undefined;
  const metaVersion = meta?.[META_VERSION];
  // Per-request _meta (or a stateless version in the header) marks the stateless revision; `initialize` the handshake.
  const modern =
    msg.method !== 'initialize' &&
    (typeof metaVersion === 'string' ? !LEGACY_VERSIONS.includes(metaVersion) : x.version !== undefined && isModern(x.version));
  try {
    return modern ? await modernRequest(id, msg.method, params, metaVersion, x) : await legacyRequest(id, msg.method, params, x);
  } catch (err) {
    console.error('mcp: unhandled error', msg.method, err);
    return fail(500, id, RPC.internalError, 'Internal error.');
  }
}

/**
 * POST /mcp. Checks the Origin (DNS rebinding: a page of an origin CORS_ORIGIN does not allow is 403), the body,
 * then answers each JSON-RPC message: 200 with the response, 202 for notifications, a JSON-RPC error with the
 * status the transport specification gives it otherwise. Authentication and rate limiting ran before, as on every
 * route. Only POST is offered: other methods are 405 (GET would open a server stream, DELETE end a session: neither
 * exists on a stateless server).
 */
export async function handleMcp(c: Ctx, engine: SearchEngine): Promise<Response> {
  const origin = c.req.header('Origin');
  if (origin !== undefined && !originAllowed(c.env?.CORS_ORIGIN, origin)) return mcpErrorResponse(403, RPC.rejected, `Origin ${excerpt(origin)} is not allowed.`);
  let body: unknown;
  try {
    body = await readJsonBody(c, MAX_BODY_BYTES);
  } catch (err) {
    if (err instanceof ApiError) return mcpApiError(err);
    throw err;
  }
  const x: Exchange = {
    version: c.req.header('MCP-Protocol-Version'),
    method: c.req.header('Mcp-Method'),
    name: c.req.header('Mcp-Name'),
    tools: { engine, load: assetLoader(c.env), origin: new URL(c.req.url).origin },
    ttlMs: seconds(c.env?.CACHE_MAX_AGE, DEFAULT_CACHE_MAX_AGE) * 1000,
  };
  const headers = { 'Content-Type': 'application/json', 'Cache-Control': NO_STORE };
  if (Array.isArray(body)) {
    // Batches exist in 2025-03-26 only (a request without the version header is taken as that revision).
    const version = x.version ?? ASSUMED_VERSION;
    if (version !== '2025-03-26') return mcpErrorResponse(400, RPC.invalidRequest, `Protocol version ${excerpt(version)} does not allow batches: send one message per request.`);
    if (body.length === 0 || body.length > MAX_BATCH) return mcpErrorResponse(400, RPC.invalidRequest, `A batch holds 1 to ${MAX_BATCH} messages.`);
    const outcomes = [];
    for (const item of body) outcomes.push(await message(item, x));
    const responses = outcomes.map((o) => o.body).filter((b) => b !== null);
    return responses.length ? new Response(JSON.stringify(responses), { status: 200, headers }) : new Response(null, { status: 202, headers: { 'Cache-Control': NO_STORE } });
  }
  const outcome = await message(body, x);
  if (!outcome.body) return new Response(null, { status: 202, headers: { 'Cache-Control': NO_STORE } });
  return new Response(JSON.stringify(outcome.body), { status: outcome.status, headers });
}
