import { Inject, Injectable } from '@nestjs/common';
import { IrisError } from '@iris/shared';
import type { Logger } from 'pino';
import { Clock } from '../health/clock.js';
import { IRIS_LOGGER } from '../logging/logger.js';
import { UsersRepository, type StoredUser } from '../users/users.repository.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { decoyPasswordHash, verifyPassword } from './password-hasher.js';
import { SessionRepository } from './session.repository.js';

/** Sign-in, sign-out, and who a session id belongs to (for REST and the socket handshake). */
@Injectable()
export class AuthService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(SessionRepository) private readonly sessions: SessionRepository,
    @Inject(LoginRateLimiter) private readonly limiter: LoginRateLimiter,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IRIS_LOGGER) private readonly logger: Logger,
  ) {}

  get sessionTtlSeconds(): number {
    return this.sessions.ttl;
  }

  async login(ip: string, username: string, password: string): Promise<{ sessionId: string; user: StoredUser }> {
    const wait = await this.limiter.attempt(ip, username);
    if (wait > 0) {
      this.logger.warn({ ip, username }, 'sign-in rate limited');
      throw new IrisError(
        'LOGIN_RATE_LIMITED',
        `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(wait / 60)} minute(s).`,
        {
          retryAfterSeconds: wait,
        },
      );
    }
    const user = await this.users.find(username);
    // Verify against a decoy when the user does not exist: same cost, so timing reveals nothing.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (!user || !valid) {
      this.logger.info({ ip, username }, 'sign-in refused');
      throw new IrisError('INVALID_CREDENTIALS', 'Identifiant ou mot de passe incorrect.');
    }
    await this.limiter.clear(ip, username);
    const sessionId = await this.sessions.create({ username: user.username, createdAt: this.clock.now() });
    this.logger.info({ username: user.username, roles: user.roles }, 'signed in');
    return { sessionId, user };
  }

  /** The user behind a session id, or null (unknown, expired, or the user was deleted). */
  async authenticate(sessionId: string | null): Promise<StoredUser | null> {
    if (!sessionId) return null;
    const session = await this.sessions.find(sessionId);
    if (!session) return null;
    return this.users.find(session.username);
  }

  async logout(sessionId: string | null): Promise<void> {
    if (sessionId) await this.sessions.destroy(sessionId);
  }
}
