import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { USER_ROLES } from '@iris/shared';
import type { UserView } from '@iris/shared';
import { parseInput } from '../app/zod-input.js';
import { CurrentUser, Roles } from '../auth/auth.decorators.js';
import type { StoredUser } from './users.repository.js';
import { UsersService } from './users.service.js';
import { createUserSchema, updateUserSchema } from './user.schemas.js';

const USER_BODY_SCHEMA = {
  type: 'object',
  required: ['username', 'password', 'displayName', 'roles'],
  properties: {
    username: { type: 'string', example: 'julie.bernard' },
    password: { type: 'string', minLength: 8 },
    displayName: { type: 'string', example: 'Julie Bernard' },
    roles: { type: 'array', items: { type: 'string', enum: [...USER_ROLES] } },
    agentId: { type: 'string', nullable: true, example: '1001', description: 'required for the agent role' },
    service: { type: 'string', nullable: true, example: 'urbanisme' },
  },
};

/** Users and roles, for admins only. */
@ApiTags('users')
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Every user with roles and linked agent' })
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Get(':username')
  get(@Param('username') username: string): Promise<UserView> {
    return this.users.get(username);
  }

  @Post()
  @ApiOperation({ summary: 'Create a user {username, password, displayName, roles, agentId?, service?}' })
  @ApiBody({ schema: USER_BODY_SCHEMA })
  create(@Body() body: unknown): Promise<UserView> {
    return this.users.create(parseInput(createUserSchema, body, 'Utilisateur'));
  }

  @Patch(':username')
  @ApiOperation({ summary: 'Change roles, linked agent, display name or password' })
  update(
    @Param('username') username: string,
    @Body() body: unknown,
    @CurrentUser() actor: StoredUser,
  ): Promise<UserView> {
    return this.users.update(username, parseInput(updateUserSchema, body, 'Utilisateur'), actor.username);
  }

  @Delete(':username')
  @HttpCode(204)
  delete(@Param('username') username: string, @CurrentUser() actor: StoredUser): Promise<void> {
    return this.users.delete(username, actor.username);
  }
}
