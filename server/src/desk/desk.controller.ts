import { Body, Controller, Get, HttpCode, Inject, Ip, Param, Post } from '@nestjs/common';
import type { DeskFigures, DeskReason, DeskTicket } from '@iris/shared';
import { z } from 'zod';
import { parseInput } from '../app/zod-input.js';
import { CurrentUser, Public, Roles } from '../auth/auth.decorators.js';
import type { StoredUser } from '../users/users.repository.js';
import { DeskService, type PublicDisplayBoard, type TakenTicket } from './desk.service.js';

const takeTicketInput = z.object({ reason: z.string().min(1).max(64) });
const counterSchema = z
  .string()
  .regex(/^[A-Za-z0-9 -]{1,12}$/, 'guichet : 1 à 12 lettres, chiffres, espaces ou tirets');
const callNextInput = z.object({
  counter: counterSchema,
  reasons: z.array(z.string().min(1).max(64)).max(20).optional(),
});
const recallInput = z.object({ counter: counterSchema });
const redirectInput = z.object({ service: z.string().min(1).max(80) });

/** The agent id of whoever acts at the desk: their telephony agent id, else their user name. */
function actorOf(user: StoredUser): string {
  return user.agentId ?? user.username;
}

/**
 * The desk queue over HTTP. The kiosk and the hall display need no sign-in (they are
 * public screens); calling and closing tickets is for agents and supervisors.
 */
@Controller('api/desk')
export class DeskController {
  constructor(@Inject(DeskService) private readonly desk: DeskService) {}

  @Public()
  @Get('reasons')
  reasons(): ReadonlyArray<DeskReason> {
    return this.desk.reasons();
  }

  @Public()
  @Post('tickets')
  takeTicket(@Body() body: unknown, @Ip() ip: string): Promise<TakenTicket> {
    return this.desk.takeTicket(parseInput(takeTicketInput, body, 'Ticket').reason, ip || 'unknown');
  }

  @Public()
  @Get('display')
  display(): Promise<PublicDisplayBoard> {
    return this.desk.publicDisplay();
  }

  @Get('figures')
  @Roles('agent', 'supervisor', 'admin')
  figures(): Promise<DeskFigures> {
    return this.desk.figures();
  }

  @Get('tickets')
  @Roles('agent', 'supervisor')
  tickets(): Promise<DeskTicket[]> {
    return this.desk.ticketsToday();
  }

  @Roles('agent', 'supervisor')
  @Post('call-next')
  @HttpCode(200)
  async callNext(@Body() body: unknown, @CurrentUser() user: StoredUser): Promise<{ ticket: DeskTicket | null }> {
    const input = parseInput(callNextInput, body, 'Appel');
    return { ticket: await this.desk.callNext(actorOf(user), input.counter, input.reasons) };
  }

  @Roles('agent', 'supervisor')
  @Post('tickets/:id/recall')
  @HttpCode(200)
  recall(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: StoredUser): Promise<DeskTicket> {
    return this.desk.recall(id, actorOf(user), parseInput(recallInput, body, 'Rappel').counter);
  }

  @Roles('agent', 'supervisor')
  @Post('tickets/:id/served')
  @HttpCode(200)
  served(@Param('id') id: string, @CurrentUser() user: StoredUser): Promise<DeskTicket> {
    return this.desk.markServed(id, actorOf(user));
  }

  @Roles('agent', 'supervisor')
  @Post('tickets/:id/redirected')
  @HttpCode(200)
  redirected(@Param('id') id: string, @Body() body: unknown, @CurrentUser() user: StoredUser): Promise<DeskTicket> {
    return this.desk.markRedirected(id, actorOf(user), parseInput(redirectInput, body, 'Réorientation').service);
  }
}
