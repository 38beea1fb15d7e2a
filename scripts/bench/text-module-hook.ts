/**
 * @module Bench: a Node module hook (source for `module.register`) that loads the worker's Text modules (the files
 * wrangler.toml's `[[rules]] type = "Text"` globs select, e.g. `src/generated/artifact.txt` and
 * `src/generated/openapi.json`) as modules exporting their text, the way wrangler bundles them, so Node imports the
 * worker source or its bundle as workerd sees them. workerd holds a Text module's contents in memory as a string;
 * to match, the process reads the files before timing and the module just exports that string.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { register } from 'node:module';
import { basename, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Hook source. The main thread passes the exact file URLs of the Text modules (`register(..., { data: { urls } })`):
 * the hook runs on its own thread and cannot read wrangler.toml's globs against what the main thread preloaded.
 * The module exports the preloaded string; the file is never embedded as a JS literal, which V8 would have to
 * parse (at 10k entries that alone costs over a second, and workerd never pays it).
 */
export const TEXT_MODULE_HOOK = `
let urls = new Set();
export async function initialize(data) { urls = new Set(data?.urls ?? []); }
export async function load(url, context, next) {
  if (!urls.has(url)) return next(url, context);
  const key = JSON.stringify(url);
  const source = 'const t = globalThis.__benchText?.[' + key + ']; if (typeof t !== "string") throw new Error("text module not preloaded: " + ' + key + '); export default t;';
  return { format: 'module', source, shortCircuit: true };
}`;

/** The data: URL to pass to `module.register`. */
export const TEXT_MODULE_HOOK_URL = `data:text/javascript,${encodeURIComponent(TEXT_MODULE_HOOK)}`;

/**
 * The globs of every `[[rules]]` table of type "Text" in a wrangler.toml (a small reader: enough for this file).
 * wrangler's built-in Text globs (*.txt, *.html, *.sql) are left out: the worker imports no such file.
 */
export function textRuleGlobs(toml: string): string[] {
  const globs: string[] = [];
  for (const section of toml.split(/^(?=\s*\[)/m)) {
    if (!/^\s*\[\[rules\]\]/.test(section) || !/^\s*type\s*=\s*"Text"/m.test(section)) continue;
    const list = /^\s*globs\s*=\s*\[([^\]]*)\]/m.exec(section);
    for (const m of list?.[1].matchAll(/"([^"]+)"/g) ?? []) globs.push(m[1]);
  }
  return globs;
}

/** A wrangler-style glob (`**` any directories, `*` and `?` within one path segment) as an anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // "**/" also matches no directory at all, so "**/generated/x.json" matches "generated/x.json".
      if (glob[i + 2] === '/') {
        source += '(?:.*/)?';
        i += 2;
      } else {
        source += '.*';
        i += 1;
      }
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Files under `dir` (recursively, without node_modules), as paths. */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' ? [] : walk(p);
    return d.isFile() ? [p] : [];
  });
}

const slash = (p: string) => p.split(sep).join('/');

/**
 * The Text modules of a worker's source tree: files under `<root>/src` that a Text rule of `<root>/wrangler.toml`
 * selects. Globs are tried against the path relative to the project root and to src/ (wrangler's base directory
 * is the entry's), so either way of writing them works.
 */
export function sourceTextModules(root: string): string[] {
  const toml = join(root, 'wrangler.toml');
  if (!existsSync(toml)) return [];
  const globs = textRuleGlobs(readFileSync(toml, 'utf8')).map(globToRegExp);
  const src = join(root, 'src');
  return walk(src).filter((f) => globs.some((g) => g.test(slash(relative(root, f))) || g.test(slash(relative(src, f)))));
}

/**
 * The Text modules of a `wrangler deploy --outdir` bundle. wrangler writes each one next to index.js as
 * `<sha1>-<file name>`, so the directories are gone: a module counts when its file name matches the last segment
 * of a Text glob of `tomlPath`.
 */
export function bundleTextModules(bundleDir: string, tomlPath: string): string[] {
  const names = textRuleGlobs(readFileSync(tomlPath, 'utf8')).map((g) => globToRegExp(g.split('/').pop()!));
  return readdirSync(bundleDir)
    .filter((f) => !f.endsWith('.map') && f !== 'index.js' && f !== 'README.md')
    .filter((f) => names.some((n) => n.test(basename(f).replace(/^[0-9a-f]{40}-/, ''))))
    .map((f) => join(bundleDir, f));
}

/**
 * Reads the Text modules into memory (outside any timing), keyed by file URL, and registers the hook for exactly
 * those URLs. Call before importing the worker.
 */
export function registerTextModules(paths: string[]): void {
  const g = globalThis as { __benchText?: Record<string, string> };
  g.__benchText ??= {};
  const urls = paths.map((p) => pathToFileURL(p).href);
  paths.forEach((p, i) => (g.__benchText![urls[i]] = readFileSync(p, 'utf8')));
  register(TEXT_MODULE_HOOK_URL, { data: { urls } });
}
