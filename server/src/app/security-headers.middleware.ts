import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers every response carries: no MIME sniffing, no framing (clickjacking), no referrer
 * leaking URLs to other sites. A Content-Security-Policy is left to the reverse proxy, which
 * knows the public origin.
 */
export function securityHeadersMiddleware(_request: IncomingMessage, response: ServerResponse, next: () => void): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'same-origin');
  next();
}
