import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Public } from '../../auth/auth.decorators.js';
import { isIrisError } from '@iris/shared';
import { IntakeRejections } from '../intake-rejections.js';
import { SmsIntakeService, type SmsIntakeResult } from './sms-intake.service.js';

/**
 * The SMS provider's inbound webhook. Public (no session): it is authenticated by its
 * HMAC signature over the raw body instead, which needs the app created with rawBody: true.
 */
@Controller('api/intake/sms')
export class SmsWebhookController {
  constructor(
    @Inject(SmsIntakeService) private readonly sms: SmsIntakeService,
    @Inject(IntakeRejections) private readonly rejections: IntakeRejections,
  ) {}

  @Public()
  @Post()
  @HttpCode(202)
  async receive(@Req() request: RawBodyRequest<IncomingMessage>, @Body() body: unknown): Promise<SmsIntakeResult> {
    try {
      this.sms.authenticate(request.headers, request.rawBody);
    } catch (error) {
      this.rejections.record('sms', 'signature');
      throw error;
    }
    try {
      return await this.sms.receive(body);
    } catch (error) {
      if (isIrisError(error) && (error.code === 'VALIDATION_FAILED' || error.code === 'SMS_INVALID'))
        this.rejections.record('sms', 'payload');
      throw error;
    }
  }
}
