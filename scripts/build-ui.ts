/**
 * @module `npm run build` (second step): public/ → dist/ui/, the Workers static assets directory (wrangler.toml
 * [assets]). esbuild bundles the page (script, stylesheet and icon under content-hashed names in assets/, and an
 * index.html that names them) and the widget (one IIFE at its stable URL /widget.js, its CSS inlined for the shadow
 * root); both share the modules of public/. Writes _headers from public/asset-headers.ts. Leaves what the indexer
 * writes there alone (_index/, sources/, build-report.html). Fails when the page or the widget is over its budget.
 * Types are checked by `npm run typecheck` (public/tsconfig.json), not here.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, transform, type BuildOptions } from 'esbuild';
import { headersFile } from '../public/asset-headers';
import { parseArtifact } from '../src/artifact';
import { removeShards } from '../src/indexer/split';

/** Budgets, gzip bytes: the page (index.html + its script, stylesheet and icon) and widget.js. */
const PAGE_BUDGET = 50 * 1024;
const WIDGET_BUDGET = 20 * 1024;

const src = resolve('public');
const out = resolve('dist/ui');
const ARTIFACT = resolve('src/generated/artifact.txt');
const common: BuildOptions = { bundle: true, minify: true, target: 'es2020', charset: 'utf8', legalComments: 'none', logLevel: 'warning' };
const gz = (data: string | Uint8Array) => gzipSync(data, { level: 9 }).length;

async function main(): Promise<void> {
  // Hashed names change with every edit: the old files go. Shard sets of an earlier split build go too, unless the
  // artifact the worker now bundles is split and names them.
  rmSync(join(out, 'assets'), { recursive: true, force: true });
  const artifact = existsSync(ARTIFACT) ? parseArtifact(readFileSync(ARTIFACT, 'utf8')) : null;
  removeShards(out, artifact?.split ? artifact.hash : undefined);

  const page = await build({
    ...common,
    entryPoints: ['app.ts', 'app.css', 'icon.svg'].map((f) => join(src, f)),
    outdir: join(out, 'assets'),
    entryNames: '[name].[hash]',
    format: 'esm',
    loader: { '.svg': 'copy' },
    metafile: true,
  });
  // index.html names its files as {{asset:app.js}}: each output's name without its hash.
  const assets = new Map(Object.keys(page.metafile!.outputs).map((f) => [basename(f).replace(/\.[A-Z0-9]{8}\./, '.'), resolve(f)]));
  const html = readFileSync(join(src, 'index.html'), 'utf8').replace(/\{\{asset:([^}]+)\}\}/g, (_, name: string) => {
    const file = assets.get(name);
    if (!file) throw new Error(`index.html names unknown asset "${name}"`);
    return '/' + file.slice(out.length + 1);
  });
  if (/<script(?![^>]*\ssrc=)[^>]*>/i.test(html) || /\sstyle=|\son[a-z]+=/i.test(html)) throw new Error('index.html must not contain inline scripts, styles or handlers (CSP)');
  writeFileSync(join(out, 'index.html'), html);

  const widgetCss = (await transform(readFileSync(join(src, 'widget.css'), 'utf8'), { loader: 'css', minify: true })).code;
  await build({
    ...common,
    entryPoints: [join(src, 'widget.ts')],
    outfile: join(out, 'widget.js'),
    format: 'iife',
    define: { WIDGET_CSS: JSON.stringify(widgetCss) },
    banner: { js: '/*! FAQ search widget — embed: <script src=".../widget.js" data-provider="topay" defer></script> */' },
  });
  writeFileSync(join(out, '_headers'), headersFile());

  const pageGz = gz(html) + [...assets.values()].reduce((n, f) => n + gz(readFileSync(f)), 0);
  const widgetGz = gz(readFileSync(join(out, 'widget.js')));
  const sizes = [...assets].map(([name, f]) => `${name} ${(gz(readFileSync(f)) / 1024).toFixed(1)}`).join(', ');
  console.log(`build-ui: page ${(pageGz / 1024).toFixed(1)} KB gzip (${sizes}); widget.js ${(widgetGz / 1024).toFixed(1)} KB gzip`);
  if (pageGz > PAGE_BUDGET) throw new Error(`the page is ${pageGz} bytes gzip, over its ${PAGE_BUDGET} byte budget`);
  if (widgetGz > WIDGET_BUDGET) throw new Error(`widget.js is ${widgetGz} bytes gzip, over its ${WIDGET_BUDGET} byte budget`);
}

main().catch((err: Error) => {
  console.error(`build-ui: ${err.message}`);
  process.exit(1);
});
