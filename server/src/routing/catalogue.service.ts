import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  categoryServiceIndex,
  IrisError,
  validateCatalogue,
  type MunicipalService,
  type ServiceCatalogue,
} from '@iris/shared';
import { CatalogueRepository } from './catalogue.repository.js';
import { shippedCatalogue } from './routing-data.js';

/** The catalogue in force with what is derived from it (category -> service). */
export interface CatalogueView {
  readonly catalogue: ServiceCatalogue;
  readonly serviceOfCategory: ReadonlyMap<string, string>;
}

/**
 * The services catalogue: seeded from server/data on first start, then edited by an admin.
 * Every replica reads it from Redis, so an edit counts everywhere; the derived view is
 * recomputed only when the stored JSON changed.
 */
@Injectable()
export class CatalogueService implements OnModuleInit {
  private cached: { json: string; view: CatalogueView } | null = null;

  constructor(@Inject(CatalogueRepository) private readonly repository: CatalogueRepository) {}

  async onModuleInit(): Promise<void> {
    await this.repository.seed(shippedCatalogue());
  }

  async current(): Promise<CatalogueView> {
    const catalogue = (await this.repository.load()) ?? (await this.repository.seed(shippedCatalogue()));
    const json = JSON.stringify(catalogue);
    if (this.cached?.json !== json) {
      this.cached = {
        json,
        view: { catalogue, serviceOfCategory: categoryServiceIndex(catalogue) },
      };
    }
    return this.cached.view;
  }

  async service(serviceId: string): Promise<MunicipalService> {
    const service = (await this.current()).catalogue.services.find((s) => s.id === serviceId);
    if (!service) throw new IrisError('SERVICE_NOT_FOUND', `Service inconnu : ${serviceId}`);
    return service;
  }

  /** The service a category routes to; a clear error for a category not in the catalogue. */
  async serviceOfCategory(category: string): Promise<MunicipalService> {
    const view = await this.current();
    const serviceId = view.serviceOfCategory.get(category);
    if (!serviceId) throw new IrisError('CATEGORY_INVALID', `Catégorie inconnue du catalogue : ${category}`);
    return view.catalogue.services.find((s) => s.id === serviceId)!;
  }

  /** Adds or replaces one service (admin); refused whole, with every problem listed, if the result is invalid. */
  async upsertService(service: MunicipalService): Promise<ServiceCatalogue> {
    const { catalogue } = await this.current();
    const services = catalogue.services.some((s) => s.id === service.id)
      ? catalogue.services.map((s) => (s.id === service.id ? service : s))
      : [...catalogue.services, service];
    return this.replace({ services });
  }

  /** Removes a service (admin). Requests already routed to it keep their history. */
  async removeService(serviceId: string): Promise<ServiceCatalogue> {
    const { catalogue } = await this.current();
    if (!catalogue.services.some((s) => s.id === serviceId))
      throw new IrisError('SERVICE_NOT_FOUND', `Service inconnu : ${serviceId}`);
    return this.replace({ services: catalogue.services.filter((s) => s.id !== serviceId) });
  }

  private async replace(next: ServiceCatalogue): Promise<ServiceCatalogue> {
    const problems = validateCatalogue(next);
    if (problems.length > 0)
      throw new IrisError('CATALOGUE_INVALID', `Catalogue refusé : ${problems.join(' ; ')}`, { problems });
    await this.repository.save(next);
    return next;
  }
}
