/** @module docs/api.md and /openapi.json describe the same API: the same operations, parameters and error codes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/http/errors';
import { CALIBRATION } from '../../src/search/ranking';
import { openApiDocument } from '../../src/indexer/openapi';

const ROOT = join(__dirname, '../..');
const doc = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
const openapi = openApiDocument() as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };

/** The route sections of the page: `### \`GET /v1/search\`` → its text up to the next heading. */
function sections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = markdown.split(/^#{2,3} /m);
  for (const part of parts) {
    const m = /^`([A-Z]+) ([^`]+)`\n/.exec(part);
    if (m) out.set(`${m[1]} ${m[2]}`, part);
  }
  return out;
}

/** Names in the first column of a section's parameter table (`| \`q\` | … |`). */
const parameterNames = (section: string) => [...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]);

const documented = sections(doc);
const served = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => [`${method.toUpperCase()} ${path}`, ops[method]] as const));

describe('docs/api.md against /openapi.json', () => {
  it('documents every operation of the OpenAPI document, and /mcp, which it leaves out', () => {
    const fromDoc = [...documented.keys()].filter((k) => k !== 'POST /mcp').sort();
    expect(fromDoc).toEqual(served.map(([key]) => key).sort());
    expect(documented.has('POST /mcp')).toBe(true);
  });

  it('lists exactly the parameters of each operation', () => {
    for (const [key, op] of served) {
      const names = (op.parameters ?? []).map((p) => p.name).sort();
      expect(parameterNames(documented.get(key) ?? '').sort(), key).toEqual(names);
    }
  });

  it('lists every error code with its status', () => {
    const table = doc.slice(doc.indexOf('## Errors'));
    const rows = [...table.matchAll(/^\| (\d{3}) \| `([a-z_]+)` \|/gm)].map((m) => [m[2], Number(m[1])]);
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.entries(ERRORS).map(([code, e]) => [code, e.status])));
  });
});

describe('the answer threshold the docs state', () => {
  it('is the shipped CALIBRATION.threshold everywhere a user is told it', () => {
    const t = String(CALIBRATION.threshold);
    expect(doc).toContain(`confidence ≥ ${t}`);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`a score threshold of ${t} keeps`);
    const chatbots = readFileSync(join(ROOT, 'docs/chatbots.md'), 'utf8');
    expect(chatbots).toContain(`Score Threshold at **${t}**`);
    expect(chatbots).toContain(`"score_threshold":${t}}`);
  });
});
