import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { UserRole } from '@iris/shared';
import type { StoredUser } from '../users/users.repository.js';

export const IS_PUBLIC = 'iris:public';
export const REQUIRED_ROLES = 'iris:roles';

/** The route needs no sign-in (health, sign-in itself, webhooks with their own check, /metrics). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The route needs one of these roles. Without it, any signed-in user may call it. */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

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
