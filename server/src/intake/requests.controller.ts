import { Body, Controller, Get, Inject, Param, Post, Res, HttpCode } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { IrisError, type RequestMessage, type RequestRecord, type UserView } from '@iris/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { parseInput } from '../app/zod-input.js';
import { RoutingService } from '../routing/routing.service.js';
import { AttachmentsRepository } from './attachments.repository.js';
import { EmailReplyService } from './email/email-reply.service.js';
import {
  answerSchema,
  closeSchema,
  describeSchema,
  qualifySchema,
  replySchema,
  rerouteSchema,
} from './intake-requests.schemas.js';
import { RequestsService } from './requests.service.js';
import type { Suggestion } from '../routing/qualification.service.js';
import { SmsReplyService } from './sms/sms-reply.service.js';

/** A service user sees only its own service's requests. */
function assertMayRead(user: UserView, record: RequestRecord): void {
  const onlyService = user.roles.every((role) => role === 'service');
  if (onlyService && record.service !== user.service)
    throw new IrisError('FORBIDDEN', `La demande ${record.reference} n'est pas adressée à votre service.`);
}

/** One request: read it, qualify, re-route, answer, close, reply by email or SMS, fetch its files. */
@Controller('api/requests')
export class RequestsController {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(RoutingService) private readonly routing: RoutingService,
    @Inject(EmailReplyService) private readonly email: EmailReplyService,
    @Inject(SmsReplyService) private readonly sms: SmsReplyService,
    @Inject(AttachmentsRepository) private readonly attachments: AttachmentsRepository,
  ) {}

  @Get(':reference')
  @Roles('agent', 'supervisor', 'service')
  async get(@Param('reference') reference: string, @CurrentUser() user: UserView): Promise<RequestRecord> {
    const record = await this.requests.get(reference);
    assertMayRead(user, record);
    return record;
  }

  /** The agent writes down the request (a phone request opened at answer time); returns the new suggestion. */
  @Post(':reference/describe')
  @Roles('agent', 'supervisor')
  async describe(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<{ suggestion: Suggestion | null }> {
    const input = parseInput(describeSchema, body, 'Description');
    return { suggestion: await this.requests.describe(reference, input.subject, input.text, user.username) };
  }

  @Post(':reference/qualify')
  @Roles('agent', 'supervisor')
  @HttpCode(204)
  async qualify(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<void> {
    const input = parseInput(qualifySchema, body, 'Qualification');
    await this.routing.qualify(reference, input.category, user.username, input.route);
  }

  @Post(':reference/reroute')
  @Roles('agent', 'supervisor', 'service')
  @HttpCode(204)
  async reroute(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<void> {
    const input = parseInput(rerouteSchema, body, 'Réorientation');
    assertMayRead(user, await this.requests.get(reference));
    await this.routing.reroute(reference, input.category, user.username, input.reason);
  }

  @Post(':reference/answer')
  @Roles('agent', 'supervisor', 'service')
  @HttpCode(204)
  async answer(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<void> {
    const input = parseInput(answerSchema, body, 'Réponse');
    assertMayRead(user, await this.requests.get(reference));
    await this.requests.answer(reference, user.username, input.firstLevel);
  }

  @Post(':reference/close')
  @Roles('agent', 'supervisor', 'service')
  @HttpCode(204)
  async close(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<void> {
    const input = parseInput(closeSchema, body, 'Clôture');
    assertMayRead(user, await this.requests.get(reference));
    await this.requests.close(reference, user.username, input.reason);
  }

  /** Replies to the citizen by email (threaded, through the relay) or SMS (through the provider). */
  @Post(':reference/reply')
  @Roles('agent', 'supervisor', 'service')
  async reply(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<RequestMessage> {
    const input = parseInput(replySchema, body, 'Réponse');
    assertMayRead(user, await this.requests.get(reference));
    return input.channel === 'email'
      ? this.email.reply(reference, input.text, user.username)
      : this.sms.reply(reference, input.text, user.username);
  }

  /** A file of the request (scan, attachment), only if it belongs to this request. */
  @Get(':reference/attachments/:sha256')
  @Roles('agent', 'supervisor', 'service')
  async attachment(
    @Param('reference') reference: string,
    @Param('sha256') sha256: string,
    @CurrentUser() user: UserView,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const record = await this.requests.get(reference);
    assertMayRead(user, record);
    const ref = [...record.attachments, ...record.messages.flatMap((m) => m.attachments)].find(
      (a) => a.sha256 === sha256,
    );
    const content = ref ? await this.attachments.content(sha256) : null;
    if (!ref || !content)
      throw new IrisError('ATTACHMENT_NOT_FOUND', `Pièce jointe introuvable sur la demande ${reference}.`);
    response.setHeader('Content-Type', ref.contentType);
    response.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(ref.filename)}`);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.end(content);
  }
}
