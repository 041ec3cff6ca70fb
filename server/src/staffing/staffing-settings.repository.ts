import { Inject, Injectable } from '@nestjs/common';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';

export interface AutomaticSetting {
  readonly enabled: boolean;
  readonly changedBy: string | null;
  readonly changedAt: number | null;
}

/** The automatic switch (off unless a supervisor turned it on) and the last automatic move per agent. */
@Injectable()
export class StaffingSettingsRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  async automatic(): Promise<AutomaticSetting> {
    const fields = await this.client.hGetAll(this.keys.staffingSettings());
    return {
      enabled: fields.automatic === '1',
      changedBy: fields.changedBy ?? null,
      changedAt: fields.changedAt ? Number(fields.changedAt) : null,
    };
  }

  async setAutomatic(enabled: boolean, changedBy: string, at: number): Promise<AutomaticSetting> {
    await this.client.hSet(this.keys.staffingSettings(), {
      automatic: enabled ? '1' : '0',
      changedBy,
      changedAt: String(at),
    });
    return { enabled, changedBy, changedAt: at };
  }

  /** Takes the right to run one automatic round (one replica per round, across the cluster). */
  async claimAutomaticRound(ttlMs: number): Promise<boolean> {
    const reply: unknown = await this.client.sendCommand([
      'SET',
      `${this.keys.staffingSettings()}:round`,
      '1',
      'NX',
      'PX',
      String(ttlMs),
    ]);
    return reply === 'OK';
  }

  async lastAutomaticMoves(): Promise<Map<string, number>> {
    const fields = await this.client.hGetAll(this.keys.staffingAutoMoves());
    return new Map(Object.entries(fields).map(([agentId, at]) => [agentId, Number(at)]));
  }

  async recordAutomaticMove(agentId: string, at: number): Promise<void> {
    await this.client.hSet(this.keys.staffingAutoMoves(), agentId, String(at));
  }
}
