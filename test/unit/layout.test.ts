/** @module The worker and the indexer stay apart: nothing the worker entry reaches imports build-only code or Node built-ins. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
/** Value imports only: `import type` is erased and loads nothing. */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s(?!type\s)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module the worker entry reaches through relative imports, and every bare specifier they name. */
function workerGraph(entry: string): { files: string[]; specifiers: string[] } {
  const files = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (!spec.startsWith('.')) {
        specifiers.add(spec);
        continue;
      }
      const base = resolve(dirname(file), spec);
      const target = [base, `${base}.ts`, join(base, 'index.ts')].find((p) => p.endsWith('.ts') && existsSync(p));
      if (target) visit(target);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(ROOT, f)), specifiers: [...specifiers] };
}

describe('layout', () => {
  const graph = workerGraph(join(ROOT, 'src/index.ts'));

  it('reaches the app and the engine from the worker entry', () => {
    expect(graph.files).toContain('src/app.ts');
    expect(graph.files).toContain('src/search/engine.ts');
  });

  it('never imports the indexer (build-only code) into the worker', () => {
    expect(graph.files.filter((f) => f.startsWith('src/indexer/'))).toEqual([]);
  });

  it('imports no Node built-in and no build-time library into the worker', () => {
    const buildOnly = /^(node:|jieba-wasm|minisearch$|opencc-js|pinyin-pro|@pinyin-pro|zod)/;
    expect(graph.specifiers.filter((s) => buildOnly.test(s))).toEqual([]);
  });
});
