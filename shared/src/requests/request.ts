/** Every channel a request can arrive by (R1). */
export const REQUEST_CHANNELS = ['desk', 'phone', 'mail', 'email', 'sms'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

/**
 * received -> qualified -> routed (handed over to the expert service) -> answered -> closed.
 * A request answered at first level by the front office goes received/qualified -> answered.
 */
export type RequestStatus = 'received' | 'qualified' | 'routed' | 'answered' | 'closed';

/** A stored file (scanned letter, email attachment), content-addressed by its SHA-256. */
export interface AttachmentRef {
  readonly sha256: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

/** One message in the request's correspondence, inbound or outbound, any channel. */
export interface RequestMessage {
  readonly messageId: string;
  readonly direction: 'in' | 'out';
  readonly channel: RequestChannel;
  readonly at: number;
  readonly from: string;
  readonly to: string;
  readonly subject: string | null;
  readonly text: string;
  readonly attachments: readonly AttachmentRef[];
  /** The user who sent an outbound message. */
  readonly sentBy: string | null;
}

/** The request as every screen reads it (projection of the request.* events). */
export interface RequestRecord {
  /** The public reference, e.g. IRIS-2026-000123, quoted in replies and subjects. */
  readonly reference: string;
  readonly channel: RequestChannel;
  readonly citizenId: string | null;
  readonly subject: string;
  readonly text: string;
  readonly status: RequestStatus;
  readonly receivedAt: number;
  readonly category: string | null;
  readonly service: string | null;
  /** Suggested category and its confidence, kept even after an agent decided otherwise. */
  readonly suggestion: { readonly category: string; readonly confidence: number } | null;
  readonly dueAt: number | null;
  readonly attachments: readonly AttachmentRef[];
  readonly messages: readonly RequestMessage[];
  readonly answeredAt: number | null;
  readonly answeredAtFirstLevel: boolean | null;
  readonly closedAt: number | null;
  readonly contact: { readonly email: string | null; readonly phone: string | null; readonly name: string | null };
  /** Every step, oldest first: who did what and why (re-routes keep their reason). */
  readonly history: readonly RequestHistoryEntry[];
}

export interface RequestHistoryEntry {
  readonly at: number;
  readonly type: string;
  readonly by: string;
  /** One line in French for the timeline ("routé vers Voirie (automatique, 0,93)"). */
  readonly summary: string;
}

/** `IRIS-2026-000123`: year of receipt (Europe/Paris) and a per-year sequence. */
export function formatRequestReference(year: number, sequence: number): string {
  return `IRIS-${year}-${String(sequence).padStart(6, '0')}`;
}

const REFERENCE_PATTERN = /\[?\b(IRIS-\d{4}-\d{6})\b\]?/i;

/** The request reference quoted in a subject or text (`Re: ... [IRIS-2026-000123]`), if any. */
export function findRequestReference(text: string): string | null {
  const match = REFERENCE_PATTERN.exec(text);
  return match ? match[1]!.toUpperCase() : null;
}
