import { frenchTokens } from './french-tokens.js';

/**
 * Multinomial naive Bayes over folded French tokens, in plain data so it can be stored,
 * rebuilt from the log and learnt incrementally (one confirmed request at a time).
 */
export interface NaiveBayesModel {
  /** category -> number of training documents. */
  readonly documents: Record<string, number>;
  /** category -> token -> occurrences. */
  readonly tokenCounts: Record<string, Record<string, number>>;
  /** category -> total tokens. */
  readonly totalTokens: Record<string, number>;
  readonly vocabulary: Record<string, true>;
  readonly vocabularySize: number;
}

export interface CategoryProbability {
  readonly category: string;
  readonly probability: number;
}

export function emptyModel(): NaiveBayesModel {
  return { documents: {}, tokenCounts: {}, totalTokens: {}, vocabulary: {}, vocabularySize: 0 };
}

/** Learn one example in place (the model is a plain mutable record on purpose: cheap updates). */
export function learn(model: NaiveBayesModel, text: string, category: string): void {
  const mutable = model as {
    -readonly [K in keyof NaiveBayesModel]: NaiveBayesModel[K];
  };
  mutable.documents[category] = (mutable.documents[category] ?? 0) + 1;
  const counts = (mutable.tokenCounts[category] ??= {});
  for (const token of frenchTokens(text)) {
    counts[token] = (counts[token] ?? 0) + 1;
    mutable.totalTokens[category] = (mutable.totalTokens[category] ?? 0) + 1;
    if (!mutable.vocabulary[token]) {
      mutable.vocabulary[token] = true;
      mutable.vocabularySize += 1;
    }
  }
}

export function trainModel(examples: Iterable<{ readonly text: string; readonly category: string }>): NaiveBayesModel {
  const model = emptyModel();
  for (const example of examples) learn(model, example.text, example.category);
  return model;
}

const SMOOTHING = 0.5;
/** Likelihood divided by (known tokens)^this: 0 is plain naive Bayes, 1 a per-token average. */
export const TEMPERING_EXPONENT = 0.5;

/**
 * Tempered log-scores per category (log prior + log likelihood / temperature). Naive Bayes
 * is famously over-confident (it multiplies correlated words as if independent), so the
 * likelihood is divided by the square root of the number of known tokens; this keeps the
 * resulting confidence meaningful against the auto-routing threshold.
 */
export function logScores(
  model: NaiveBayesModel,
  text: string,
  temperingExponent = TEMPERING_EXPONENT,
): Map<string, number> {
  const categories = Object.keys(model.documents);
  const scores = new Map<string, number>();
  if (categories.length === 0) return scores;
  const tokens = frenchTokens(text).filter((t) => model.vocabulary[t]);
  const totalDocuments = categories.reduce((sum, c) => sum + (model.documents[c] ?? 0), 0);
  const temperature = Math.max(1, tokens.length ** temperingExponent);
  for (const category of categories) {
    const counts = model.tokenCounts[category] ?? {};
    const denominator = (model.totalTokens[category] ?? 0) + SMOOTHING * model.vocabularySize;
    let logLikelihood = 0;
    for (const token of tokens) logLikelihood += Math.log(((counts[token] ?? 0) + SMOOTHING) / denominator);
    const logPrior = Math.log((model.documents[category] ?? 0) / totalDocuments);
    scores.set(category, logPrior + logLikelihood / temperature);
  }
  return scores;
}

/** Softmax of log-scores, best first (ties broken by name, so results are deterministic). */
export function softmax(scores: ReadonlyMap<string, number>): CategoryProbability[] {
  if (scores.size === 0) return [];
  const max = Math.max(...scores.values());
  const weights = [...scores.entries()].map(([category, score]) => ({ category, weight: Math.exp(score - max) }));
  const sum = weights.reduce((total, w) => total + w.weight, 0);
  return weights
    .map((w) => ({ category: w.category, probability: w.weight / sum }))
    .sort((a, b) => b.probability - a.probability || a.category.localeCompare(b.category));
}

/** Posterior probabilities of the classifier alone, best first. */
export function classify(model: NaiveBayesModel, text: string): CategoryProbability[] {
  return softmax(logScores(model, text));
}
