/**
 * @module GET requests to the API and the static files beside it, for the page (same origin) and the widget (the
 * worker's origin, from another site, so without cookies). A non-2xx answer throws an {@link ApiFailure}.
 */

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function fetchOk(url: URL, signal?: AbortSignal): Promise<Response> {
  const res = await fetch(url, { signal });
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as FaqErrorResponse | null;
  throw new ApiFailure(res.status, body?.error?.code ?? 'http_' + res.status, body?.error?.message ?? res.statusText);
}

/** The JSON answer of `path` (relative to `base`) with the non-empty `params`. */
export async function getJson<T>(base: string | URL, path: string, params: Record<string, string | undefined> = {}, signal?: AbortSignal): Promise<T> {
  const url = new URL(path, base);
  for (const [k, v] of Object.entries(params)) if (v) url.searchParams.set(k, v);
  return (await (await fetchOk(url, signal)).json()) as T;
}

/** A static text file (a source article). */
export async function getText(url: URL): Promise<string> {
  return (await fetchOk(url)).text();
}
