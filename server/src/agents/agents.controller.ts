import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IrisError, AGENT_MODES, type AgentPanelState, type AgentView } from '@iris/shared';
import { z } from 'zod';
import { parseInput } from '../app/zod-input.js';
import { canActOnAgent } from '../auth/access-rules.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { Clock } from '../health/clock.js';
import { LiveStateService } from '../live/live-state.service.js';
import type { StoredUser } from '../users/users.repository.js';
import { AgentModeService, type ModeChangeResult } from './agent-mode.service.js';

const modeRequestSchema = z.object({ mode: z.enum(AGENT_MODES) }).strict();

@ApiTags('agents')
@Controller('api/agents')
export class AgentsController {
  constructor(
    @Inject(LiveStateService) private readonly live: LiveStateService,
    @Inject(AgentModeService) private readonly modes: AgentModeService,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Every agent: mode, pending mode, device state, current call' })
  async list(): Promise<AgentView[]> {
    const state = await this.live.supervisorState(this.clock.now());
    return Object.values(state.agents);
  }

  @Get(':agentId')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'One agent’s panel (that agent, or a supervisor/admin)' })
  async get(@Param('agentId') agentId: string, @CurrentUser() user: StoredUser): Promise<AgentPanelState> {
    this.checkAccess(user, agentId);
    const panel = await this.live.agentPanelState(agentId, this.clock.now());
    if (!panel) throw new IrisError('AGENT_NOT_FOUND', `Agent ${agentId} inconnu.`);
    return panel;
  }

  @Post(':agentId/mode')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Switch mode {mode: phone|desk|mail|break|offline}; answers once Asterisk confirmed' })
  @ApiBody({
    schema: { type: 'object', required: ['mode'], properties: { mode: { type: 'string', enum: [...AGENT_MODES] } } },
  })
  async setMode(
    @Param('agentId') agentId: string,
    @Body() body: unknown,
    @CurrentUser() user: StoredUser,
  ): Promise<ModeChangeResult> {
    this.checkAccess(user, agentId);
    const { mode } = parseInput(modeRequestSchema, body, 'Changement de mode');
    return this.modes.requestMode(agentId, mode, user.username);
  }

  private checkAccess(user: StoredUser, agentId: string): void {
    if (!canActOnAgent(user, agentId))
      throw new IrisError(
        'FORBIDDEN',
        `Vous ne pouvez agir que sur votre propre poste (agent ${user.agentId ?? 'aucun'}).`,
      );
  }
}
