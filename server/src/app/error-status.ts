/**
 * Domain error codes -> HTTP statuses, in one place. Exact codes first, then suffix rules so
 * features can add codes without touching this file (`*_NOT_FOUND` is 404, and so on).
 */
const EXACT: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  LOGIN_RATE_LIMITED: 429,
  TELEPHONY_DISABLED: 503,
  TELEPHONY_UNAVAILABLE: 503,
  INTERNAL: 500,
};

const SUFFIXES: ReadonlyArray<readonly [string, number]> = [
  ['_INVALID', 400],
  ['_NOT_FOUND', 404],
  ['_FORBIDDEN', 403],
  ['_ALREADY_EXISTS', 409],
  ['_CONFLICT', 409],
  ['_RATE_LIMITED', 429],
  ['_REJECTED', 502],
  ['_TIMEOUT', 504],
  ['_UNAVAILABLE', 503],
];

export function httpStatusForCode(code: string): number {
  const exact = EXACT[code];
  if (exact !== undefined) return exact;
  for (const [suffix, status] of SUFFIXES) if (code.endsWith(suffix)) return status;
  if (code.startsWith('INVALID_')) return 400;
  return 400;
}
