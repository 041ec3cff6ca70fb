import { Inject, Injectable } from '@nestjs/common';
import { isUserRole, type UserRole, type UserView } from '@iris/shared';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { StoreKeys } from '../redis/keys.js';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';

export interface StoredUser extends UserView {
  readonly passwordHash: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Users in Redis: one hash per user plus a set of user names. */
@Injectable()
export class UsersRepository {
  private readonly keys: StoreKeys;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(IRIS_CONFIG) config: IrisConfig,
  ) {
    this.keys = new StoreKeys(config.keyPrefix);
  }

  async find(username: string): Promise<StoredUser | null> {
    const fields = await this.redis.hGetAll(this.keys.user(username));
    return fields.username ? decode(fields) : null;
  }

  async list(): Promise<StoredUser[]> {
    const names = (await this.redis.sMembers(this.keys.userIndex())).sort();
    const users = await Promise.all(names.map((name) => this.find(name)));
    return users.filter((user): user is StoredUser => user !== null);
  }

  /** Creates the user unless the name is taken; false when it was. */
  async create(user: StoredUser): Promise<boolean> {
    const added = await this.redis.sAdd(this.keys.userIndex(), user.username);
    if (added === 0) return false;
    await this.redis.hSet(this.keys.user(user.username), encode(user));
    return true;
  }

  async save(user: StoredUser): Promise<void> {
    await this.redis
      .multi()
      .hSet(this.keys.user(user.username), encode(user))
      .sAdd(this.keys.userIndex(), user.username)
      .exec();
  }

  async delete(username: string): Promise<boolean> {
    const [removed] = await this.redis
      .multi()
      .sRem(this.keys.userIndex(), username)
      .del(this.keys.user(username))
      .exec();
    return Number(removed) > 0;
  }
}

function encode(user: StoredUser): Record<string, string> {
  return {
    username: user.username,
    displayName: user.displayName,
    roles: JSON.stringify(user.roles),
    agentId: user.agentId ?? '',
    service: user.service ?? '',
    passwordHash: user.passwordHash,
    createdAt: String(user.createdAt),
    updatedAt: String(user.updatedAt),
  };
}

function decode(fields: Record<string, string>): StoredUser {
  const roles = (JSON.parse(fields.roles ?? '[]') as unknown[]).filter(isUserRole) as UserRole[];
  return {
    username: fields.username ?? '',
    displayName: fields.displayName ?? fields.username ?? '',
    roles,
    agentId: fields.agentId ? fields.agentId : null,
    service: fields.service ? fields.service : null,
    passwordHash: fields.passwordHash ?? '',
    createdAt: Number(fields.createdAt ?? 0),
    updatedAt: Number(fields.updatedAt ?? 0),
  };
}

export function toUserView(user: StoredUser): UserView {
  return {
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    agentId: user.agentId,
    service: user.service,
  };
}
