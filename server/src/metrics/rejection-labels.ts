/**
 * Label values of the "refused at an edge" counters, kept to known, fixed sets so a bug or
 * a hostile peer can never create new series: anything unknown is counted as "other"
 * (counted, never dropped).
 */
import { AMI_REJECT_REASONS, NORMALIZER_REJECT_REASONS } from '@iris/telephony';
import type { RejectionReason } from '../intake/intake-rejections.js';

/** The bridge's reasons: the frame parser's, then the normaliser's. */
export const AMI_FRAME_REJECT_REASONS: readonly string[] = [...AMI_REJECT_REASONS, ...NORMALIZER_REJECT_REASONS];

export const INTAKE_REJECTION_REASONS = [
  'recipient',
  'too_large',
  'malformed',
  'attachment_type',
  'attachment_too_large',
  'signature',
  'payload',
  'scan',
] as const satisfies readonly RejectionReason[];
// Fails to compile when the intake adds a reason this list does not know yet.
const everyIntakeReasonListed: [Exclude<RejectionReason, (typeof INTAKE_REJECTION_REASONS)[number]>] extends [never]
  ? true
  : false = true;
void everyIntakeReasonListed;

/**
 * The refusals each intake channel can record today (smtp-intake.server.ts,
 * sms-webhook.controller.ts, mail-intake.service.ts): exported at 0 from the start, so
 * the first refusal shows in increase() instead of creating a series already at 1.
 */
export const INTAKE_REJECTIONS_BY_CHANNEL: Readonly<Record<string, readonly RejectionReason[]>> = {
  email: ['recipient', 'too_large', 'malformed', 'attachment_type', 'attachment_too_large'],
  sms: ['signature', 'payload'],
  mail: ['scan'],
};

export function amiRejectReasonLabel(reason: string): string {
  return AMI_FRAME_REJECT_REASONS.includes(reason) ? reason : 'other';
}

export function intakeChannelLabel(channel: string): string {
  return Object.hasOwn(INTAKE_REJECTIONS_BY_CHANNEL, channel) ? channel : 'other';
}

export function intakeReasonLabel(reason: string): string {
  return (INTAKE_REJECTION_REASONS as readonly string[]).includes(reason) ? reason : 'other';
}
