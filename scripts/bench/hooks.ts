/**
 * @module Bench: a timing hook on the postings lookups (`WordIndex.prototype.search`, `GramIndex.prototype.search`),
 * installed in a child process. The engine calls them through its instances, so patching the prototypes lets the
 * bench see every lookup without any change to src/.
 */
import { GramIndex } from '../../src/search/gram-index';
import { WordIndex } from '../../src/search/word-index';

/** Time spent in postings lookups since the last reset, in ms, per index and in total. */
export interface LookupMeter {
  wordMs: number;
  gramMs: number;
  calls: number;
  /** wordMs + gramMs. */
  readonly ms: number;
  reset(): void;
}

/** Wraps a prototype method so every call adds its duration to `add`. */
function wrap(proto: object, name: string, add: (ms: number) => void): void {
  const target = proto as Record<string, (...a: unknown[]) => unknown>;
  const original = target[name];
  target[name] = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      add(performance.now() - t0);
    }
  };
}

/** Wraps `WordIndex.prototype.search` and `GramIndex.prototype.search` to accumulate the time spent in them. */
export function hookLookups(): LookupMeter {
  const meter: LookupMeter = {
    wordMs: 0,
    gramMs: 0,
    calls: 0,
    get ms() {
      return meter.wordMs + meter.gramMs;
    },
    reset() {
      meter.wordMs = 0;
      meter.gramMs = 0;
      meter.calls = 0;
    },
  };
  wrap(WordIndex.prototype, 'search', (ms) => {
    meter.wordMs += ms;
    meter.calls++;
  });
  wrap(GramIndex.prototype, 'search', (ms) => {
    meter.gramMs += ms;
    meter.calls++;
  });
  return meter;
}
