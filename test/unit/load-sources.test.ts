/** @module Reading data/ (src/indexer/load-sources.ts): what an operator may leave out of providers.json. */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSources } from '../../src/indexer/load-sources';

describe('loadSources', () => {
  it('regression: a provider without "aliases" failed the build; it is named by its name alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'load-sources-'));
    try {
      cpSync(join(process.cwd(), 'data'), dir, { recursive: true });
      const path = join(dir, 'providers.json');
      const json = JSON.parse(readFileSync(path, 'utf8'));
      json.providers.push({ id: 'lefu', name: '樂付通' });
      writeFileSync(path, JSON.stringify(json, null, 2));
      const lefu = loadSources(dir).providers.find((p) => p.id === 'lefu');
      expect(lefu).toMatchObject({ name: '樂付通', aliases: [] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
