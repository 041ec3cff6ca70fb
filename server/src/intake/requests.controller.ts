import { Body, Controller, Get, Inject, Param, Post, Res, HttpCode } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { IrisError, type RequestMessage, type RequestRecord } from '@iris/shared';
import { CurrentActor, type Actor } from '../access/actor.js';
import { PersonalDataService } from '../access/personal-data.service.js';
import { Roles } from '../auth/auth.decorators.js';
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

/**
 * One request: read it, qualify, re-route, answer, close, reply by email or SMS, fetch its
 * files. Reads and changes go through PersonalDataService: the actor's data scope (a service
 * only its own requests) and the access audit.
 */
@Controller('api/requests')
export class RequestsController {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(PersonalDataService) private readonly personalData: PersonalDataService,
    @Inject(RoutingService) private readonly routing: RoutingService,
    @Inject(EmailReplyService) private readonly email: EmailReplyService,
    @Inject(SmsReplyService) private readonly sms: SmsReplyService,
    @Inject(AttachmentsRepository) private readonly attachments: AttachmentsRepository,
  ) {}

  @Get(':reference')
  @Roles('agent', 'supervisor', 'service')
  get(@Param('reference') reference: string, @CurrentActor() actor: Actor): Promise<RequestRecord> {
    return this.personalData.request(actor, reference);
  }

  /** The agent writes down the request (a phone request opened at answer time); returns the new suggestion. */
  @Post(':reference/describe')
  @Roles('agent', 'supervisor')
  async describe(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<{ suggestion: Suggestion | null }> {
    const input = parseInput(describeSchema, body, 'Description');
    await this.personalData.beforeChange(actor, reference, 'describe');
    return { suggestion: await this.requests.describe(reference, input.subject, input.text, actor.username) };
  }

  @Post(':reference/qualify')
  @Roles('agent', 'supervisor')
  @HttpCode(204)
  async qualify(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    const input = parseInput(qualifySchema, body, 'Qualification');
    await this.personalData.beforeChange(actor, reference, 'qualify');
    await this.routing.qualify(reference, input.category, actor.username, input.route);
  }

  @Post(':reference/reroute')
  @Roles('agent', 'supervisor', 'service')
  @HttpCode(204)
  async reroute(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    const input = parseInput(rerouteSchema, body, 'Réorientation');
    await this.personalData.beforeChange(actor, reference, 'reroute');
    await this.routing.reroute(reference, input.category, actor.username, input.reason);
  }

  @Post(':reference/answer')
  @Roles('agent', 'supervisor', 'service')
  @HttpCode(204)
  async answer(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    const input = parseInput(answerSchema, body, 'Réponse');
    await this.personalData.beforeChange(actor, reference, 'answer');
    await this.requests.answer(reference, actor.username, input.firstLevel);
  }

  @Post(':reference/close')
  @Roles('agent', 'supervisor', 'service')
  @HttpCode(204)
  async close(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<void> {
    const input = parseInput(closeSchema, body, 'Clôture');
    await this.personalData.beforeChange(actor, reference, 'close');
    await this.requests.close(reference, actor.username, input.reason);
  }

  /** Replies to the citizen by email (threaded, through the relay) or SMS (through the provider). */
  @Post(':reference/reply')
  @Roles('agent', 'supervisor', 'service')
  async reply(
    @Param('reference') reference: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
  ): Promise<RequestMessage> {
    const input = parseInput(replySchema, body, 'Réponse');
    await this.personalData.beforeChange(actor, reference, `reply by ${input.channel}`);
    return input.channel === 'email'
      ? this.email.reply(reference, input.text, actor.username)
      : this.sms.reply(reference, input.text, actor.username);
  }

  /** A file of the request (scan, attachment), only if it belongs to this request. */
  @Get(':reference/attachments/:sha256')
  @Roles('agent', 'supervisor', 'service')
  async attachment(
    @Param('reference') reference: string,
    @Param('sha256') sha256: string,
    @CurrentActor() actor: Actor,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const record = await this.personalData.request(actor, reference, `attachment ${sha256.slice(0, 16)}`);
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
