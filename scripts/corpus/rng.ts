/** @module Synthetic corpus: a small seeded random generator (mulberry32), so the synthetic corpus is the same for the same seed. */

/** Deterministic random choices. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** `k` distinct elements (fewer if the array is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
  /** Shuffles in place and returns the array. */
  shuffle<T>(items: T[]): T[];
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** Creates a generator from an integer seed. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = int(0, i);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };
  return {
    next,
    int,
    pick: (items) => items[int(0, items.length - 1)],
    sample: (items, k) => shuffle([...items]).slice(0, k),
    shuffle,
    chance: (p) => next() < p,
  };
}
