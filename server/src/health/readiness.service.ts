import { Inject, Injectable } from '@nestjs/common';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { ProjectorService } from '../projector/projector.service.js';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { TelephonyService } from '../telephony/telephony.service.js';

export interface ReadinessCheck {
  readonly ok: boolean;
  readonly detail: string;
}

export interface Readiness {
  readonly ready: boolean;
  readonly checks: {
    readonly redis: ReadinessCheck;
    readonly telephony: ReadinessCheck;
    readonly projector: ReadinessCheck;
  };
  /** Why not ready, one sentence per failed check (empty when ready). */
  readonly reasons: ReadonlyArray<string>;
}

/** /health/ready: Redis answers, AMI connected (or explicitly disabled), projector not lagging. */
@Injectable()
export class ReadinessService {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClient,
    @Inject(TelephonyService) private readonly telephony: TelephonyService,
    @Inject(ProjectorService) private readonly projector: ProjectorService,
    @Inject(IRIS_CONFIG) private readonly config: IrisConfig,
  ) {}

  async check(): Promise<Readiness> {
    const [redis, projector] = await Promise.all([this.checkRedis(), this.checkProjector()]);
    const telephony = this.checkTelephony();
    const checks = { redis, telephony, projector };
    const reasons = Object.entries(checks)
      .filter(([, check]) => !check.ok)
      .map(([name, check]) => `${name}: ${check.detail}`);
    return { ready: reasons.length === 0, checks, reasons };
  }

  private async checkRedis(): Promise<ReadinessCheck> {
    try {
      const reply = await withTimeout(this.redis.ping(), 2_000);
      return { ok: reply === 'PONG', detail: `ping ${String(reply)}` };
    } catch (error) {
      return { ok: false, detail: `unreachable (${(error as Error).message})` };
    }
  }

  private checkTelephony(): ReadinessCheck {
    const status = this.telephony.status();
    if (!status.enabled) return { ok: true, detail: 'disabled (AMI_ENABLED=false)' };
    return status.state === 'connected'
      ? { ok: true, detail: 'connected' }
      : { ok: false, detail: `AMI ${status.state} since ${new Date(status.since).toISOString()}` };
  }

  private async checkProjector(): Promise<ReadinessCheck> {
    try {
      const status = await withTimeout(this.projector.status(), 2_000);
      const lagSeconds = status.lagMs / 1000;
      const detail = `lag ${lagSeconds.toFixed(1)} s, ${status.lagEvents} events behind${status.holder ? ' (this replica projects)' : ''}`;
      return { ok: lagSeconds <= this.config.readyMaxProjectorLagSeconds, detail };
    } catch (error) {
      return { ok: false, detail: `status unavailable (${(error as Error).message})` };
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
