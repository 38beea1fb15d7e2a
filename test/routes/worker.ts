/** @module Test helper: the worker under test, reached through workerd's exports. */
import { exports } from 'cloudflare:workers';

const worker = (exports as unknown as { default: { fetch(input: RequestInfo, init?: RequestInit): Promise<Response> } }).default;

/** Sends a request to the worker; `path` may contain raw (unencoded) Chinese. */
export function call(path: string, init?: RequestInit): Promise<Response> {
  return worker.fetch(new Request(`http://localhost${path}`, init));
}

/** GETs `path` and parses the JSON body. */
export async function getJson<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T; res: Response }> {
  const res = await call(path, init);
  return { status: res.status, body: (await res.json()) as T, res };
}
