import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Put, Query, Req } from '@nestjs/common';
import {
  AGENT_MODES,
  IrisError,
  type AgentFairness,
  type DayPlan,
  type PlanDeviation,
  type PlanSlot,
} from '@iris/shared';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { parseInput } from '../app/zod-input.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { StoredUser } from '../users/users.repository.js';
import { RotationService, type PlanImportResult, type PlannedVsActual } from './rotation.service.js';

const slotSchema = z.object({
  agentId: z.string().min(1).max(64),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  mode: z.enum(AGENT_MODES),
});
const dayPlanInput = z.object({ slots: z.array(slotSchema).max(2000), revision: z.number().int().min(0).optional() });
const periodQuery = z.object({ from: z.string(), to: z.string() });
const csvInput = z.object({ csv: z.string().min(1).max(2_000_000) });

/** Largest CSV accepted as a raw text/csv body. */
const MAX_CSV_BYTES = 2_000_000;

@Controller('api/rotation')
export class RotationController {
  constructor(@Inject(RotationService) private readonly rotation: RotationService) {}

  @Get('plans')
  @Roles('supervisor', 'admin')
  plans(@Query() query: unknown): Promise<DayPlan[]> {
    const { from, to } = parseInput(periodQuery, query, 'Période');
    return this.rotation.plans(from, to);
  }

  @Roles('supervisor')
  @Put('plans/:date')
  setDayPlan(@Param('date') date: string, @Body() body: unknown, @CurrentUser() user: StoredUser): Promise<DayPlan> {
    const input = parseInput(dayPlanInput, body, 'Planning');
    return this.rotation.setDayPlan(date, input.slots, input.revision, user.username);
  }

  @Get('plans.csv')
  @Roles('supervisor', 'admin')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="planning-rotation.csv"')
  exportCsv(@Query() query: unknown): Promise<string> {
    const { from, to } = parseInput(periodQuery, query, 'Période');
    return this.rotation.exportCsv(from, to);
  }

  /** Accepts `text/csv` as the raw body, or JSON `{ csv }` (what a browser file input sends most easily). */
  @Roles('supervisor')
  @Post('plans.csv')
  @HttpCode(200)
  async importCsv(
    @Req() request: IncomingMessage,
    @Body() body: unknown,
    @CurrentUser() user: StoredUser,
  ): Promise<PlanImportResult> {
    const contentType = request.headers['content-type'] ?? '';
    const text = contentType.startsWith('text/csv')
      ? await readRawBody(request)
      : parseInput(csvInput, body, 'Import').csv;
    return this.rotation.importCsv(text, user.username);
  }

  /** An agent's own slots for one day (an agent sees its own schedule, not the team's). */
  @Get('my-plan/:date')
  @Roles('agent')
  async myPlan(@Param('date') date: string, @CurrentUser() user: StoredUser): Promise<PlanSlot[]> {
    const day = parseInput(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'AAAA-MM-JJ'), date, 'Date');
    if (!user.agentId) return [];
    const [plan] = await this.rotation.plans(day, day);
    return (plan?.slots ?? []).filter((slot) => slot.agentId === user.agentId);
  }

  @Get('deviations/:date')
  @Roles('supervisor', 'admin')
  deviations(@Param('date') date: string): Promise<PlanDeviation[]> {
    return this.rotation.deviations(date);
  }

  @Get('now')
  @Roles('supervisor', 'admin')
  plannedVsActual(): Promise<PlannedVsActual[]> {
    return this.rotation.plannedVsActual();
  }

  @Get('fairness/:date')
  @Roles('supervisor', 'admin')
  fairness(@Param('date') date: string): Promise<AgentFairness[]> {
    return this.rotation.fairness(date);
  }
}

async function readRawBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_CSV_BYTES)
      throw new IrisError('ROTATION_CSV_INVALID', `fichier trop volumineux (plus de ${MAX_CSV_BYTES} octets)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
