import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { IrisError, normaliseEmail, parisWallClockToEpoch, parseAddressLine, type RequestMessage } from '@iris/shared';
import { parseInput } from '../../app/zod-input.js';
import { AttachmentsRepository } from '../attachments.repository.js';
import { ALLOWED_SCAN_TYPES, formatBytesFrench, isAllowedAttachment } from '../email/attachment-policy.js';
import { INTAKE_OPTIONS, type IntakeOptions } from '../intake-options.js';
import { RequestsService, type ReceivedRequest } from '../requests.service.js';
import { IntakeRejections } from '../intake-rejections.js';

/** The file part of the upload (what multer hands over). */
export interface UploadedScan {
  readonly buffer: Buffer;
  readonly mimetype: string;
  readonly originalname: string;
  readonly size: number;
}

export const paperMailSchema = z.object({
  senderName: z.string().trim().min(2, 'nom de l’expéditeur requis').max(200),
  /** One line: "12 av. de la République, 92130 Issy-les-Moulineaux". */
  senderAddress: z.string().trim().max(300).optional(),
  senderEmail: z.string().trim().max(200).optional(),
  senderPhone: z.string().trim().max(40).optional(),
  /** Date the letter arrived, YYYY-MM-DD (Europe/Paris). */
  receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue AAAA-MM-JJ'),
  subject: z.string().trim().max(300).default(''),
  /** The letter's gist as the mail team types it (the scan is the full text). */
  text: z.string().trim().min(3, 'résumé du courrier requis').max(20_000),
});
export type PaperMail = z.infer<typeof paperMailSchema>;

/** The first bytes of each accepted scan type: the declared type must match the content. */
function looksLike(contentType: string, content: Buffer): boolean {
  const head = content.subarray(0, 8);
  switch (contentType) {
    case 'application/pdf':
      return head.subarray(0, 5).toString('latin1') === '%PDF-';
    case 'image/jpeg':
      return head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
    case 'image/png':
      return head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    case 'image/tiff':
      return (
        head.subarray(0, 4).equals(Buffer.from('II*\0', 'latin1')) ||
        head.subarray(0, 4).equals(Buffer.from('MM\0*', 'latin1'))
      );
    default:
      return false;
  }
}

/**
 * The mail team registers a scanned letter: sender, date received, summary and the scan
 * (PDF or image). The same scan registered twice is one request (its digest is the source).
 */
@Injectable()
export class MailIntakeService {
  constructor(
    @Inject(RequestsService) private readonly requests: RequestsService,
    @Inject(AttachmentsRepository) private readonly attachments: AttachmentsRepository,
    @Inject(INTAKE_OPTIONS) private readonly options: IntakeOptions,
    @Inject(IntakeRejections) private readonly rejections: IntakeRejections,
  ) {}

  async register(fields: unknown, scan: UploadedScan | undefined, recordedBy: string): Promise<ReceivedRequest> {
    try {
      this.checkScan(scan);
    } catch (error) {
      this.rejections.record('mail', 'scan');
      throw error;
    }
    return this.store(parseInput(paperMailSchema, fields, 'Courrier'), scan!, recordedBy);
  }

  private checkScan(scan: UploadedScan | undefined): void {
    if (!scan)
      throw new IrisError('SCAN_INVALID', 'Joindre le courrier numérisé (PDF ou image) dans le champ « scan ».');
    const contentType = scan.mimetype.toLowerCase();
    if (!isAllowedAttachment(contentType, ALLOWED_SCAN_TYPES)) {
      throw new IrisError('SCAN_INVALID', `Format refusé (${scan.mimetype}) : PDF, JPEG, PNG ou TIFF uniquement.`);
    }
    if (scan.size > this.options.attachmentMaxBytes) {
      throw new IrisError(
        'SCAN_INVALID',
        `Fichier trop volumineux (${formatBytesFrench(scan.size)}, ${formatBytesFrench(this.options.attachmentMaxBytes)} au plus).`,
      );
    }
    if (!looksLike(contentType, scan.buffer))
      throw new IrisError(
        'SCAN_INVALID',
        `Le contenu du fichier ne correspond pas au type déclaré (${scan.mimetype}).`,
      );
  }

  private async store(mail: PaperMail, scan: UploadedScan, recordedBy: string): Promise<ReceivedRequest> {
    const contentType = scan.mimetype.toLowerCase();
    const [year, month, day] = mail.receivedOn.split('-').map(Number) as [number, number, number];
    const receivedOn = parisWallClockToEpoch(year, month, day, 12, 0);
    if (!Number.isFinite(receivedOn))
      throw new IrisError('VALIDATION_FAILED', `Date de réception invalide : ${mail.receivedOn}`);

    const digest = createHash('sha256').update(scan.buffer).digest('hex');
    const attachment = await this.attachments.store(
      scan.buffer,
      scan.originalname || `courrier-${mail.receivedOn}`,
      contentType,
    );
    const address = mail.senderAddress ? parseAddressLine(mail.senderAddress) : undefined;
    const message: RequestMessage = {
      messageId: `mail:${digest}`,
      direction: 'in',
      channel: 'mail',
      at: receivedOn,
      from: mail.senderName,
      to: 'mairie',
      subject: mail.subject || null,
      text: mail.text,
      attachments: [attachment],
      sentBy: null,
    };
    return this.requests.receive({
      channel: 'mail',
      sourceRef: `mail:${digest}`,
      subject: mail.subject,
      text: mail.text,
      clues: {
        fullName: mail.senderName,
        ...(address ? { address } : {}),
        ...(mail.senderEmail && normaliseEmail(mail.senderEmail) ? { email: mail.senderEmail } : {}),
        ...(mail.senderPhone ? { phone: mail.senderPhone } : {}),
      },
      recordedBy,
      attachments: [attachment],
      message,
    });
  }
}
