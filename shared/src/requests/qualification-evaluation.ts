import { analyseText } from './french-tokens.js';
import { reliabilityTable, type ReliabilityBin, type ScoredOutcome } from './calibration.js';
import {
  DEFAULT_QUALIFICATION_TUNING,
  suggestCategory,
  trainQualifier,
  type Qualifier,
  type QualificationTuning,
} from './qualification.js';
import { categoryServiceIndex, type ServiceCatalogue } from './service-catalogue.js';

export interface LabelledRequest {
  readonly text: string;
  readonly category: string;
}

export interface QualificationAccuracy {
  readonly examples: number;
  /** Share of requests whose suggested category is the labelled one. */
  readonly categoryAccuracy: number;
  /** Share routed to the right service (a wrong category of the right service still lands well). */
  readonly serviceAccuracy: number;
  /** Share whose confidence reached the threshold (routed without waiting for an agent). */
  readonly autoRoutedShare: number;
  /** Among those auto-routed, the share sent to the right service. */
  readonly autoRoutedServiceAccuracy: number;
  /** Among those auto-routed, the share given the right category. */
  readonly autoRoutedCategoryAccuracy: number;
  /** Share whose right category is the suggestion or one of its alternatives (the agent's pick list). */
  readonly pickListAccuracy: number;
  /** Stated confidence against the share of right categories, per confidence bin. */
  readonly reliability: readonly ReliabilityBin[];
  /** Mean |confidence - accuracy| over bins, weighted by their size (0 = perfectly calibrated). */
  readonly calibrationError: number;
}

/** Figures of suggestions against the labels. */
export function accuracyOf(
  catalogue: ServiceCatalogue,
  results: ReadonlyArray<{
    readonly category: string;
    readonly suggestion: ReturnType<typeof suggestCategory>;
  }>,
  autoThreshold: number,
): QualificationAccuracy {
  const serviceOf = categoryServiceIndex(catalogue);
  let rightCategory = 0;
  let rightService = 0;
  let auto = 0;
  let autoRight = 0;
  let autoRightCategory = 0;
  let inPickList = 0;
  const outcomes: ScoredOutcome[] = [];
  for (const { category, suggestion } of results) {
    const categoryOk = suggestion?.category === category;
    const serviceOk = suggestion !== null && serviceOf.get(suggestion.category) === serviceOf.get(category);
    if (categoryOk) rightCategory++;
    if (serviceOk) rightService++;
    if (categoryOk || suggestion?.alternatives.some((a) => a.category === category)) inPickList++;
    outcomes.push({ score: suggestion?.confidence ?? 0, right: categoryOk });
    if (suggestion && suggestion.confidence >= autoThreshold) {
      auto++;
      if (serviceOk) autoRight++;
      if (categoryOk) autoRightCategory++;
    }
  }
  const n = results.length;
  const reliability = reliabilityTable(outcomes);
  return {
    examples: n,
    categoryAccuracy: rightCategory / n,
    serviceAccuracy: rightService / n,
    autoRoutedShare: auto / n,
    autoRoutedServiceAccuracy: auto === 0 ? 0 : autoRight / auto,
    autoRoutedCategoryAccuracy: auto === 0 ? 0 : autoRightCategory / auto,
    pickListAccuracy: inPickList / n,
    reliability,
    calibrationError: reliability.reduce((s, b) => s + (b.count / n) * Math.abs(b.meanConfidence - b.accuracy), 0),
  };
}

/** A trained qualifier measured on requests it never saw (a held-out set). */
export function evaluateQualifier(
  qualifier: Qualifier,
  catalogue: ServiceCatalogue,
  examples: readonly LabelledRequest[],
  autoThreshold: number,
): QualificationAccuracy {
  return accuracyOf(
    catalogue,
    examples.map((e) => ({ category: e.category, suggestion: suggestCategory(qualifier, e.text) })),
    autoThreshold,
  );
}

/**
 * k-fold cross-validation of the whole qualifier as production builds it (catalogue keywords
 * and labels, keyword reliabilities, naive Bayes, calibration): everything is rebuilt inside
 * each fold from the training part only, so no information from the test fold leaks in.
 * Folds are interleaved (i mod k), so the result is deterministic.
 */
export function crossValidate(
  catalogue: ServiceCatalogue,
  examples: readonly LabelledRequest[],
  folds: number,
  autoThreshold: number,
  tuning: QualificationTuning = DEFAULT_QUALIFICATION_TUNING,
): QualificationAccuracy {
  const analysed = examples.map((e) => ({ text: analyseText(e.text), category: e.category }));
  const results: Array<{ category: string; suggestion: ReturnType<typeof suggestCategory> }> = [];
  for (let fold = 0; fold < folds; fold++) {
    const qualifier = trainQualifier(
      catalogue,
      analysed.filter((_, i) => i % folds !== fold),
      tuning,
    );
    analysed.forEach((example, i) => {
      if (i % folds === fold)
        results.push({ category: example.category, suggestion: suggestCategory(qualifier, example.text) });
    });
  }
  return accuracyOf(catalogue, results, autoThreshold);
}
