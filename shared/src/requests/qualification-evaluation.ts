import { compileKeywordRules } from './keyword-rules.js';
import { trainModel } from './naive-bayes.js';
import { suggestCategory } from './qualification.js';
import { catalogueExamples, categoryServiceIndex, type ServiceCatalogue } from './service-catalogue.js';

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
}

/**
 * k-fold cross-validation of keyword rules + naive Bayes (seeded with the catalogue, as in
 * production): each example is classified by a model that never saw it. Folds are interleaved (i mod k), so the result is deterministic.
 */
export function crossValidate(
  catalogue: ServiceCatalogue,
  examples: readonly LabelledRequest[],
  folds: number,
  autoThreshold: number,
): QualificationAccuracy {
  const rules = compileKeywordRules(catalogue);
  const serviceOf = categoryServiceIndex(catalogue);
  let rightCategory = 0;
  let rightService = 0;
  let auto = 0;
  let autoRight = 0;
  for (let fold = 0; fold < folds; fold++) {
    const model = trainModel([...catalogueExamples(catalogue), ...examples.filter((_, i) => i % folds !== fold)]);
    examples.forEach((example, i) => {
      if (i % folds !== fold) return;
      const suggestion = suggestCategory(rules, model, example.text);
      const serviceOk = suggestion !== null && serviceOf.get(suggestion.category) === serviceOf.get(example.category);
      if (suggestion?.category === example.category) rightCategory++;
      if (serviceOk) rightService++;
      if (suggestion && suggestion.confidence >= autoThreshold) {
        auto++;
        if (serviceOk) autoRight++;
      }
    });
  }
  const n = examples.length;
  return {
    examples: n,
    categoryAccuracy: rightCategory / n,
    serviceAccuracy: rightService / n,
    autoRoutedShare: auto / n,
    autoRoutedServiceAccuracy: auto === 0 ? 0 : autoRight / auto,
  };
}
