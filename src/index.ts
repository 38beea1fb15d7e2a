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

// Warm the query analysis once at start-up: the first run of the normalizer, segmenter, synonym, homophone and
// provider checks is mostly JIT warm-up and lazily built tables, and it is the largest cold cost of a request.
// Without it the first request comes too close to the CPU limit the Free plan sets per request. A plain question
// with one-character words, so segmentation, homophone and sound-based provider checks all run; then the router's
// first match. The rest of a request (ranking, snippets, presenters) stays cold on purpose: an isolate's cold start
// is start-up plus its first request, and a whole search here would add the warm-up question's own postings,
// entries and snippets, work no user asked for, to that sum (docs/performance.md, Design notes). Not a request
// through the app: workerd refuses to create a Response body outside a handler ("Disallowed operation called
// within global scope"). A split index needs nothing the analysis reads from shards.
const WARM_UP = '密码忘了怎么办';
try {
  engine.analyze(WARM_UP);
  app.router.match('GET', '/v1/search');
} catch (error) {
  console.error('warm-up failed', error);
}

export default app;
