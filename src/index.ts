/** @module Worker entry: loads the generated artifact once per isolate and serves the Hono app. */
import artifactText from './generated/artifact.txt';
import { parseArtifact } from './artifact';
import { createApp } from './app';
import { decide } from './search/answer';
import { SearchEngine } from './search/engine';

// Module scope runs once per isolate, at startup: the index is loaded before the first request arrives.
// The artifact is bundled as text (see [[rules]] in wrangler.toml) and read here: a line of JSON (V8 parses JSON
// much faster than the same data as a JavaScript object literal) plus long strings taken as slices of the text;
// entries and contact guidance stay text until a request needs them (see parseArtifact).
const engine = new SearchEngine(parseArtifact(artifactText));
const app = createApp(engine);

// Warm the query path once at startup. A request's CPU limit (10 ms on the Free plan) is far tighter than the
// 1 s startup limit, and the first run of the analyzer, ranker and snippets is mostly JIT warm-up: pay it here,
// not on a user's first request. A plain question (segmenting, sound-based provider detection, postings, snippets)
// rather than one touching every stage: measured, a query with typos, hours and a lone character cost ~3 ms more of
// start-up to save under 1 ms on a first request, and start-up has a 20 ms budget of its own.
// A split index has its postings in shards that only a request can fetch (the assets binding comes with the
// request's env): warm the query analysis alone.
const WARM_UP = '账户被锁';
try {
  if (engine.artifact.split) engine.analyze(WARM_UP);
  else decide(engine.search({ q: WARM_UP, limit: 5 }).hits);
} catch (error) {
  console.error('warm-up query failed', error);
}

export default app;
