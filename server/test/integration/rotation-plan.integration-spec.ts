import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import {
  parisWallClockToEpoch,
  planToCsv,
  type AgentMode,
  type AgentModeChanged,
  type IrisError,
  type PlanSlot,
} from '@iris/shared';
import { connectRedis, closeRedis, REDIS_CLIENT, type RedisClient } from '../../src/redis/redis-client.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { DEDUPE_WINDOW_SECONDS } from '../../src/redis/store-options.js';
import { EventLogRepository } from '../../src/events/event-log.repository.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectionRegistry } from '../../src/projector/projection-registry.js';
import { Projector } from '../../src/projector/projector.js';
import { Clock } from '../../src/health/clock.js';
import { RotationController } from '../../src/rotation/rotation.controller.js';
import { RotationProjection } from '../../src/rotation/rotation.projection.js';
import { RotationRepository } from '../../src/rotation/rotation.repository.js';
import { RotationService } from '../../src/rotation/rotation.service.js';

class TestClock extends Clock {
  time = parisWallClockToEpoch(2026, 11, 26, 11, 0);
  override now(): number {
    return this.time;
  }
}

const rules = { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 };
const at = (hour: number, minute = 0): number => parisWallClockToEpoch(2026, 11, 26, hour, minute);

const plan: PlanSlot[] = [
  { agentId: 'claire', date: '2026-11-26', start: '09:00', end: '10:30', mode: 'desk' },
  { agentId: 'claire', date: '2026-11-26', start: '10:30', end: '12:30', mode: 'phone' },
  { agentId: 'marc', date: '2026-11-26', start: '09:00', end: '12:30', mode: 'phone' },
  { agentId: 'marc', date: '2026-11-27', start: '09:00', end: '12:30', mode: 'desk' },
];

