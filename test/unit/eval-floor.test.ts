/** @module Relevance floors on the labelled query set: the build fails if ranking or the no-answer decision regresses. */
import { describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/search/engine';
import { aggregate, loadQueries, runEval } from '../eval/evaluate';
import { loadArtifact, ourSystem } from '../eval/systems';

describe('relevance on test/eval/queries.jsonl', () => {
  const engine = new SearchEngine(loadArtifact());
  const queries = loadQueries();
  const metrics = aggregate(runEval(queries, new Map(engine.allEntries().map((e) => [e.id, e])), ourSystem(engine)));

  it('has a labelled set covering every kind, with out-of-domain queries', () => {
    expect(queries.length).toBeGreaterThanOrEqual(100);
    expect(queries.filter((q) => q.ood).length).toBeGreaterThanOrEqual(15);
  });
  it('finds the right passage first for at least 90% of queries', () => expect(metrics.r1).toBeGreaterThanOrEqual(0.9));
  it('finds it in the top 3 for at least 97%', () => expect(metrics.r3).toBeGreaterThanOrEqual(0.97));
  it('rejects at least 90% of out-of-domain queries', () => expect(metrics.rejection).toBeGreaterThanOrEqual(0.9));
  it('routes named providers correctly', () => expect(metrics.providerAccuracy).toBeGreaterThanOrEqual(0.95));
});
