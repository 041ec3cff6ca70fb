import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { IrisError, type CitizenRecord, type DuplicateSuggestion, type UserView } from '@iris/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { parseInput } from '../app/zod-input.js';
import { mergeSchema, unmergeSchema } from '../intake/intake-requests.schemas.js';
import { CitizensService } from './citizens.service.js';
import { CitizenTimelineService, type CitizenTimeline } from './citizen-timeline.service.js';
import type { MergeRecord } from './citizens.repository.js';

/** The shared citizen record: screen pop, search, record and timeline, duplicates, merges. */
@Controller('api/citizens')
export class CitizensController {
  constructor(
    @Inject(CitizensService) private readonly citizens: CitizensService,
    @Inject(CitizenTimelineService) private readonly timelines: CitizenTimelineService,
  ) {}

  /** Screen pop: GET /api/citizens/lookup?phone=0146552783 -> the record or null. */
  @Get('lookup')
  @Roles('agent', 'supervisor', 'service')
  async lookup(@Query('phone') phone: string | undefined): Promise<{ citizen: CitizenRecord | null }> {
    if (!phone) throw new IrisError('PHONE_INVALID', 'Paramètre phone requis.');
    return { citizen: await this.citizens.lookupByPhone(phone) };
  }

  @Get('search')
  @Roles('agent', 'supervisor', 'service')
  async search(@Query('q') query: string | undefined): Promise<{ citizens: CitizenRecord[] }> {
    return { citizens: await this.citizens.search(query ?? '') };
  }

  @Get(':citizenId')
  @Roles('agent', 'supervisor', 'service')
  get(@Param('citizenId') citizenId: string): Promise<CitizenRecord> {
    return this.citizens.effective(citizenId);
  }

  @Get(':citizenId/timeline')
  @Roles('agent', 'supervisor', 'service')
  timeline(@Param('citizenId') citizenId: string): Promise<CitizenTimeline> {
    return this.timelines.timeline(citizenId);
  }

  @Get(':citizenId/duplicates')
  @Roles('agent', 'supervisor')
  async duplicates(@Param('citizenId') citizenId: string): Promise<{ suggestions: DuplicateSuggestion[] }> {
    return { suggestions: await this.citizens.duplicates(citizenId) };
  }

  /** Folds this record into another (decided by a person; reversible). */
  @Post(':citizenId/merge')
  @Roles('supervisor')
  merge(
    @Param('citizenId') citizenId: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<MergeRecord> {
    const input = parseInput(mergeSchema, body, 'Fusion');
    return this.citizens.merge(citizenId, input.intoCitizenId, user.username, input.reason);
  }

  @Post('merges/:mergeId/unmerge')
  @Roles('supervisor')
  unmerge(
    @Param('mergeId') mergeId: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<MergeRecord> {
    const input = parseInput(unmergeSchema, body, 'Annulation de fusion');
    return this.citizens.unmerge(mergeId, user.username, input.reason);
  }
}