describe('rotation plan against real Redis', () => {
  let client: RedisClient;
  let moduleRef: TestingModule;
  let rotation: RotationService;
  let ingest: IngestService;
  let clock: TestClock;
  let keys: StoreKeys;
  let registry: ProjectionRegistry;

  async function project(): Promise<number> {
    const projector = new Projector(client, keys, registry, rules);
    try {
      return await projector.catchUp();
    } finally {
      await projector.stop();
    }
  }

  async function codeOf(action: Promise<unknown>): Promise<string> {
    try {
      await action;
      return 'ok';
    } catch (error) {
      return (error as IrisError).code;
    }
  }

  function modeChanged(agentId: string, mode: AgentMode, when: number): AgentModeChanged {
    return {
      id: `agent.mode_changed:${agentId}:${when}`,
      type: 'agent.mode_changed',
      v: 1,
      at: when,
      source: 'iris',
      data: { agentId, mode, previousMode: null, requestedBy: 'test' },
    };
  }

  beforeEach(async () => {
    client = await connectRedis(process.env.REDIS_URL!);
    keys = new StoreKeys(`test:${randomUUID()}:`);
    clock = new TestClock();
    registry = new ProjectionRegistry();
    registry.register(new RotationProjection());
    moduleRef = await Test.createTestingModule({
      controllers: [RotationController],
      providers: [
        { provide: REDIS_CLIENT, useValue: client },
        { provide: StoreKeys, useValue: keys },
        { provide: DEDUPE_WINDOW_SECONDS, useValue: 3600 },
        { provide: Clock, useValue: clock },
        EventLogRepository,
        IngestService,
        RotationRepository,
        RotationService,
      ],
    }).compile();
    rotation = moduleRef.get(RotationService);
    ingest = moduleRef.get(IngestService);
  });

  afterEach(async () => {
    await moduleRef.close();
    await closeRedis(client);
  });

  it('imports a CSV, stores it through the log, and exports the same file', async () => {
    const csv = planToCsv(plan);
    const imported = await rotation.importCsv(csv, 'chef');
    expect(imported).toMatchObject({ dates: ['2026-11-26', '2026-11-27'], slots: 4 });
    expect(imported.plans.map((p) => [p.date, p.revision, p.slots.length])).toEqual([
      ['2026-11-26', 1, 3],
      ['2026-11-27', 1, 1],
    ]);
    expect(await project()).toBe(2);
    const plans = await rotation.plans('2026-11-26', '2026-11-28');
    expect(plans.map((p) => [p.date, p.revision, p.slots.length])).toEqual([
      ['2026-11-26', 1, 3],
      ['2026-11-27', 1, 1],
      ['2026-11-28', 0, 0],
    ]);
    expect(await rotation.exportCsv('2026-11-26', '2026-11-27')).toBe(csv);
  });

  it('a re-import replaces only the agents it lists; a bad file imports nothing', async () => {
    await rotation.importCsv(planToCsv(plan), 'chef');
    await project();
    await rotation.importCsv('Agent;Date;Début;Fin;Mode\nmarc;26/11/2026;09:00;17:00;courrier\n', 'chef');
    await project();
    const [day] = await rotation.plans('2026-11-26', '2026-11-26');
    expect(day!.revision).toBe(2);
    expect(day!.slots.filter((s) => s.agentId === 'claire')).toHaveLength(2);
    expect(day!.slots.filter((s) => s.agentId === 'marc')).toEqual([
      { agentId: 'marc', date: '2026-11-26', start: '09:00', end: '17:00', mode: 'mail' },
    ]);

    const before = await client.sendCommand(['XLEN', keys.eventLog()]);
    expect(
      await codeOf(
        rotation.importCsv(
          'Agent;Date;Début;Fin;Mode\nmarc;26/11/2026;09:00;17:00;courrier\nmarc;30/02/2026;09:00;10:00;accueil\n',
          'chef',
        ),
      ),
    ).toBe('ROTATION_CSV_INVALID');
    expect(await client.sendCommand(['XLEN', keys.eventLog()])).toBe(before);
  });

  it('refuses a save made from a stale revision, and the second of two racing saves', async () => {
    const slots = plan.filter((s) => s.date === '2026-11-26');
    await rotation.setDayPlan('2026-11-26', slots, 0, 'chef');
    await project();
    expect(await codeOf(rotation.setDayPlan('2026-11-26', slots.slice(1), 0, 'adjoint'))).toBe(
      'ROTATION_PLAN_CONFLICT',
    );
    // Both read revision 1 before either is projected: only one revision 2 enters the log.
    const results = await Promise.all([
      codeOf(rotation.setDayPlan('2026-11-26', slots, 1, 'a')),
      codeOf(rotation.setDayPlan('2026-11-26', slots, 1, 'b')),
    ]);
    expect(results.sort()).toEqual(['ROTATION_PLAN_CONFLICT', 'ok']);
    expect(await codeOf(rotation.setDayPlan('2026-11-26', [{ ...slots[0]!, end: '08:00' }], undefined, 'chef'))).toBe(
      'ROTATION_PLAN_INVALID',
    );
  });

  it('shows deviations, planned vs actual and the fairness report from real mode changes', async () => {
    await rotation.setDayPlan(
      '2026-11-26',
      plan.filter((s) => s.date === '2026-11-26'),
      undefined,
      'chef',
    );
    await ingest.ingest([
      modeChanged('claire', 'phone', parisWallClockToEpoch(2026, 11, 25, 16, 0)),
      modeChanged('claire', 'desk', at(9, 0)),
      modeChanged('marc', 'phone', at(9, 0)),
      modeChanged('marc', 'desk', at(10, 0)),
    ]);
    await project();
    expect(await rotation.deviations('2026-11-26')).toEqual([
      { agentId: 'claire', from: at(10, 30), to: at(11, 0), planned: 'phone', actual: 'desk' },
      { agentId: 'marc', from: at(10, 0), to: at(11, 0), planned: 'phone', actual: 'desk' },
    ]);
    expect(await rotation.plannedVsActual()).toEqual([
      { agentId: 'claire', planned: 'phone', actual: 'desk', deviates: true },
      { agentId: 'marc', planned: 'phone', actual: 'desk', deviates: true },
    ]);
    const fairness = await rotation.fairness('2026-11-26');
    const claire = fairness.find((f) => f.agentId === 'claire')!;
    expect(claire.days['2026-11-26']).toMatchObject({ phone: 9 * 3_600_000, desk: 2 * 3_600_000 });
    expect(claire.days['2026-11-25']!.phone).toBe(8 * 3_600_000);
    expect(claire.week.phone).toBe(17 * 3_600_000);
    expect((await rotation.phoneTimeToday()).get('marc')).toBe(3_600_000);
  });

  describe('over HTTP', () => {
    let app: INestApplication;
    let base: string;

    beforeEach(async () => {
      app = moduleRef.createNestApplication();
      app.use((request: { user?: unknown }, _response: unknown, next: () => void) => {
        request.user = { username: 'chef', displayName: 'Chef', roles: ['supervisor'], agentId: null, service: null };
        next();
      });
      await app.listen(0, '127.0.0.1');
      base = `${await app.getUrl()}/api/rotation`.replace('[::1]', '127.0.0.1');
    });

    afterEach(async () => {
      await app.close();
    });

    it('round-trips a CSV file: text/csv upload, download with BOM and French headers', async () => {
      const upload = await fetch(`${base}/plans.csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv; charset=utf-8' },
        body: planToCsv(plan),
      });
      expect(upload.status).toBe(200);
      expect(await upload.json()).toMatchObject({ dates: ['2026-11-26', '2026-11-27'], slots: 4 });
      await project();
      const download = await fetch(`${base}/plans.csv?from=2026-11-26&to=2026-11-27`);
      expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const bytes = new Uint8Array(await download.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(text).toBe(planToCsv(plan));
      expect(text.split('\r\n')[0]).toBe('\uFEFFAgent;Date;Début;Fin;Mode');
    });
  });
});
