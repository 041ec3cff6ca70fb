import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { simpleParser, type ParsedMail } from 'mailparser';
import { findRequestReference, normaliseEmail, type AttachmentRef, type RequestMessage } from '@iris/shared';
import { Clock } from '../../health/clock.js';
import { AttachmentsRepository } from '../attachments.repository.js';
import { INTAKE_OPTIONS, type IntakeOptions } from '../intake-options.js';
import { RequestsRepository } from '../requests.repository.js';
import { RequestsService } from '../requests.service.js';
import { EmailRejection } from './email-rejection.js';
import { formatBytesFrench, isAllowedAttachment } from './attachment-policy.js';
import { mimeStructureProblems } from './mime-structure.js';

export interface EmailIntakeResult {
  readonly reference: string;
  /** Joined an existing request's thread (a reply) rather than opening one. */
  readonly joinedThread: boolean;
  readonly duplicate: boolean;
}

function headerIds(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : value.split(/\s+/);
  return list.map((id) => id.trim()).filter((id) => id.length > 0);
}

/**
 * One email pushed by the city relay -> a new request, or a message in an existing thread
 * (found by In-Reply-To / References, then by the reference quoted in the subject). Every
 * check runs before anything is stored, so a refused message leaves no trace.
 */
@Injectable()
export class EmailIntakeService {
  private readonly logger = new Logger(EmailIntakeService.name);

  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(RequestsRepository) private readonly repository: RequestsRepository,
    @Inject(AttachmentsRepository) private readonly attachments: AttachmentsRepository,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
  ) {}

  async receive(raw: Buffer): Promise<EmailIntakeResult> {
    const problems = mimeStructureProblems(raw);
    if (problems.length > 0)
      throw new EmailRejection(
        'malformed',
        554,
        '5.6.0',
        `Message mal formé / malformed message: ${problems.join('; ')}`,
      );
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(raw);
    } catch (error) {
      throw new EmailRejection(
        'malformed',
        554,
        '5.6.0',
        `Message illisible / unreadable message: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const sender = parsed.from?.value[0];
    const senderEmail = sender?.address ? normaliseEmail(sender.address) : null;
    if (!senderEmail)
      throw new EmailRejection('malformed', 554, '5.6.0', "Adresse d'expéditeur illisible / unreadable sender address");
    this.checkAttachments(parsed);

    const messageId = parsed.messageId ?? `<${createHash('sha256').update(raw).digest('hex')}@iris.invalid>`;
    const subject = (parsed.subject ?? '').trim();
    const text = (parsed.text ?? '').trim();
    const attachments: AttachmentRef[] = [];
    for (const attachment of parsed.attachments) {
      attachments.push(
        await this.attachments.store(attachment.content, attachment.filename ?? 'piece-jointe', attachment.contentType),
      );
    }
    const message: RequestMessage = {
      messageId,
      direction: 'in',
      channel: 'email',
      at: this.clock.now(),
      from: senderEmail,
      to: this.options.cityAddress,
      subject: subject || null,
      text,
      attachments,
      sentBy: null,
    };

    const thread = await this.findThread(parsed, subject, messageId);
    if (thread) {
      await this.requests.addMessage(thread, message);
      return { reference: thread, joinedThread: true, duplicate: false };
    }
    const result = await this.requests.receive({
      channel: 'email',
      sourceRef: messageId,
      subject,
      text,
      clues: { email: senderEmail, ...(sender?.name ? { fullName: sender.name } : {}) },
      recordedBy: 'smtp',
      attachments,
      message,
    });
    this.logger.log(`email ${messageId} -> ${result.reference}${result.duplicate ? ' (already received)' : ''}`);
    return { reference: result.reference, joinedThread: false, duplicate: result.duplicate };
  }

  /**
   * The request this message answers: by its threading headers (any message of the thread,
   * ours or the citizen's), else by the reference quoted in the subject. A redelivered reply
   * finds the same thread and its message id dedupes it.
   */
  private async findThread(parsed: ParsedMail, subject: string, messageId: string): Promise<string | null> {
    const refs = [...headerIds(parsed.inReplyTo), ...headerIds(parsed.references).reverse()].filter(
      (id) => id !== messageId,
    );
    const byHeaders = await this.repository.firstKnownSource(refs);
    if (byHeaders) return byHeaders;
    const quoted = findRequestReference(subject);
    if (quoted && (await this.repository.get(quoted))) return quoted;
    return null;
  }

  private checkAttachments(parsed: ParsedMail): void {
    for (const attachment of parsed.attachments) {
      const name = attachment.filename ?? attachment.contentType;
      if (!isAllowedAttachment(attachment.contentType)) {
        throw new EmailRejection(
          'attachment_type',
          554,
          '5.7.1',
          `Type de pièce jointe refusé / attachment type refused: ${name} (${attachment.contentType})`,
        );
      }
      if (attachment.size > this.options.attachmentMaxBytes) {
        throw new EmailRejection(
          'attachment_too_large',
          552,
          '5.3.4',
          `Pièce jointe trop volumineuse / attachment too large: ${name} (${formatBytesFrench(attachment.size)}, max ${formatBytesFrench(this.options.attachmentMaxBytes)})`,
        );
      }
    }
  }
}
