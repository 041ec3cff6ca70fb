import { Inject, Injectable } from '@nestjs/common';
import { IrisError, type UserView } from '@iris/shared';
import { hashPassword } from '../auth/password-hasher.js';
import { Clock } from '../health/clock.js';
import { toUserView, UsersRepository, type StoredUser } from './users.repository.js';
import type { CreateUserInput, UpdateUserInput } from './user.schemas.js';
import type { DemoUser } from './demo-users.js';

/** Users and their roles, managed by an admin. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async list(): Promise<UserView[]> {
    return (await this.users.list()).map(toUserView);
  }

  async get(username: string): Promise<UserView> {
    return toUserView(await this.require(username));
  }

  async create(input: CreateUserInput): Promise<UserView> {
    const now = this.clock.now();
    const user: StoredUser = {
      username: input.username,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      agentId: input.agentId,
      service: input.service,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
      updatedAt: now,
    };
    if (!(await this.users.create(user))) {
      throw new IrisError('USER_ALREADY_EXISTS', `L’utilisateur « ${input.username} » existe déjà.`);
    }
    return toUserView(user);
  }

  async update(username: string, input: UpdateUserInput, actingUser: string): Promise<UserView> {
    const current = await this.require(username);
    const next: StoredUser = {
      ...current,
      displayName: input.displayName ?? current.displayName,
      roles: input.roles ? [...new Set(input.roles)] : current.roles,
      agentId: input.agentId !== undefined ? input.agentId : current.agentId,
      service: input.service !== undefined ? input.service : current.service,
      passwordHash: input.password ? await hashPassword(input.password) : current.passwordHash,
      updatedAt: this.clock.now(),
    };
    if (next.roles.includes('agent') && next.agentId === null) {
      throw new IrisError('VALIDATION_FAILED', 'Un utilisateur agent doit être lié à un agent (agentId).');
    }
    if (username === actingUser && current.roles.includes('admin') && !next.roles.includes('admin')) {
      throw new IrisError(
        'USER_SELF_DEMOTION_FORBIDDEN',
        'Vous ne pouvez pas retirer votre propre rôle admin : demandez-le à un autre admin.',
      );
    }
    await this.users.save(next);
    return toUserView(next);
  }

  async delete(username: string, actingUser: string): Promise<void> {
    if (username === actingUser) {
      throw new IrisError('USER_SELF_DELETE_FORBIDDEN', 'Vous ne pouvez pas supprimer votre propre compte.');
    }
    if (!(await this.users.delete(username))) throw notFound(username);
  }

  /** Creates the demo users that do not exist yet (an existing user is left as it is). */
  async seedDemo(demoUsers: ReadonlyArray<DemoUser>): Promise<number> {
    let created = 0;
    for (const demo of demoUsers) {
      if (await this.users.find(demo.username)) continue;
      try {
        await this.create({ ...demo, roles: [...demo.roles] });
        created += 1;
      } catch (error) {
        // Another replica seeded it at the same moment: fine.
        if (!(error instanceof IrisError && error.code === 'USER_ALREADY_EXISTS')) throw error;
      }
    }
    return created;
  }

  private async require(username: string): Promise<StoredUser> {
    const user = await this.users.find(username);
    if (!user) throw notFound(username);
    return user;
  }
}

function notFound(username: string): IrisError {
  return new IrisError('USER_NOT_FOUND', `Aucun utilisateur « ${username} ».`);
}
