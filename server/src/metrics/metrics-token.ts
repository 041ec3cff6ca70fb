import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The optional bearer token of /metrics (METRICS_TOKEN). Compared in constant time, on
 * digests so the length of the expected token does not leak either.
 */
export function metricsAccessAllowed(expectedToken: string | undefined, authorization: string | undefined): boolean {
  if (expectedToken === undefined || expectedToken === '') return true;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]!), digest(expectedToken));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
