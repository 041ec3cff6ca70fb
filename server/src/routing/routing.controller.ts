import { Body, Controller, Delete, Get, Inject, Param, Put, Query } from '@nestjs/common';
import { z } from 'zod';
import { IrisError, type MunicipalService, type ServiceCatalogue } from '@iris/shared';
import { CurrentActor, type Actor } from '../access/actor.js';
import { PersonalDataService } from '../access/personal-data.service.js';
import { Roles, SignedIn } from '../auth/auth.decorators.js';
import { parseInput } from '../app/zod-input.js';
import type { InboxLine } from '../intake/requests.projection.js';
import { CatalogueService } from './catalogue.service.js';
import { QualificationService, type Suggestion } from './qualification.service.js';
import { RoutingService } from './routing.service.js';

const serviceSchema = z.object({
  name: z.string().trim().min(2).max(120),
  pole: z.string().trim().min(2).max(120),
  responseDays: z.number().int().min(1).max(365),
  categories: z
    .array(
      z.object({
        id: z.string().min(1).max(80),
        label: z.string().trim().min(2).max(160),
        keywords: z.array(z.string().trim().min(2).max(80)).max(100),
      }),
    )
    .max(50),
});

/** The services catalogue (admin edits it), service inboxes, mis-routes, and suggestions for agents. */
@Controller('api/routing')
export class RoutingController {
  constructor(
    @Inject(CatalogueService) private readonly catalogue: CatalogueService,
    @Inject(RoutingService) private readonly routing: RoutingService,
    @Inject(QualificationService) private readonly qualification: QualificationService,
    @Inject(PersonalDataService) private readonly personalData: PersonalDataService,
  ) {}

  @Get('catalogue')
  @SignedIn()
  async current(): Promise<ServiceCatalogue> {
    return (await this.catalogue.current()).catalogue;
  }

  @Put('services/:serviceId')
  @Roles('admin')
  upsert(@Param('serviceId') serviceId: string, @Body() body: unknown): Promise<ServiceCatalogue> {
    const input = parseInput(serviceSchema, body, 'Service');
    const service: MunicipalService = { id: serviceId, ...input };
    return this.catalogue.upsertService(service);
  }

  @Delete('services/:serviceId')
  @Roles('admin')
  remove(@Param('serviceId') serviceId: string): Promise<ServiceCatalogue> {
    return this.catalogue.removeService(serviceId);
  }

  /** A service's open requests; a service user sees only its own service's inbox (data scope). */
  @Get('inboxes/:serviceId')
  @Roles('agent', 'supervisor', 'service')
  async inbox(
    @Param('serviceId') serviceId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ service: string; requests: InboxLine[] }> {
    return { service: serviceId, requests: await this.personalData.inbox(actor, serviceId) };
  }

  @Get('misroutes')
  @Roles('supervisor', 'admin')
  async misroutes(): Promise<{ byCategory: Record<string, number> }> {
    return { byCategory: await this.routing.misroutes() };
  }

  /** The suggested category for a text being typed (agent's qualification form). */
  @Get('suggest')
  @Roles('agent', 'supervisor')
  async suggest(@Query('text') text: string | undefined): Promise<{ suggestion: Suggestion | null }> {
    if (!text || text.trim().length < 3)
      throw new IrisError('VALIDATION_FAILED', 'Paramètre text requis (3 caractères au moins).');
    return { suggestion: await this.qualification.suggest(text) };
  }
}
