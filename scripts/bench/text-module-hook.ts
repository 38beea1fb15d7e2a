/**
 * @module Bench: a Node module hook (source for `module.register`) that loads `…artifact.json` as a text module,
 * the way wrangler bundles it under a `[[rules]] type = "Text"` rule, so Node imports the worker source or its
 * bundle as workerd sees them. workerd holds a Text module's contents in memory as a string; to match, the
 * process reads the file before timing (`preloadTextModules`) and the module just exports that string.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Hook source: the module exports the preloaded string (the file is never embedded as a JS literal, which V8
 * would have to parse: at 10k entries that alone costs over a second and workerd never pays it).
 */
export const TEXT_ARTIFACT_HOOK = `
export async function load(url, context, next) {
  if (!url.endsWith('artifact.json')) return next(url, context);
  const key = JSON.stringify(url);
  const source = 'const t = globalThis.__benchText?.[' + key + ']; if (typeof t !== "string") throw new Error("text module not preloaded: " + ' + key + '); export default t;';
  return { format: 'module', source, shortCircuit: true };
}`;

/** The data: URL to pass to `module.register`. */
export const TEXT_ARTIFACT_HOOK_URL = `data:text/javascript,${encodeURIComponent(TEXT_ARTIFACT_HOOK)}`;

/** Reads text modules into memory (outside any timing), keyed by file URL, for the hook to export. */
export function preloadTextModules(paths: string[]): void {
  const g = globalThis as { __benchText?: Record<string, string> };
  g.__benchText ??= {};
  for (const p of paths) g.__benchText[pathToFileURL(p).href] = readFileSync(p, 'utf8');
}
