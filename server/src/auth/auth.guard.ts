import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IrisError, type UserRole } from '@iris/shared';
import type { IncomingMessage } from 'node:http';
import { AuthService } from './auth.service.js';
import { IS_PUBLIC, REQUIRED_ROLES, type AuthenticatedRequest } from './auth.decorators.js';
import { hasAnyRole } from './access-rules.js';
import { readCookie } from './session-cookie.js';

/**
 * Global guard: every HTTP route needs a signed-in user unless marked @Public(), and one of
 * the roles of its @Roles() (@SignedIn() is every role). A route with no rule at all is
 * refused: access is never granted by omission. Users are re-read on each request, so a role removed by an
 * admin takes effect at once. Socket.io has its own check in the gateway's handshake.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<IncomingMessage & AuthenticatedRequest>();
    const sessionId = readCookie(request.headers.cookie);
    const user = await this.auth.authenticate(sessionId);
    if (!user) throw new IrisError('UNAUTHENTICATED', 'Connectez-vous pour accéder à IRIS.');
    request.user = user;
    request.sessionId = sessionId;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(REQUIRED_ROLES, targets);
    if (!roles || roles.length === 0) {
      throw new IrisError('ROUTE_ACCESS_FORBIDDEN', 'Cette route ne déclare pas qui peut l’appeler : accès refusé.');
    }
    if (!hasAnyRole(user, roles)) {
      throw new IrisError('FORBIDDEN', `Action réservée aux rôles : ${roles.join(', ')}.`, { requiredRoles: roles });
    }
    return true;
  }
}
