import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { findRequestReference, IrisError, normalisePhone, type RequestMessage } from '@iris/shared';
import { Clock } from '../../health/clock.js';
import { parseInput } from '../../app/zod-input.js';
import { INTAKE_OPTIONS, type IntakeOptions } from '../intake-options.js';
import { RequestsRepository } from '../requests.repository.js';
import { RequestsService } from '../requests.service.js';
import { SMS_SIGNATURE_HEADER, SMS_TIMESTAMP_HEADER, verifySmsWebhook } from './sms-signature.js';

/** What the provider posts for one inbound SMS. */
export const inboundSmsSchema = z.object({
  messageId: z.string().min(1).max(200),
  from: z.string().min(3).max(40),
  to: z.string().min(1).max(40),
  text: z.string().min(1).max(2000),
});
export type InboundSms = z.infer<typeof inboundSmsSchema>;

/** The conversation key of a number: the request IRIS last replied to by SMS. */
export function smsThreadKey(phone: string): string {
  return `sms-thread:${phone}`;
}

export interface SmsIntakeResult {
  readonly reference: string;
  readonly joinedThread: boolean;
}

/**
 * Inbound SMS -> request. A message quoting a reference, or answering an SMS IRIS sent
 * about a request still open, joins that request; anything else opens one. The provider's
 * message id makes a redelivered webhook a duplicate.
 */
@Injectable()
export class SmsIntakeService {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(RequestsRepository) private readonly repository: RequestsRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
  ) {}

  /** Verifies the webhook's signature; throws UNAUTHENTICATED (401) with the reason. */
  authenticate(headers: Readonly<Record<string, string | string[] | undefined>>, rawBody: Buffer | undefined): void {
    const secret = this.options.sms.webhookSecret;
    if (!secret) throw new IrisError('UNAUTHENTICATED', 'Webhook SMS désactivé : SMS_WEBHOOK_SECRET non configuré.');
    if (!rawBody)
      throw new IrisError('INTERNAL', 'Corps brut de la requête indisponible (rawBody) : signature invérifiable.');
    const header = (name: string) => {
      const value = headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const check = verifySmsWebhook({
      secret,
      signature: header(SMS_SIGNATURE_HEADER),
      timestamp: header(SMS_TIMESTAMP_HEADER),
      rawBody,
      nowMs: this.clock.now(),
      windowSeconds: this.options.sms.signatureWindowSeconds,
    });
    if (!check.ok) throw new IrisError('UNAUTHENTICATED', `Signature du webhook SMS refusée : ${check.reason}.`);
  }

  async receive(body: unknown): Promise<SmsIntakeResult> {
    const sms = parseInput(inboundSmsSchema, body, 'SMS entrant');
    const phone = normalisePhone(sms.from);
    if (!phone) throw new IrisError('SMS_INVALID', `Numéro d'expéditeur illisible : ${sms.from}`);
    const messageId = `sms:${sms.messageId}`;
    const message: RequestMessage = {
      messageId,
      direction: 'in',
      channel: 'sms',
      at: this.clock.now(),
      from: phone,
      to: sms.to,
      subject: null,
      text: sms.text,
      attachments: [],
      sentBy: null,
    };
    const thread = await this.findThread(phone, sms.text, messageId);
    if (thread) {
      await this.requests.addMessage(thread, message);
      return { reference: thread, joinedThread: true };
    }
    const result = await this.requests.receive({
      channel: 'sms',
      sourceRef: messageId,
      subject: '',
      text: sms.text,
      clues: { phone },
      recordedBy: 'sms',
      message,
    });
    return { reference: result.reference, joinedThread: false };
  }

  private async findThread(phone: string, text: string, messageId: string): Promise<string | null> {
    // A redelivered first message is the request itself, not a reply to it.
    if (await this.repository.referenceOfSource(messageId)) return null;
    for (const candidate of [
      findRequestReference(text),
      await this.repository.referenceOfSource(smsThreadKey(phone)),
    ]) {
      if (!candidate) continue;
      const record = await this.repository.get(candidate);
      if (record && record.status !== 'closed') return candidate;
    }
    return null;
  }
}
