import { Body, Controller, Get, HttpCode, Inject, Post, Put } from '@nestjs/common';
import type { StaffingAdvice } from '@iris/shared';
import { z } from 'zod';
import { parseInput } from '../app/zod-input.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { StoredUser } from '../users/users.repository.js';
import type { AutomaticSetting } from './staffing-settings.repository.js';
import { StaffingService, type ApplyResult } from './staffing.service.js';

const applyInput = z.object({
  moves: z
    .array(z.object({ agentId: z.string().min(1).max(64), to: z.string().min(1).max(16) }))
    .max(50)
    .optional(),
});
const automaticInput = z.object({ enabled: z.boolean() });

@Controller('api/staffing')
export class StaffingController {
  constructor(@Inject(StaffingService) private readonly staffing: StaffingService) {}

  @Get('advice')
  @Roles('supervisor', 'admin')
  advice(): Promise<StaffingAdvice> {
    return this.staffing.advice();
  }

  /** One click: makes the advised moves (only those still advised when `moves` lists what the screen showed). */
  @Roles('supervisor')
  @Post('apply')
  @HttpCode(200)
  apply(@Body() body: unknown, @CurrentUser() user: StoredUser): Promise<ApplyResult> {
    return this.staffing.apply(user.username, parseInput(applyInput, body ?? {}, 'Application').moves);
  }

  @Get('automatic')
  @Roles('supervisor', 'admin')
  automatic(): Promise<AutomaticSetting> {
    return this.staffing.automatic();
  }

  @Roles('supervisor')
  @Put('automatic')
  setAutomatic(@Body() body: unknown, @CurrentUser() user: StoredUser): Promise<AutomaticSetting> {
    return this.staffing.setAutomatic(parseInput(automaticInput, body, 'Réglage').enabled, user.username);
  }
}
