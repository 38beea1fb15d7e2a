/**
 * @module Bench: timing hooks on MiniSearch's static `loadJS` and on `search`, installed in a child process
 * before the engine is constructed. The engine imports the same MiniSearch module instance, so the hooks see
 * its calls without any change to src/.
 */
import MiniSearch from 'minisearch';

/** When the last `MiniSearch.loadJS` call started and ended (performance.now()). */
export interface LoadJsTiming {
  start: number;
  end: number;
}

/** Wraps `MiniSearch.loadJS` and returns the record its calls fill in. */
export function hookLoadJs(): LoadJsTiming {
  const timing: LoadJsTiming = { start: NaN, end: NaN };
  const original = MiniSearch.loadJS;
  (MiniSearch as unknown as { loadJS: typeof original }).loadJS = function (this: typeof MiniSearch, ...args: Parameters<typeof original>) {
    timing.start = performance.now();
    const result = original.apply(this, args);
    timing.end = performance.now();
    return result;
  } as typeof original;
  return timing;
}

/** Time spent inside `MiniSearch.prototype.search` since the last reset. */
export interface SearchMeter {
  ms: number;
  calls: number;
  reset(): void;
}

/** Wraps `MiniSearch.prototype.search` to accumulate the time spent in it. */
export function hookSearch(): SearchMeter {
  const meter: SearchMeter = {
    ms: 0,
    calls: 0,
    reset() {
      meter.ms = 0;
      meter.calls = 0;
    },
  };
  const proto = MiniSearch.prototype as unknown as { search: (...a: unknown[]) => unknown };
  const original = proto.search;
  proto.search = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      meter.ms += performance.now() - t0;
      meter.calls++;
    }
  };
  return meter;
}
