import { Body, Controller, Get, HttpCode, Inject, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { IntakeFigures, UserView } from '@iris/shared';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import { parseInput } from '../app/zod-input.js';
import { deskOrPhoneRequestSchema, openCallSchema } from './intake-requests.schemas.js';
import { MailIntakeService, type UploadedScan } from './mail/mail-intake.service.js';
import { IntakeFiguresService } from './intake-figures.service.js';
import { RequestsService, type ReceivedRequest } from './requests.service.js';

/** Hard cap of multipart uploads (the configured ATTACHMENT_MAX_BYTES is checked after, with a clear message). */
const UPLOAD_CAP_BYTES = 100 * 1024 * 1024;

/** Intake by agents: desk and phone requests, scanned paper mail; today's intake for the wallboard. */
@Controller('api/intake')
export class IntakeController {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(MailIntakeService) private readonly mail: MailIntakeService,
    @Inject(IntakeFiguresService) private readonly figures: IntakeFiguresService,
  ) {}

  /** A desk ticket or an answered call becomes a request (the caller is recognised by the number given). */
  @Post('requests')
  @Roles('agent', 'supervisor')
  @HttpCode(201)
  create(@Body() body: unknown, @CurrentUser() user: UserView): Promise<ReceivedRequest> {
    const input = parseInput(deskOrPhoneRequestSchema, body, 'Demande');
    return this.requests.receive({
      channel: input.channel,
      sourceRef: `${input.channel}:${input.sourceRef}`,
      subject: input.subject,
      text: input.text,
      clues: input.citizen,
      recordedBy: user.username,
    });
  }

  /**
   * The agent panel calls this when a call is answered: the request is opened (once per
   * call) on the caller's record; the answer carries the record for the screen pop.
   */
  @Post('calls/:callId/open')
  @Roles('agent', 'supervisor')
  @HttpCode(201)
  openCall(
    @Param('callId') callId: string,
    @Body() body: unknown,
    @CurrentUser() user: UserView,
  ): Promise<ReceivedRequest> {
    const input = parseInput(openCallSchema, body, 'Appel');
    return this.requests.openCall(callId, input.callerNumber, user.username);
  }

  /** multipart/form-data: fields of the letter + the file in `scan`. */
  @Post('mail')
  @Roles('agent', 'supervisor')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('scan', { limits: { fileSize: UPLOAD_CAP_BYTES, files: 1 } }))
  registerMail(
    @Body() fields: unknown,
    @UploadedFile() scan: UploadedScan | undefined,
    @CurrentUser() user: UserView,
  ): Promise<ReceivedRequest> {
    return this.mail.register(fields, scan, user.username);
  }

  /** Requests received today per channel, and the backlog of each service (wallboard). */
  @Get('today')
  @Roles('supervisor', 'agent')
  today(): Promise<IntakeFigures> {
    return this.figures.today();
  }
}
