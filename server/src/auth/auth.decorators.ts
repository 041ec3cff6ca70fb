import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { USER_ROLES, type UserRole } from '@iris/shared';
import type { StoredUser } from '../users/users.repository.js';

export const IS_PUBLIC = 'iris:public';
export const REQUIRED_ROLES = 'iris:roles';

/** The route needs no sign-in (health, sign-in itself, webhooks with their own check, /metrics). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * The route needs one of these roles. Every route says who may call it: `@Roles(...)`,
 * `@SignedIn()` or `@Public()`; a route without a rule is refused (the guard fails closed,
 * and a test enumerates the running app's routes).
 */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** Any signed-in user, whatever the role (said explicitly, like every other rule). */
export const SignedIn = (): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, [...USER_ROLES]);

export interface AuthenticatedRequest {
  user?: StoredUser;
  sessionId?: string | null;
}

/** The signed-in user of this request (set by AuthGuard). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): StoredUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});
