import { analyseText, type AnalysedText } from './french-tokens.js';

/** How much a setting word ("devant la médiathèque") counts beside a subject word. */
export const SIDE_WORD_WEIGHT = 0.35;

/**
 * What the classifier counts in a text, with a weight each: each content stem once (a word
 * repeated in a long letter says no more about its subject), and each pair of neighbouring
 * content stems in a segment ("bac+jaun", "carte+resident"), so that phrases weigh beside
 * their words. Setting words count `sideWeight`.
 */
export function textFeatures(text: string | AnalysedText, sideWeight = SIDE_WORD_WEIGHT): Map<string, number> {
  const analysed = typeof text === 'string' ? analyseText(text) : text;
  const features = new Map<string, number>();
  const add = (feature: string, weight: number) => features.set(feature, Math.max(features.get(feature) ?? 0, weight));
  for (const segment of analysed.segments) {
    let previous: { stem: string; side: boolean } | null = null;
    for (const word of segment) {
      if (word.stop) continue;
      add(word.stem, word.side ? sideWeight : 1);
      if (previous !== null && previous.stem !== word.stem)
        add(`${previous.stem}+${word.stem}`, word.side && previous.side ? sideWeight : 1);
      previous = word;
    }
  }
  return features;
}

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
export function learn(
  model: NaiveBayesModel,
  text: string | AnalysedText,
  category: string,
  sideWeight = SIDE_WORD_WEIGHT,
): void {
  const mutable = model as {
    -readonly [K in keyof NaiveBayesModel]: NaiveBayesModel[K];
  };
  mutable.documents[category] = (mutable.documents[category] ?? 0) + 1;
  const counts = (mutable.tokenCounts[category] ??= {});
  for (const [token, weight] of textFeatures(text, sideWeight)) {
    counts[token] = (counts[token] ?? 0) + weight;
    mutable.totalTokens[category] = (mutable.totalTokens[category] ?? 0) + weight;
    if (!mutable.vocabulary[token]) {
      mutable.vocabulary[token] = true;
      mutable.vocabularySize += 1;
    }
  }
}

export function trainModel(
  examples: Iterable<{ readonly text: string | AnalysedText; readonly category: string }>,
  sideWeight = SIDE_WORD_WEIGHT,
): NaiveBayesModel {
  const model = emptyModel();
  for (const example of examples) learn(model, example.text, example.category, sideWeight);
  return model;
}

const SMOOTHING = 0.5;
/** Likelihood divided by (known tokens)^this: 0 is plain naive Bayes, 1 a per-token average. */
export const TEMPERING_EXPONENT = 0.5;

/**
 * Tempered log-scores per category (log prior + log likelihood / temperature); empty when no
 * word of the text is known. Naive Bayes is famously over-confident (it multiplies correlated
 * words as if independent), so the likelihood is divided by the square root of the weight of
 * known features; the calibration then maps the result to the chance of being right.
 */
export function logScores(
  model: NaiveBayesModel,
  text: string | AnalysedText,
  temperingExponent = TEMPERING_EXPONENT,
  sideWeight = SIDE_WORD_WEIGHT,
): Map<string, number> {
  const categories = Object.keys(model.documents);
  const scores = new Map<string, number>();
  if (categories.length === 0) return scores;
  const tokens = [...textFeatures(text, sideWeight)].filter(([t]) => model.vocabulary[t]);
  // Not one known word: the classifier has nothing to say (its prior alone is no suggestion).
  if (tokens.length === 0) return scores;
  const totalDocuments = categories.reduce((sum, c) => sum + (model.documents[c] ?? 0), 0);
  const known = tokens.reduce((sum, [, weight]) => sum + weight, 0);
  const temperature = Math.max(1, known ** temperingExponent);
  for (const category of categories) {
    const counts = model.tokenCounts[category] ?? {};
    const denominator = (model.totalTokens[category] ?? 0) + SMOOTHING * model.vocabularySize;
    let logLikelihood = 0;
    for (const [token, weight] of tokens)
      logLikelihood += weight * Math.log(((counts[token] ?? 0) + SMOOTHING) / denominator);
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
export function classify(model: NaiveBayesModel, text: string | AnalysedText): CategoryProbability[] {
  return softmax(logScores(model, text));
}
