/**
 * @module Fits the answer calibration (ranking.ts CALIBRATION.intercept and weights): L2-regularized logistic
 * regression of "the candidate entry is a correct answer" on the decision's features, by plain gradient descent on
 * standardized features (deterministic), reported on the features' own scale.
 */
import type { DecisionFeatures } from '../../src/search/answer';

/** One labelled decision: its features and whether the entry it would answer with is right. */
export interface FitRow {
  features: DecisionFeatures;
  correct: boolean;
}

/** A fitted model: intercept and a weight per feature. */
export interface Fitted {
  intercept: number;
  weights: Record<keyof DecisionFeatures, number>;
  /** Mean log-loss on the rows. */
  logLoss: number;
}

/** Fits the model; `l2` is the penalty on the standardized weights. */
export function fitCalibration(rows: FitRow[], l2 = 0.01, iterations = 20_000, rate = 0.5): Fitted {
  const names = Object.keys(rows[0].features) as (keyof DecisionFeatures)[];
  const X = rows.map((r) => names.map((n) => r.features[n]));
  const y = rows.map((r) => (r.correct ? 1 : 0));
  const mean = names.map((_, j) => X.reduce((s, x) => s + x[j], 0) / X.length);
  const sd = names.map((_, j) => Math.sqrt(X.reduce((s, x) => s + (x[j] - mean[j]) ** 2, 0) / X.length) || 1);
  const Z = X.map((x) => x.map((v, j) => (v - mean[j]) / sd[j]));
  const w = new Array<number>(names.length).fill(0);
  let b = 0;
  const predict = (z: number[]) => 1 / (1 + Math.exp(-(b + z.reduce((s, v, j) => s + v * w[j], 0))));
  for (let it = 0; it < iterations; it++) {
    const gw = new Array<number>(names.length).fill(0);
    let gb = 0;
    for (let i = 0; i < Z.length; i++) {
      const e = predict(Z[i]) - y[i];
      for (let j = 0; j < names.length; j++) gw[j] += e * Z[i][j];
      gb += e;
    }
    for (let j = 0; j < names.length; j++) w[j] -= rate * (gw[j] / Z.length + l2 * w[j]);
    b -= rate * (gb / Z.length);
  }
  const logLoss = -Z.reduce((s, z, i) => s + Math.log(Math.max(1e-12, y[i] ? predict(z) : 1 - predict(z))), 0) / Z.length;
  // Back to the features' own scale: w·(x − mean)/sd + b = (w/sd)·x + (b − Σ w·mean/sd).
  const weights = Object.fromEntries(names.map((n, j) => [n, w[j] / sd[j]])) as Record<keyof DecisionFeatures, number>;
  const intercept = b - names.reduce((s, _, j) => s + (w[j] * mean[j]) / sd[j], 0);
  return { intercept, weights, logLoss };
}
