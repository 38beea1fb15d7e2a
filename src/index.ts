/** @module Worker entry: loads the generated artifact once per isolate and serves the Hono app. */
import artifactText from './generated/artifact.txt';
import { parseArtifact } from './artifact';
import { createApp } from './app';
import { SearchEngine } from './search/engine';

// Module scope runs once per isolate, at startup: the index is loaded before the first request arrives.
// The artifact is bundled as text (see [[rules]] in wrangler.toml) and read here: a line of JSON (V8 parses JSON
// much faster than the same data as a JavaScript object literal) plus long strings taken as slices of the text;
// entries and contact guidance stay text until a request needs them (see parseArtifact).
const engine = new SearchEngine(parseArtifact(artifactText));
const app = createApp(engine);

// Warm the search path once at start-up: the first run of the normalizer, segmenter, synonym, homophone and
// provider checks, of ranking and of snippets is mostly compiling code and building lazily built tables, and an
// isolate's first request would otherwise pay for all of it. A whole search of a plain question with a
// one-character word (该), so the homophone search runs too, for one hit: one entry to parse and one snippet keep
// the warm-up's own work small, since an isolate's cold start is start-up plus its first request
// (docs/performance.md, Design notes). Then the router's first match. Not a request through the app: workerd
// refuses to create a Response body outside a handler ("Disallowed operation called within global scope"). A split
// index keeps postings and entries in shards that only a request can load, so there the analysis alone is warmed.
const WARM_UP = '密码忘了该怎么办';
try {
  if (engine.artifact.split) engine.analyze(WARM_UP);
  else engine.search({ q: WARM_UP, limit: 1 });
  app.router.match('GET', '/v1/search');
} catch (error) {
  console.error('warm-up failed', error);
}

export default app;
