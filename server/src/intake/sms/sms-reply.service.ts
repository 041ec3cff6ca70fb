import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IrisError, type RequestMessage } from '@iris/shared';
import { Clock } from '../../health/clock.js';
import { INTAKE_OPTIONS, type IntakeOptions } from '../intake-options.js';
import { RequestsRepository } from '../requests.repository.js';
import { RequestsService } from '../requests.service.js';
import { SMS_PROVIDER, type SmsProvider } from './sms-provider.js';
import { smsThreadKey } from './sms-intake.service.js';

/** Longest reply accepted: about four concatenated SMS. */
const MAX_SMS_TEXT = 640;

/** Replies by SMS through the provider; the reply is historised and the citizen's answer will join the request. */
@Injectable()
export class SmsReplyService {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(RequestsRepository) private readonly repository: RequestsRepository,
    @Inject(SMS_PROVIDER) private readonly provider: SmsProvider,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
  ) {}

  async reply(reference: string, text: string, sentBy: string): Promise<RequestMessage> {
    const body = text.trim();
    if (body === '') throw new IrisError('REPLY_INVALID', 'La réponse est vide.');
    if (body.length > MAX_SMS_TEXT)
      throw new IrisError('REPLY_INVALID', `SMS trop long (${body.length} caractères, ${MAX_SMS_TEXT} au plus).`);
    const record = await this.requests.open(reference);
    const to = record.contact.phone;
    if (!to) throw new IrisError('REPLY_INVALID', `La demande ${reference} n'a pas de numéro de téléphone de contact.`);
    const clientRef = `${reference}.${randomUUID()}`;
    const sent = await this.provider.send({ to, text: body, clientRef });
    const message: RequestMessage = {
      messageId: `sms-out:${sent.providerMessageId}`,
      direction: 'out',
      channel: 'sms',
      at: this.clock.now(),
      from: this.options.sms.sender,
      to,
      subject: null,
      text: body,
      attachments: [],
      sentBy,
    };
    await this.requests.addMessage(reference, message);
    await this.repository.setSource(smsThreadKey(to), reference);
    return message;
  }
}
