import { Inject, Injectable } from '@nestjs/common';
import { isAgentMode, type AgentMode } from '@iris/shared';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { StoreKeys } from '../redis/keys.js';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';

/** How long a mode change may wait for Asterisk before it is given up (and the key expires). */
export const PENDING_MODE_TTL_SECONDS = 30;

export interface PendingMode {
  readonly mode: AgentMode;
  readonly requestedBy: string;
  readonly requestId: string;
  readonly at: number;
}

/**
 * Mode changes asked for and not yet confirmed by Asterisk, one per agent, shared by every
 * replica (so a second request while one is pending is refused wherever it arrives).
 */
@Injectable()
export class PendingModeRepository {
  private readonly keys: StoreKeys;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(IRIS_CONFIG) config: IrisConfig,
  ) {
    this.keys = new StoreKeys(config.keyPrefix);
  }

  /** Records the pending change unless one is already pending; false if one was. */
  async claim(agentId: string, pending: PendingMode): Promise<boolean> {
    const reply = await this.redis.set(this.keys.pendingAgentMode(agentId), JSON.stringify(pending), {
      condition: 'NX',
      expiration: { type: 'EX', value: PENDING_MODE_TTL_SECONDS },
    });
    return reply === 'OK';
  }

  async release(agentId: string, requestId: string): Promise<void> {
    const current = await this.find(agentId);
    if (current?.requestId === requestId) await this.redis.del(this.keys.pendingAgentMode(agentId));
  }

  async find(agentId: string): Promise<PendingMode | null> {
    return parse(await this.redis.get(this.keys.pendingAgentMode(agentId)));
  }

  /** Pending modes of several agents at once (for the supervisor view). */
  async findMany(agentIds: ReadonlyArray<string>): Promise<Map<string, PendingMode>> {
    const found = new Map<string, PendingMode>();
    if (agentIds.length === 0) return found;
    const values = await this.redis.mGet(agentIds.map((id) => this.keys.pendingAgentMode(id)));
    values.forEach((value, index) => {
      const pending = parse(value as string | null);
      if (pending) found.set(agentIds[index]!, pending);
    });
    return found;
  }
}

function parse(raw: string | null | undefined): PendingMode | null {
  if (!raw) return null;
  const value = JSON.parse(raw) as PendingMode;
  return isAgentMode(value.mode) ? value : null;
}
