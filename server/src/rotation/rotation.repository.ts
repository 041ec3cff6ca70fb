import { Inject, Injectable } from '@nestjs/common';
import type { AgentModeChanged, DayPlan } from '@iris/shared';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import { flatReplyToMap } from '../projector/projection-store.repository.js';

/** Reads the rotation projections: day plans and the mode changes of given days. */
@Injectable()
export class RotationRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  /** Plans of these dates, in the same order; a date never planned gives revision 0 and no slots. */
  async plans(dates: ReadonlyArray<string>): Promise<DayPlan[]> {
    if (dates.length === 0) return [];
    const replies = (await this.client.sendCommand([
      'HMGET',
      this.keys.projections().rotationPlans(),
      ...dates,
    ])) as Array<string | null>;
    return dates.map((date, i) => {
      const json = replies[i];
      return json ? (JSON.parse(json) as DayPlan) : { date, revision: 0, slots: [] };
    });
  }

  async modeChanges(days: ReadonlyArray<string>): Promise<AgentModeChanged[]> {
    const replies = await Promise.all(
      days.map((day) => this.client.sendCommand(['HGETALL', this.keys.projections().agentModeChanges(day)])),
    );
    return replies.flatMap((reply) =>
      [...flatReplyToMap(reply).values()].map((json) => JSON.parse(json) as AgentModeChanged),
    );
  }
}
