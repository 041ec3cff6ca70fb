/** What was done with personal data. */
export const AUDIT_ACTIONS = ['read', 'search', 'change', 'export', 'erase'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What kind of thing it was done to. */
export const AUDIT_SUBJECTS = ['citizen', 'request', 'attachment', 'audit'] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

/**
 * One line of the access audit. It names things by id (citizen id, request reference),
 * never by what they hold: the audit itself carries no name, phone number or text.
 */
export interface AuditEntry {
  readonly at: number;
  readonly actor: string;
  readonly roles: ReadonlyArray<string>;
  readonly action: AuditAction;
  readonly subject: AuditSubject;
  readonly subjectIds: ReadonlyArray<string>;
  /** The request the user worked on, when the screen said. */
  readonly purpose: string | null;
  /** What exactly, in a few words (the route, "timeline", "3 results for a phone number"). */
  readonly detail: string;
  readonly requestId: string | null;
}
