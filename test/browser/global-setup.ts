/** @module Global setup of the `browser` test project: one `wrangler dev` for all browser tests, stopped afterwards. */
import type { TestProject } from 'vitest/node';
import { startWorker } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the worker under test, e.g. http://127.0.0.1:41234 (no trailing slash). */
    workerUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const worker = await startWorker();
  project.provide('workerUrl', worker.url);
  return () => worker.stop();
}
