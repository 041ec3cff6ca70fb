/**
 * A domain error: a stable machine-readable code plus a message a person can act on.
 * Domain code throws these; each transport (REST, socket) maps the code to its own answer
 * in one place, so domain code never knows about HTTP statuses.
 */
export class IrisError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** Extra facts for the caller (never secrets): e.g. the bad fields of an input. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'IrisError';
  }
}

export function isIrisError(value: unknown): value is IrisError {
  return value instanceof IrisError;
}
