/** @module Worker entry: loads the generated artifact once per isolate and serves the Hono app. */
import artifactText from './generated/artifact.txt';
import { parseArtifact } from './artifact';
import { createApp } from './app';
import { presentHit } from './http/present';
import { decide } from './search/answer';
import { SearchEngine } from './search/engine';

// Module scope runs once per isolate, at startup: the index is loaded before the first request arrives.
// The artifact is bundled as text (see [[rules]] in wrangler.toml) and read here: a line of JSON (V8 parses JSON
// much faster than the same data as a JavaScript object literal) plus long strings taken as slices of the text;
// entries and contact guidance stay text until a request needs them (see parseArtifact).
const engine = new SearchEngine(parseArtifact(artifactText));
const app = createApp(engine);

// Warm the request path once at startup. A request's CPU limit (10 ms on the Free plan) is far tighter than the
// 1 s startup limit, and the first run of the analyzer, ranker, snippets, presenters and router is mostly JIT
// warm-up and lazily built tables: pay it here, not on a user's first request. A plain question with one-character
// words, so segmentation, homophone and sound-based provider checks, postings and snippets all run; then what the
// route does with the hits (present, serialize, decide) and the router's matcher build. Not a request through the
// app: workerd refuses to create a Response body outside a handler ("Disallowed operation called within global
// scope"), so the framework's own first dispatch stays on the first request.
// A split index has its postings in shards that only a request can fetch (the assets binding comes with the
// request's env): warm the query analysis alone.
const WARM_UP = '密码忘了怎么办';
try {
  if (engine.artifact.split) engine.analyze(WARM_UP);
  else {
    const out = engine.search({ q: WARM_UP, limit: 5 });
    JSON.stringify({ results: out.hits.map((h) => presentHit(h, engine)), contact: out.contact });
    decide(out.hits);
    app.router.match('GET', '/v1/search');
  }
} catch (error) {
  console.error('warm-up failed', error);
}

export default app;
