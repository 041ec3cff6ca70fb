import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { HealthModule } from '../health/health.module.js';
import { UsersController } from '../users/users.controller.js';
import { UsersRepository } from '../users/users.repository.js';
import { UsersService } from '../users/users.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { SessionRepository } from './session.repository.js';

/** Sign-in, sessions, users and roles; installs the global AuthGuard. Needs REDIS_CLIENT and IRIS_CONFIG. */
@Module({
  imports: [HealthModule],
  controllers: [AuthController, UsersController],
  providers: [
    UsersRepository,
    UsersService,
    SessionRepository,
    LoginRateLimiter,
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
