import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UserView } from '@iris/shared';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { parseInput } from '../app/zod-input.js';
import { loginSchema } from '../users/user.schemas.js';
import { toUserView } from '../users/users.repository.js';
import { AuthService } from './auth.service.js';
import { CurrentUser, Public, SignedIn, type AuthenticatedRequest } from './auth.decorators.js';
import { clearedSessionCookie, readCookie, sessionCookie } from './session-cookie.js';
import type { StoredUser } from '../users/users.repository.js';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(IRIS_CONFIG) private readonly config: IrisConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: sets the httpOnly session cookie, returns the user' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['username', 'password'],
      properties: {
        username: { type: 'string', example: 'claire.martin' },
        password: { type: 'string', example: 'iris-demo' },
      },
    },
  })
  async login(
    @Body() body: unknown,
    @Req() request: IncomingMessage,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<UserView> {
    const { username, password } = parseInput(loginSchema, body, 'Connexion');
    const { sessionId, user } = await this.auth.login(request.socket.remoteAddress ?? 'unknown', username, password);
    response.setHeader('Set-Cookie', sessionCookie(sessionId, this.auth.sessionTtlSeconds, this.config.cookieSecure));
    return toUserView(user);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears the cookie' })
  async logout(
    @Req() request: IncomingMessage & AuthenticatedRequest,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<void> {
    await this.auth.logout(readCookie(request.headers.cookie));
    response.setHeader('Set-Cookie', clearedSessionCookie(this.config.cookieSecure));
  }

  @Get('me')
  @SignedIn()
  @ApiOperation({ summary: 'The signed-in user (401 when not signed in)' })
  me(@CurrentUser() user: StoredUser): UserView {
    return toUserView(user);
  }
}
