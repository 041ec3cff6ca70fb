import { analyseText, type AnalysedText } from './french-tokens.js';
import {
  logScores,
  softmax,
  TEMPERING_EXPONENT,
  trainModel,
  type CategoryProbability,
  type NaiveBayesModel,
} from './naive-bayes.js';
import {
  compileKeywordRules,
  DEFAULT_KEYWORD_RULE_TUNING,
  keywordScores,
  type KeywordRules,
  type KeywordRuleTuning,
} from './keyword-rules.js';
import { calibrate, fitIsotonic, UNCALIBRATED, type Calibration, type ScoredOutcome } from './calibration.js';
import { catalogueExamples, type ServiceCatalogue } from './service-catalogue.js';

export interface CategorySuggestion {
  readonly category: string;
  /** Calibrated: the probability that this category is the right one (0..1, 3 decimals). */
  readonly confidence: number;
  /** 'rules' when the keyword rules alone would have chosen it, else 'classifier'. */
  readonly method: 'rules' | 'classifier';
  /** The next best categories with their own probability, best first (at most 3), for the agent's pick list. */
  readonly alternatives: readonly CategoryProbability[];
}

export interface QualificationTuning {
  /** Log-odds added per unit of keyword evidence: how much the catalogue's rules outweigh the learnt words. */
  readonly keywordWeight: number;
  readonly temperingExponent: number;
  readonly rules: KeywordRuleTuning;
  /** Folds of the inner cross-validation that calibrates the confidence. */
  readonly calibrationFolds: number;
}

export const DEFAULT_QUALIFICATION_TUNING: QualificationTuning = {
  keywordWeight: 1,
  temperingExponent: TEMPERING_EXPONENT,
  rules: DEFAULT_KEYWORD_RULE_TUNING,
  calibrationFolds: 5,
};

/** Everything a suggestion needs, built once per catalogue and training set. */
export interface Qualifier {
  readonly rules: KeywordRules;
  readonly model: NaiveBayesModel;
  readonly calibration: Calibration;
  readonly tuning: QualificationTuning;
}

export interface TrainingRequest {
  readonly text: string | AnalysedText;
  readonly category: string;
}

/** The number of alternatives offered beside the suggestion. */
export const SUGGESTION_ALTERNATIVES = 3;

function uncalibrated(
  catalogue: ServiceCatalogue,
  examples: readonly TrainingRequest[],
  tuning: QualificationTuning,
): Qualifier {
  return {
    rules: compileKeywordRules(catalogue, examples, tuning.rules),
    model: trainModel([...catalogueExamples(catalogue), ...examples], tuning.rules.sideWeight),
    calibration: UNCALIBRATED,
    tuning,
  };
}

/** The raw ranking: the classifier's tempered log-scores plus keyword evidence, as one log-linear model. */
function rank(qualifier: Qualifier, text: AnalysedText): { ranked: CategoryProbability[]; bestRule: string | null } {
  const fromRules = keywordScores(qualifier.rules, text);
  const fromModel = logScores(
    qualifier.model,
    text,
    qualifier.tuning.temperingExponent,
    qualifier.tuning.rules.sideWeight,
  );
  if (fromModel.size === 0 && fromRules.size === 0) return { ranked: [], bestRule: null };
  const combined = new Map<string, number>(fromModel);
  // Without a trained model, categories are only known through the rules (flat prior).
  const floor = fromModel.size === 0 ? 0 : Math.min(...fromModel.values());
  for (const [category, weight] of fromRules) {
    combined.set(category, (combined.get(category) ?? floor) + qualifier.tuning.keywordWeight * weight);
  }
  const bestRule = [...fromRules.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
  return { ranked: softmax(combined), bestRule };
}

/**
 * Trains a qualifier on the catalogue (its labels and keywords) and labelled requests, and
 * calibrates its confidence by an inner cross-validation over those requests: each is scored
 * by a qualifier trained without it, and the (score, right?) pairs fit the isotonic map.
 * Pure and deterministic (folds interleaved, i mod k).
 */
export function trainQualifier(
  catalogue: ServiceCatalogue,
  requests: readonly TrainingRequest[],
  tuning: QualificationTuning = DEFAULT_QUALIFICATION_TUNING,
): Qualifier {
  const examples = requests.map((r) => ({
    text: typeof r.text === 'string' ? analyseText(r.text) : r.text,
    category: r.category,
  }));
  const folds = tuning.calibrationFolds;
  const outcomes: ScoredOutcome[] = [];
  if (folds >= 2 && examples.length >= folds * 4) {
    for (let fold = 0; fold < folds; fold++) {
      const inner = uncalibrated(
        catalogue,
        examples.filter((_, i) => i % folds !== fold),
        tuning,
      );
      examples.forEach((example, i) => {
        if (i % folds !== fold) return;
        const best = rank(inner, example.text).ranked[0];
        if (best) outcomes.push({ score: best.probability, right: best.category === example.category });
      });
    }
  }
  const qualifier = uncalibrated(catalogue, examples, tuning);
  return { ...qualifier, calibration: outcomes.length > 0 ? fitIsotonic(outcomes) : UNCALIBRATED };
}

const round3 = (p: number): number => Math.round(p * 1000) / 1000;

/**
 * Suggests a category with a calibrated confidence (the chance it is right) and the next
 * best categories, whose probabilities share what the suggestion leaves. Null when nothing
 * is known.
 */
export function suggestCategory(qualifier: Qualifier, text: string | AnalysedText): CategorySuggestion | null {
  const analysed = typeof text === 'string' ? analyseText(text) : text;
  const { ranked, bestRule } = rank(qualifier, analysed);
  const best = ranked[0];
  if (!best) return null;
  const confidence = calibrate(qualifier.calibration, best.probability);
  const rest = 1 - best.probability;
  const share = rest > 0 ? (1 - confidence) / rest : 0;
  return {
    category: best.category,
    confidence: round3(confidence),
    method: bestRule === best.category ? 'rules' : 'classifier',
    alternatives: ranked
      .slice(1, 1 + SUGGESTION_ALTERNATIVES)
      .map((p) => ({ category: p.category, probability: round3(p.probability * share) })),
  };
}
