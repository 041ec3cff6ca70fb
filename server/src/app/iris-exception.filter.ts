import { ArgumentsHost, Catch, HttpException, Inject, type ExceptionFilter } from '@nestjs/common';
import { IrisError } from '@iris/shared';
import type { Logger } from 'pino';
import type { ServerResponse } from 'node:http';
import { IRIS_LOGGER } from '../logging/logger.js';
import type { RequestWithId } from '../logging/request-id.middleware.js';
import { httpStatusForCode } from './error-status.js';

const HTTP_CODES: Readonly<Record<number, string>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * The one REST error shape: `{ code, message, details? }`. IrisError codes map to statuses
 * through httpStatusForCode; Nest's own HTTP exceptions (unknown route, bad JSON body) get a
 * code from their status; anything else is a 500 whose cause is logged, never shown.
 */
@Catch()
export class IrisExceptionFilter implements ExceptionFilter {
  constructor(@Inject(IRIS_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<RequestWithId>();
    const response = http.getResponse<ServerResponse>();
    const { status, body } = this.describe(exception, request);
    if (response.headersSent) return;
    response.statusCode = status;
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(Math.ceil(retryAfter)));
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(body));
  }

  private describe(exception: unknown, request: RequestWithId): { status: number; body: Record<string, unknown> } {
    if (exception instanceof IrisError) {
      const status = httpStatusForCode(exception.code);
      if (status >= 500)
        this.logger.warn({ requestId: request.id, code: exception.code, err: exception }, exception.message);
      return {
        status,
        body: {
          code: exception.code,
          message: exception.message,
          ...(exception.details ? { details: exception.details } : {}),
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = HTTP_CODES[status] ?? (status >= 500 ? 'INTERNAL' : 'BAD_REQUEST');
      const message =
        status === 404
          ? `Ressource introuvable : ${request.method} ${(request.url ?? '').split('?')[0]}`
          : exception.message;
      return { status, body: { code, message } };
    }
    this.logger.error({ requestId: request.id, err: exception }, 'unhandled error');
    return {
      status: 500,
      body: { code: 'INTERNAL', message: `Erreur interne du serveur. Référence : ${request.id ?? 'inconnue'}.` },
    };
  }
}
