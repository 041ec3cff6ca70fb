import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { parseInput } from '../app/zod-input.js';
import { Roles } from '../auth/auth.decorators.js';
import { RECENT_CALL_OUTCOMES, type RecentCallRecord } from './recent-call.record.js';
import { RECENT_CALLS_CAPACITY } from './recent-calls.projection.js';
import { RecentCallsRepository } from './recent-calls.repository.js';

const DEFAULT_LIMIT = 50;

const recentCallsQuery = z.object({
  queue: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'nom de file : 1 à 64 lettres, chiffres, « _ », « . » ou « - »')
    .optional(),
  limit: z.coerce.number().int().min(1).max(RECENT_CALLS_CAPACITY).default(DEFAULT_LIMIT),
});

const RECENT_CALL_SCHEMA = {
  type: 'object',
  properties: {
    seq: { type: 'integer', description: 'rang dans la liste (le plus récent a le plus grand)' },
    callId: { type: 'string' },
    linkedId: { type: 'string' },
    queue: { type: 'string' },
    callerNumber: { type: 'string', description: 'numéro appelant (donnée personnelle ; vide si inconnu)' },
    outcome: { type: 'string', enum: [...RECENT_CALL_OUTCOMES] },
    waitSeconds: { type: 'number' },
    agent: { type: 'object', nullable: true, properties: { id: { type: 'string' }, name: { type: 'string' } } },
    talkSeconds: { type: 'number', nullable: true, description: 'connu à la fin de la conversation' },
    joinedAt: { type: 'integer', description: 'epoch ms' },
    leftQueueAt: { type: 'integer', description: 'epoch ms' },
    endedAt: { type: 'integer', nullable: true, description: 'epoch ms ; null pendant la conversation' },
  },
};

/** The last finished queue calls, for supervisors (caller numbers are personal data: never logged). */
@ApiTags('calls')
@Roles('supervisor', 'admin')
@Controller('api/calls')
export class RecentCallsController {
  constructor(@Inject(RecentCallsRepository) private readonly recentCalls: RecentCallsRepository) {}

  @Get('recent')
  @ApiOperation({
    summary: `Derniers appels terminés (au plus ${RECENT_CALLS_CAPACITY}), du plus récent au plus ancien : une file ou tout l'accueil`,
  })
  @ApiQuery({ name: 'queue', required: false, description: 'une file ; sans elle, tout le front office' })
  @ApiQuery({
    name: 'limit',
    required: false,
    schema: { type: 'integer', minimum: 1, maximum: RECENT_CALLS_CAPACITY, default: DEFAULT_LIMIT },
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { queue: { type: 'string', nullable: true }, calls: { type: 'array', items: RECENT_CALL_SCHEMA } },
    },
  })
  async recent(@Query() query: Record<string, string>): Promise<{ queue: string | null; calls: RecentCallRecord[] }> {
    const input = parseInput(recentCallsQuery, query ?? {}, 'Requête des derniers appels');
    const calls = await this.recentCalls.recent({ queue: input.queue, limit: input.limit });
    return { queue: input.queue ?? null, calls };
  }
}
