/**
 * @module /openapi.json against the rules of the importers that turn it into chatbot tools (GPT Actions, Dify custom
 * tools, Coze plugins): unique operationIds of [a-zA-Z0-9_-]{1,64}, summaries and descriptions of at most 300
 * characters, parameter descriptions of at most 700, an absolute servers[0].url, parameters and request bodies
 * without $ref, full response schemas, a declared security scheme. The linter is checked on broken documents too.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_URL, openApiDocument, serverUrl } from '../../src/indexer/openapi';

type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every `$ref` anywhere under `node`, with its path. */
function refs(node: unknown, at: string, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) node.forEach((n, i) => refs(n, `${at}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push([at, v]);
      else refs(v, `${at}.${k}`, out);
    }
  }
  return out;
}

/** A schema that says something: a reference, a type, a composition or an enum (not `{}` or a bare description). */
const hasShape = (schema: Json | undefined) =>
  !!schema && ['$ref', 'type', 'anyOf', 'oneOf', 'allOf', 'enum', 'const'].some((k) => k in schema);

/** The importers' rules; returns one message per violation. */
function lintOpenApi(doc: Json): string[] {
  const problems: string[] = [];
  if (!/^3\.1\.\d+$/.test(doc.openapi ?? '')) problems.push(`openapi must be 3.1.x, got ${doc.openapi}`);
  const server = doc.servers?.[0]?.url;
  let absolute = false;
  try {
    absolute = typeof server === 'string' && /^https?:$/.test(new URL(server).protocol);
  } catch {
    // not a URL
  }
  if (!absolute) problems.push(`servers[0].url must be an absolute http(s) URL, got ${server}`);
  const schemes = doc.components?.securitySchemes ?? {};
  if (!Object.keys(schemes).length) problems.push('components.securitySchemes declares no scheme');
  const checkSecurity = (security: unknown, at: string) => {
    if (security === undefined) return;
    if (!Array.isArray(security)) return void problems.push(`${at}: security must be an array`);
    for (const requirement of security) for (const name of Object.keys(requirement)) if (!(name in schemes)) problems.push(`${at}: security names undeclared scheme ${name}`);
  };
  checkSecurity(doc.security, 'document');
  const components = doc.components?.schemas ?? {};
  for (const [name, schema] of Object.entries<Json>(components)) if (!hasShape(schema)) problems.push(`components.schemas.${name} is empty`);
  for (const [at, ref] of refs(doc, '$')) {
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!m || !(m[1] in components)) problems.push(`${at}: $ref ${ref} does not resolve`);
  }
  if ('/mcp' in (doc.paths ?? {})) problems.push('/mcp (JSON-RPC) must not be described');
  const ids = new Map<string, string>();
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS.filter((m) => m in item)) {
      const op = item[method];
      const at = `${method.toUpperCase()} ${path}`;
      const id = op.operationId;
      if (typeof id !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(id)) problems.push(`${at}: operationId ${id} must match ^[a-zA-Z0-9_-]{1,64}$`);
      else if (ids.has(id)) problems.push(`${at}: operationId ${id} is also used by ${ids.get(id)}`);
      else ids.set(id, at);
      if (typeof op.summary !== 'string' || !op.summary.trim()) problems.push(`${at}: no summary`);
      for (const field of ['summary', 'description']) if ((op[field]?.length ?? 0) > 300) problems.push(`${at}: ${field} longer than 300 characters`);
      for (const [i, p] of (op.parameters ?? []).entries()) {
        if (refs(p, '').length || '$ref' in p) problems.push(`${at}: parameters[${i}] uses $ref`);
        for (const d of [p.description, p.schema?.description]) if ((d?.length ?? 0) > 700) problems.push(`${at}: parameter ${p.name} description longer than 700 characters`);
        if (!hasShape(p.schema)) problems.push(`${at}: parameter ${p.name} has no schema`);
      }
      if (op.requestBody && refs(op.requestBody, '').length) problems.push(`${at}: requestBody uses $ref`);
      checkSecurity(op.security, at);
      const responses = Object.entries<Json>(op.responses ?? {});
      if (!responses.some(([code]) => /^2\d\d$/.test(code))) problems.push(`${at}: no 2xx response`);
      for (const [code, res] of responses) {
        if (typeof res.description !== 'string') problems.push(`${at} ${code}: no description`);
        for (const [type, media] of Object.entries<Json>(res.content ?? {})) if (!hasShape(media.schema)) problems.push(`${at} ${code} ${type}: empty schema`);
        if (/^2\d\d$/.test(code) && code !== '204' && !res.content) problems.push(`${at} ${code}: no response schema`);
      }
    }
  }
  return problems;
}

const clone = (): Json => JSON.parse(JSON.stringify(openApiDocument()));

describe('/openapi.json for importers', () => {
  it('passes every rule', () => {
    expect(lintOpenApi(clone())).toEqual([]);
  });

  it('names each operation for a tool, documents keys and leaves /mcp out', () => {
    const doc = clone();
    const ids = Object.values<Json>(doc.paths).flatMap((item) => METHODS.filter((m) => m in item).map((m) => item[m].operationId));
    expect(ids.sort()).toEqual(['answerFaq', 'difyRetrieval', 'getFaqEntry', 'getHealth', 'getProviderContact', 'listProviders', 'searchFaq']);
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{}, { apiKey: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/v1/answer'].get.responses['401']).toBeDefined();
    expect(doc.servers[0].url).toBe(DEFAULT_SERVER_URL);
  });

  it('catches what importers reject', () => {
    const broken = clone();
    broken.servers = [{ url: '/api' }];
    broken.paths['/v1/answer'].get.operationId = 'searchFaq';
    broken.paths['/v1/search'].get.summary = 'x'.repeat(301);
    broken.paths['/v1/search'].get.parameters[0] = { $ref: '#/components/parameters/q' };
    broken.paths['/v1/providers'].get.operationId = 'list providers';
    broken.paths['/v1/providers'].get.responses['200'].content['application/json'].schema = {};
    broken.paths['/v1/entries/{id}'].get.parameters[0].description = 'x'.repeat(701);
    broken.paths['/v1/providers/{id}'].get.security = [{ oauth: [] }];
    broken.paths['/v1/dify/retrieval'].post.requestBody.content['application/json'].schema = { $ref: '#/components/schemas/DifyRecord' };
    broken.paths['/mcp'] = { post: { operationId: 'mcp', summary: 'MCP', responses: { 200: { description: 'ok' } } } };
    delete broken.components.securitySchemes;
    const problems = lintOpenApi(broken);
    for (const expected of [
      /servers\[0\]\.url/,
      /GET \/v1\/answer: operationId searchFaq is also used/,
      /GET \/v1\/search: summary longer than 300/,
      /GET \/v1\/search: parameters\[0\] uses \$ref/,
      /operationId list providers must match/,
      /GET \/v1\/providers 200 application\/json: empty schema/,
      /parameter id description longer than 700/,
      /undeclared scheme oauth/,
      /requestBody uses \$ref/,
      /\/mcp \(JSON-RPC\)/,
      /declares no scheme/,
      /\$ref #\/components\/parameters\/q does not resolve/,
      /POST \/mcp 200: no response schema/,
    ]) {
      expect(problems.some((p) => expected.test(p)), String(expected)).toBe(true);
    }
  });
});

describe('servers[0].url', () => {
  it('is OPENAPI_SERVER_URL when set at build time, without a trailing slash; localhost otherwise', () => {
    expect(serverUrl(undefined)).toBe(DEFAULT_SERVER_URL);
    expect(serverUrl(' ')).toBe(DEFAULT_SERVER_URL);
    expect(serverUrl('https://faq.example.com/')).toBe('https://faq.example.com');
    expect(() => serverUrl('faq.example.com')).toThrow(/absolute/);
    expect(() => serverUrl('ftp://faq.example.com')).toThrow(/http/);
  });
});
