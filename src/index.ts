/** @module Worker entry: loads the generated artifact once per isolate and serves the Hono app. */
import artifactText from './generated/artifact.json';
import { assertArtifact } from './artifact';
import { createApp } from './app';
import { SearchEngine } from './search/engine';

// Module scope runs once per isolate, at startup: the index is loaded before the first request arrives.
// The artifact is bundled as text (see [[rules]] in wrangler.toml) and parsed here: V8 parses JSON much faster
// than the same data as a JavaScript object literal, and the text ships without \u escapes.
const engine = new SearchEngine(assertArtifact(JSON.parse(artifactText)));
const app = createApp(engine);

export default app;
