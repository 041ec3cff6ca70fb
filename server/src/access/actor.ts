import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@iris/shared';
import type { AuthenticatedRequest } from '../auth/auth.decorators.js';
import type { RequestWithId } from '../logging/request-id.middleware.js';
import { dataScopeOf, type DataScope } from './data-scope.js';

/** The header a screen sends to say which request the user is working on when it reads personal data. */
export const PURPOSE_HEADER = 'x-iris-purpose';
const PURPOSE_PATTERN = /^IRIS-\d{4}-\d{6}$/;

/**
 * Who reads or changes personal data, in what scope and why: what the access audit records
 * and what PersonalDataService filters by.
 */
export interface Actor {
  readonly username: string;
  readonly roles: ReadonlyArray<UserRole>;
  readonly scope: DataScope;
  /** The request the user works on (a reference), when the screen says; null otherwise. */
  readonly purpose: string | null;
  /** The HTTP request id (X-Request-Id), to tie an audit line to the server's log. */
  readonly requestId: string | null;
}

export function actorOf(
  user: { username: string; roles: ReadonlyArray<UserRole>; service: string | null },
  purpose?: unknown,
  requestId?: string | null,
): Actor {
  return {
    username: user.username,
    roles: user.roles,
    scope: dataScopeOf(user),
    purpose: typeof purpose === 'string' && PURPOSE_PATTERN.test(purpose) ? purpose : null,
    requestId: requestId ?? null,
  };
}

/** The signed-in user of this HTTP request as an Actor (after AuthGuard). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest & RequestWithId>();
  if (!request.user) throw new Error('CurrentActor used on a public route');
  return actorOf(request.user, request.headers[PURPOSE_HEADER], request.id ?? null);
});
