/** @module Worker entry: loads the generated artifact once per isolate and serves the Hono app. */
import artifactJson from './generated/artifact.json';
import { assertArtifact } from './artifact';
import { createApp } from './app';
import { SearchEngine } from './search/engine';

// Module scope runs once per isolate, at startup: the index is loaded before the first request arrives.
const engine = new SearchEngine(assertArtifact(artifactJson));
const app = createApp(engine);

export default app;
