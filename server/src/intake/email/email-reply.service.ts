import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { findRequestReference, IrisError, type RequestMessage } from '@iris/shared';
import { Clock } from '../../health/clock.js';
import { INTAKE_OPTIONS, type IntakeOptions } from '../intake-options.js';
import { RequestsService } from '../requests.service.js';

/** "Re: Re: TR: objet [IRIS-2026-000001]" -> "objet" */
function baseSubject(subject: string): string {
  return subject
    .replace(/\[?IRIS-\d{4}-\d{6}\]?/gi, '')
    .replace(/^(\s*(re|tr|fwd?|aw)\s*:\s*)+/i, '')
    .trim();
}

/**
 * Replies to a request by email through the city's SMTP relay, threaded so the citizen's
 * mail client shows one conversation (In-Reply-To: the last message, References: the whole
 * thread) and with the reference in the subject; the reply is then historised on the request.
 */
@Injectable()
export class EmailReplyService implements OnModuleDestroy {
  private transport: Transporter | null = null;

  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
  ) {}

  onModuleDestroy(): void {
    this.transport?.close();
  }

  async reply(reference: string, text: string, sentBy: string): Promise<RequestMessage> {
    if (!this.options.smtpRelayUrl)
      throw new IrisError(
        'EMAIL_RELAY_UNAVAILABLE',
        'Aucun relais SMTP configuré (SMTP_RELAY_URL) : réponse par e-mail impossible.',
      );
    if (text.trim() === '') throw new IrisError('REPLY_INVALID', 'La réponse est vide.');
    const record = await this.requests.open(reference);
    const to = record.contact.email;
    if (!to) throw new IrisError('REPLY_INVALID', `La demande ${reference} n'a pas d'adresse e-mail de contact.`);
    const thread = record.messages.map((m) => m.messageId).filter((id) => id.startsWith('<'));
    const lastInbound = [...record.messages].reverse().find((m) => m.direction === 'in' && m.channel === 'email');
    const subjectBase = baseSubject(record.subject) || 'Votre demande';
    const subject = findRequestReference(subjectBase) ? `Re: ${subjectBase}` : `Re: ${subjectBase} [${reference}]`;
    const domain = this.options.cityAddress.split('@')[1] ?? 'iris.invalid';
    const messageId = `<${reference}.${randomUUID()}@${domain}>`;
    this.transport ??= nodemailer.createTransport(this.options.smtpRelayUrl);
    try {
      await this.transport.sendMail({
        from: this.options.cityAddress,
        to,
        subject,
        text,
        messageId,
        ...(lastInbound ? { inReplyTo: lastInbound.messageId } : {}),
        ...(thread.length > 0 ? { references: thread } : {}),
      });
    } catch (error) {
      throw new IrisError(
        'EMAIL_RELAY_REJECTED',
        `Le relais SMTP a refusé la réponse : ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const message: RequestMessage = {
      messageId,
      direction: 'out',
      channel: 'email',
      at: this.clock.now(),
      from: this.options.cityAddress,
      to,
      subject,
      text,
      attachments: [],
      sentBy,
    };
    await this.requests.addMessage(reference, message);
    return message;
  }
}
