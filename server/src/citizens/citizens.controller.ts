import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { IrisError, type CitizenRecord, type DuplicateSuggestion } from '@iris/shared';
import { CurrentActor, type Actor } from '../access/actor.js';
import { PersonalDataService } from '../access/personal-data.service.js';
import { Roles } from '../auth/auth.decorators.js';
import { parseInput } from '../app/zod-input.js';
import { mergeSchema, unmergeSchema } from '../intake/intake-requests.schemas.js';
import { CitizensService } from './citizens.service.js';
import type { CitizenTimeline } from './citizen-timeline.service.js';
import type { MergeRecord } from './citizens.repository.js';

/**
 * The shared citizen record: screen pop, search, record and timeline, duplicates, merges.
 * Every read and change goes through PersonalDataService (the actor's data scope and the
 * access audit): a service sees a fiche only through a request routed to it.
 */
@Controller('api/citizens')
export class CitizensController {
  constructor(
    @Inject(CitizensService) private readonly citizens: CitizensService,
    @Inject(PersonalDataService) private readonly personalData: PersonalDataService,
  ) {}

  /** Screen pop: GET /api/citizens/lookup?phone=0146552783 -> the record or null. */
  @Get('lookup')
  @Roles('agent', 'supervisor')
  async lookup(
    @Query('phone') phone: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<{ citizen: CitizenRecord | null }> {
    if (!phone) throw new IrisError('PHONE_INVALID', 'Paramètre phone requis.');
    return { citizen: await this.personalData.lookupByPhone(actor, phone) };
  }

  @Get('search')
  @Roles('agent', 'supervisor')
  async search(
    @Query('q') query: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<{ citizens: CitizenRecord[] }> {
    return { citizens: await this.personalData.search(actor, query ?? '') };
  }

  @Get(':citizenId')
  @Roles('agent', 'supervisor', 'service')
  get(@Param('citizenId') citizenId: string, @CurrentActor() actor: Actor): Promise<CitizenRecord> {
    return this.personalData.citizen(actor, citizenId);
  }

  @Get(':citizenId/timeline')
  @Roles('agent', 'supervisor', 'service')
  timeline(@Param('citizenId') citizenId: string, @CurrentActor() actor: Actor): Promise<CitizenTimeline> {
    return this.personalData.fiche(actor, citizenId);
  }

  @Get(':citizenId/duplicates')
  @Roles('agent', 'supervisor')
  async duplicates(
    @Param('citizenId') citizenId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ suggestions: DuplicateSuggestion[] }> {
    return { suggestions: await this.personalData.duplicates(actor, citizenId) };
  }

  /** Folds this record into another (decided by a person; reversible). */
  @Post(':citizenId/merge')
  @Roles('supervisor')
  async merge(
    @Param('citizenId') citizenId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<MergeRecord> {
    const input = parseInput(mergeSchema, body, 'Fusion');
    this.personalData.assertMayChangeCitizens(actor);
    const merge = await this.citizens.merge(citizenId, input.intoCitizenId, actor.username, input.reason);
    await this.personalData.recordCitizenChange(actor, [merge.sourceId, merge.targetId], `merge ${merge.mergeId}`);
    return merge;
  }

  @Post('merges/:mergeId/unmerge')
  @Roles('supervisor')
  async unmerge(
    @Param('mergeId') mergeId: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<MergeRecord> {
    const input = parseInput(unmergeSchema, body, 'Annulation de fusion');
    this.personalData.assertMayChangeCitizens(actor);
    const merge = await this.citizens.unmerge(mergeId, actor.username, input.reason);
    await this.personalData.recordCitizenChange(actor, [merge.sourceId, merge.targetId], `unmerge ${merge.mergeId}`);
    return merge;
  }
}
