import { Inject, Injectable } from '@nestjs/common';
import { frenchTokens, suggestCategory, trainQualifier, type CategorySuggestion, type Qualifier } from '@iris/shared';
import { RequestsRepository } from '../intake/requests.repository.js';
import { CatalogueService } from './catalogue.service.js';
import { shippedLabelledRequests } from './routing-data.js';

/** Rebuild the model at least this often, even when nothing seems to have changed. */
const MODEL_MAX_AGE_MS = 5 * 60_000;

export interface Suggestion extends CategorySuggestion {
  readonly service: string;
}

/**
 * Suggests a category for a request's text, with a calibrated confidence and the next best
 * categories: the catalogue's keyword rules blended with a naive Bayes classifier trained on
 * the catalogue, the shipped labelled requests and every category agents confirmed or
 * corrected (projected from request.qualified / rerouted). The qualifier (rules weighed on
 * those requests, classifier, calibration) is rebuilt when the catalogue or the confirmed set
 * changes, in any replica.
 */
@Injectable()
export class QualificationService {
  private built: { catalogueJson: string; confirmed: number; builtAt: number; qualifier: Qualifier } | null = null;
  private readonly labelled = shippedLabelledRequests();

  constructor(
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(RequestsRepository) private readonly requests: RequestsRepository,
  ) {}

  async suggest(text: string): Promise<Suggestion | null> {
    // No meaningful word (an empty phone request, "bonjour merci"): nothing to suggest.
    if (frenchTokens(text).length === 0) return null;
    const view = await this.catalogue.current();
    const qualifier = await this.currentQualifier();
    const suggestion = suggestCategory(qualifier, text);
    if (!suggestion) return null;
    const service = view.serviceOfCategory.get(suggestion.category);
    // A category removed from the catalogue but still known to the model cannot be routed.
    return service ? { ...suggestion, service } : null;
  }

  /** Number of training examples in the current model (catalogue + labelled + confirmed). */
  async trainingSize(): Promise<number> {
    const { model } = await this.currentQualifier();
    return Object.values(model.documents).reduce((sum, n) => sum + n, 0);
  }

  private async currentQualifier(): Promise<Qualifier> {
    const view = await this.catalogue.current();
    const catalogueJson = JSON.stringify(view.catalogue);
    const confirmed = await this.requests.confirmedCount();
    // A re-qualified request changes an example without changing the count: a periodic
    // rebuild picks that up (cheap: a few thousand short texts).
    const stale = Date.now() - (this.built?.builtAt ?? 0) > MODEL_MAX_AGE_MS;
    if (stale || this.built?.catalogueJson !== catalogueJson || this.built.confirmed !== confirmed) {
      const known = view.serviceOfCategory;
      const examples = [...this.labelled, ...(await this.requests.confirmedExamples())].filter((e) =>
        known.has(e.category),
      );
      this.built = {
        catalogueJson,
        confirmed,
        builtAt: Date.now(),
        qualifier: trainQualifier(view.catalogue, examples),
      };
    }
    return this.built.qualifier;
  }
}
