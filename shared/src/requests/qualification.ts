import { logScores, softmax, type CategoryProbability, type NaiveBayesModel } from './naive-bayes.js';
import { keywordScores, type KeywordRules } from './keyword-rules.js';

export interface CategorySuggestion {
  readonly category: string;
  readonly confidence: number;
  /** 'rules' when the keyword rules alone would have chosen it, else 'classifier'. */
  readonly method: 'rules' | 'classifier';
  /** The next best categories, for the agent's pick list. */
  readonly alternatives: readonly CategoryProbability[];
}

export interface QualificationTuning {
  /** Log-odds added per matched keyword word: how much the catalogue's rules outweigh the learnt words. */
  readonly keywordWeight: number;
}

export const DEFAULT_QUALIFICATION_TUNING: QualificationTuning = { keywordWeight: 2 };

/**
 * Suggest a category: the classifier's tempered log-scores (what agents have confirmed)
 * plus keyword evidence (what the catalogue says), as one log-linear model, so that the
 * confidence is high only when the words and the rules agree. Null when nothing is known.
 */
export function suggestCategory(
  rules: KeywordRules,
  model: NaiveBayesModel,
  text: string,
  tuning: QualificationTuning = DEFAULT_QUALIFICATION_TUNING,
): CategorySuggestion | null {
  const fromRules = keywordScores(rules, text);
  const fromModel = logScores(model, text);
  if (fromModel.size === 0 && fromRules.size === 0) return null;
  const combined = new Map<string, number>();
  // Without a trained model, categories are only known through the rules (flat prior).
  for (const [category, score] of fromModel) combined.set(category, score);
  const floor = fromModel.size === 0 ? 0 : Math.min(...fromModel.values());
  for (const [category, weight] of fromRules) {
    combined.set(category, (combined.get(category) ?? floor) + tuning.keywordWeight * weight);
  }
  const ranked = softmax(combined);
  const best = ranked[0]!;
  const bestRule = [...fromRules.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return {
    category: best.category,
    confidence: Math.round(best.probability * 1000) / 1000,
    method: bestRule?.[0] === best.category ? 'rules' : 'classifier',
    alternatives: ranked.slice(1, 5),
  };
}
