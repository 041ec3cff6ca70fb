import { Inject, Injectable } from '@nestjs/common';
import { addWorkingDays, IrisError } from '@iris/shared';
import { Clock } from '../health/clock.js';
import { RequestsRepository } from '../intake/requests.repository.js';
import { RequestsService } from '../intake/requests.service.js';
import type { InboxLine } from '../intake/requests.projection.js';
import { CatalogueService } from './catalogue.service.js';

/**
 * Qualification by an agent, routing to the expert service, re-routing with who and why,
 * service inboxes and mis-route counts.
 */
@Injectable()
export class RoutingService {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(RequestsRepository) private readonly repository: RequestsRepository,
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /**
   * An agent sets the category (confirming or correcting the suggestion: the classifier
   * learns from it). With `route`, the request goes to the category's service at once;
   * without, the front office keeps it to answer at first level.
   */
  async qualify(reference: string, category: string, qualifiedBy: string, route = true): Promise<void> {
    const record = await this.requests.open(reference);
    if (record.status === 'routed' || record.status === 'answered') {
      throw new IrisError(
        'REQUEST_CONFLICT',
        `La demande ${reference} est déjà transmise au service ${record.service} : la réorienter.`,
      );
    }
    const service = await this.catalogue.serviceOfCategory(category);
    const dueAt = addWorkingDays(this.clock.now(), service.responseDays);
    await this.requests.append(
      record,
      {
        type: 'request.qualified',
        data: {
          reference,
          category,
          service: service.id,
          confidence: 1,
          method: 'agent',
          qualifiedBy,
          suggestedCategory: record.suggestion?.category ?? null,
        },
      },
      ...(route
        ? [
            {
              type: 'request.routed' as const,
              data: { reference, service: service.id, category, automatic: false, routedBy: qualifiedBy, dueAt },
            },
          ]
        : []),
    );
  }

  /** Sends a routed request to another service; the reason is mandatory and the old category counts a mis-route. */
  async reroute(reference: string, toCategory: string, reroutedBy: string, reason: string): Promise<void> {
    if (reason.trim().length < 3) throw new IrisError('REROUTE_INVALID', 'Indiquer le motif de la réorientation.');
    const record = await this.requests.open(reference);
    if (!record.service || !record.category || (record.status !== 'routed' && record.status !== 'answered')) {
      throw new IrisError(
        'REQUEST_CONFLICT',
        `La demande ${reference} n'est pas encore transmise à un service : la qualifier.`,
      );
    }
    if (record.category === toCategory)
      throw new IrisError('REROUTE_INVALID', `La demande est déjà dans la catégorie ${toCategory}.`);
    const service = await this.catalogue.serviceOfCategory(toCategory);
    await this.requests.append(record, {
      type: 'request.rerouted',
      data: {
        reference,
        fromService: record.service,
        fromCategory: record.category,
        toService: service.id,
        toCategory,
        reroutedBy,
        reason: reason.trim(),
        dueAt: addWorkingDays(this.clock.now(), service.responseDays),
      },
    });
  }

  /** A service's open requests, most urgent first. */
  async inbox(serviceId: string): Promise<InboxLine[]> {
    await this.catalogue.service(serviceId);
    const lines = await this.repository.inbox(serviceId);
    return lines.sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.receivedAt - b.receivedAt);
  }

  /** Requests re-routed away from each category (a category often left is badly described or badly routed). */
  misroutes(): Promise<Record<string, number>> {
    return this.repository.misroutes();
  }

  /** Backlog per service (open requests in each inbox), for the wallboard. */
  async backlog(): Promise<Record<string, number>> {
    const { catalogue } = await this.catalogue.current();
    const sizes = await Promise.all(
      catalogue.services.map(async (s) => [s.id, await this.repository.inboxSize(s.id)] as const),
    );
    return Object.fromEntries(sizes);
  }
}
