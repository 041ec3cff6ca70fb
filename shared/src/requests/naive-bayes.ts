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

/**
 * Posterior probabilities, best first. Naive Bayes is famously over-confident (it multiplies
 * correlated words as if independent), so the log-likelihood is tempered by the number of
 * known tokens before the softmax; this keeps "confidence" meaningful against the
 * auto-routing threshold.
 */
export function classify(model: NaiveBayesModel, text: string): CategoryProbability[] {
  const categories = Object.keys(model.documents);
  if (categories.length === 0) return [];
  const tokens = frenchTokens(text).filter((t) => model.vocabulary[t]);
  const totalDocuments = categories.reduce((sum, c) => sum + (model.documents[c] ?? 0), 0);
  const temperature = Math.max(1, Math.sqrt(tokens.length));
  const scores = categories.map((category) => {
    const counts = model.tokenCounts[category] ?? {};
    const denominator = (model.totalTokens[category] ?? 0) + SMOOTHING * model.vocabularySize;
    let logLikelihood = 0;
    for (const token of tokens) logLikelihood += Math.log(((counts[token] ?? 0) + SMOOTHING) / denominator);
    const logPrior = Math.log((model.documents[category] ?? 0) / totalDocuments);
    return { category, score: logPrior + logLikelihood / temperature };
  });
  const max = Math.max(...scores.map((s) => s.score));
  const exp = scores.map((s) => ({ category: s.category, weight: Math.exp(s.score - max) }));
  const sum = exp.reduce((total, e) => total + e.weight, 0);
  return exp
    .map((e) => ({ category: e.category, probability: e.weight / sum }))
    .sort((a, b) => b.probability - a.probability || a.category.localeCompare(b.category));
}
