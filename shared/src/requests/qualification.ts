import { classify, type CategoryProbability, type NaiveBayesModel } from './naive-bayes.js';
import { matchKeywordRules, type KeywordRules } from './keyword-rules.js';

export interface CategorySuggestion {
  readonly category: string;
  readonly confidence: number;
  /** 'rules' when the keyword rules alone would have chosen it, else 'classifier'. */
  readonly method: 'rules' | 'classifier';
  /** The next best categories, for the agent's pick list. */
  readonly alternatives: readonly CategoryProbability[];
}

/** Weight of the keyword rules against the learnt classifier when both have an opinion. */
const RULES_WEIGHT = 0.5;

/**
 * Suggest a category: keyword rules (what the catalogue says) blended with the classifier
 * (what agents have confirmed). Null when neither knows anything.
 */
export function suggestCategory(rules: KeywordRules, model: NaiveBayesModel, text: string): CategorySuggestion | null {
  const fromRules = matchKeywordRules(rules, text);
  const fromModel = classify(model, text);
  const blended = new Map<string, number>();
  if (fromModel.length === 0 && fromRules.length === 0) return null;
  const rulesWeight = fromRules.length === 0 ? 0 : fromModel.length === 0 ? 1 : RULES_WEIGHT;
  for (const p of fromModel) blended.set(p.category, (1 - rulesWeight) * p.probability);
  for (const p of fromRules) blended.set(p.category, (blended.get(p.category) ?? 0) + rulesWeight * p.probability);
  const ranked = [...blended.entries()]
    .map(([category, probability]) => ({ category, probability }))
    .sort((a, b) => b.probability - a.probability || a.category.localeCompare(b.category));
  const best = ranked[0]!;
  return {
    category: best.category,
    confidence: Math.round(best.probability * 1000) / 1000,
    method: fromRules[0]?.category === best.category ? 'rules' : 'classifier',
    alternatives: ranked.slice(1, 5),
  };
}
