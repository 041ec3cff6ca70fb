import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming id is kept only if it looks like one (so a client cannot inject log noise). */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export interface RequestWithId extends IncomingMessage {
  id?: string;
}

/**
 * Gives each HTTP request an id (the caller's X-Request-Id if sane, else a new UUID), echoes
 * it in the response header and logs one line when the response is finished. The query
 * string is left out of the log: it may carry tokens.
 */
export function requestIdMiddleware(logger: Logger) {
  return (request: RequestWithId, response: ServerResponse, next: () => void): void => {
    const incoming = request.headers[REQUEST_ID_HEADER];
    const id = typeof incoming === 'string' && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    request.id = id;
    response.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const path = (request.url ?? '').split('?')[0] ?? '';
      if (path.startsWith('/health/live')) return; // probes every few seconds: noise
      logger.info(
        {
          requestId: id,
          method: request.method,
          path,
          status: response.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'http request',
      );
    });
    next();
  };
}
