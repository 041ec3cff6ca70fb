import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import pino from 'pino';
import {
  DEFAULT_DESK_REASONS,
  parisParts,
  parisWallClockToEpoch,
  pauseReasonForMode,
  type AgentMode,
  type DomainEvent,
  type MemberStatus,
  type IrisError,
} from '@iris/shared';
import { connectRedis, closeRedis, REDIS_CLIENT, type RedisClient } from '../../src/redis/redis-client.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { DEDUPE_WINDOW_SECONDS } from '../../src/redis/store-options.js';
import { EventLogRepository } from '../../src/events/event-log.repository.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectionRegistry } from '../../src/projector/projection-registry.js';
import { ProjectionChanges } from '../../src/projector/projection-changes.service.js';
import { Projector } from '../../src/projector/projector.js';
import { registerCallProjections } from '../../src/calls/calls-projections.js';
import { KpiBucketsRepository } from '../../src/calls/kpi-buckets.repository.js';
import { KpiQueryService } from '../../src/calls/kpi-query.service.js';
import { LiveStateReader } from '../../src/calls/live-state.reader.js';
import { LiveStateRepository } from '../../src/calls/live-state.repository.js';
import { Clock } from '../../src/health/clock.js';
import { loadConfig, IRIS_CONFIG } from '../../src/config/iris-config.js';
import { IRIS_LOGGER } from '../../src/logging/logger.js';
import { LIVE_STATE_SOURCE } from '../../src/live/live-state.source.js';
import { StoreLiveStateSource } from '../../src/live/store-live-state.source.js';
import { LiveStateService } from '../../src/live/live-state.service.js';
import { TELEPHONY_LINK } from '../../src/live/telephony-link.js';
import { AgentModeService } from '../../src/agents/agent-mode.service.js';
import { PendingModeRepository } from '../../src/agents/pending-mode.repository.js';
import { MEMBER_CONTROL, type MemberControl } from '../../src/agents/member-control.js';
import { DeskService } from '../../src/desk/desk.service.js';
import { DeskTicketsRepository } from '../../src/desk/desk-tickets.repository.js';
import { DeskQueueProjection } from '../../src/desk/desk-queue.projection.js';
import { DESK_OPTIONS } from '../../src/desk/desk-options.js';
import { RotationService } from '../../src/rotation/rotation.service.js';
import { RotationRepository } from '../../src/rotation/rotation.repository.js';
import { RotationProjection } from '../../src/rotation/rotation.projection.js';
import { StaffingService } from '../../src/staffing/staffing.service.js';
import { StaffingSettingsRepository } from '../../src/staffing/staffing-settings.repository.js';
import { MODE_SWITCHER, STAFFING_OPTIONS, type StaffingOptions } from '../../src/staffing/staffing-options.js';

/**
 * The test day is yesterday (Paris): KPI minute buckets expire 48 h after their minute, by
 * Redis's own clock, so the day must be recent; yesterday is always in the past and recent.
 */
const yesterday = parisParts(Date.now() - 24 * 3600 * 1000);
const dayAt = (hour: number, minute = 0): number =>
  parisWallClockToEpoch(yesterday.year, yesterday.month, yesterday.day, hour, minute);

class TestClock extends Clock {
  time = dayAt(10, 0);
  override now(): number {
    return this.time;
  }
}

const QUEUE = 'accueil-general';
const min = 60_000;
const options: StaffingOptions = {
  targets: {
    serviceLevel: 0.8,
    answerSeconds: 20,
    defaultHandleSeconds: 180,
    deskServiceLevel: 0.8,
    deskWaitSeconds: 900,
    defaultDeskServiceSeconds: 420,
  },
  autoCheckSeconds: 3600,
  autoCooldownMinutes: 20,
};

const idleStatus = (paused: boolean, reason: string): MemberStatus => ({
  deviceState: 'not_in_use',
  paused,
  pausedReason: reason,
  inCall: false,
  callsTaken: 0,
  lastCallAt: 0,
  penalty: 0,
  membership: 'static',
});

/**
 * Asterisk, as far as queue membership goes: confirms each pause the way the AMI bridge
 * does, by the member.paused / member.unpaused events it would report. This is the one
 * stand-in (Asterisk is outside the machine); everything else is the real server code.
 */
class AsteriskMembers implements MemberControl {
  readonly actions: string[] = [];
  constructor(
    private readonly ingest: IngestService,
    private readonly clock: TestClock,
    private readonly names: ReadonlyMap<string, string>,
  ) {}

  async pauseMember(request: { queue?: string; interface: string; reason: string }): Promise<unknown> {
    return this.report('member.paused', request.queue!, request.interface, request.reason);
  }

  async unpauseMember(request: { queue?: string; interface: string; reason?: string }): Promise<unknown> {
    return this.report('member.unpaused', request.queue!, request.interface, request.reason ?? '');
  }

  private async report(
    type: 'member.paused' | 'member.unpaused',
    queue: string,
    iface: string,
    reason: string,
  ): Promise<unknown> {
    this.actions.push(`${type === 'member.paused' ? 'pause' : 'unpause'} ${iface} ${reason}`.trim());
    const agent = { interface: iface, name: this.names.get(iface) ?? iface };
    return this.ingest.ingest([
      {
        id: `ast:${type}:${iface}:${this.clock.time}`,
        type,
        v: 1,
        at: this.clock.time,
        source: 'ami',
        data: { queue, agent, reason },
      } as DomainEvent,
    ]);
  }
}

describe('staffing advice and one-click apply against real Redis', () => {
  let client: RedisClient;
  let moduleRef: TestingModule;
  let staffing: StaffingService;
  let ingest: IngestService;
  let desk: DeskService;
  let asterisk: AsteriskMembers;
  let clock: TestClock;
  let keys: StoreKeys;
  let registry: ProjectionRegistry;

  const team: Array<[string, string, AgentMode]> = [
    ['1001', 'Marc', 'phone'],
    ['1002', 'Paul', 'phone'],
    ['1003', 'Claire', 'desk'],
    ['1004', 'Sophie', 'desk'],
  ];
  const iface = (id: string): string => `PJSIP/${id}`;

  async function project(): Promise<number> {
    const projector = new Projector(client, keys, registry, { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 });
    try {
      return await projector.catchUp();
    } finally {
      await projector.stop();
    }
  }

  /** Members as Asterisk reports them at start, then the modes IRIS confirmed earlier this morning. */
  async function morning(): Promise<void> {
    // Each agent logs into the queue (unpaused) when starting the day on the phones.
    const start = (id: string): number => (id === '1003' ? dayAt(7, 50) : dayAt(8, 0));
    const events: DomainEvent[] = [];
    for (const [id, name] of team) {
      events.push({
        id: `seed:added:${id}`,
        type: 'member.added',
        v: 1,
        at: start(id),
        source: 'ami',
        data: {
          queue: QUEUE,
          agent: { interface: iface(id), name },
          status: idleStatus(false, ''),
        },
      });
    }
    // What Asterisk reports when IRIS switched someone to the desk: the member paused with the mode as reason.
    const pausedAt = (id: string, at: number): DomainEvent => ({
      id: `seed:paused:${id}:${at}`,
      type: 'member.paused',
      v: 1,
      at,
      source: 'ami',
      data: {
        queue: QUEUE,
        agent: { interface: iface(id), name: team.find(([member]) => member === id)![1] },
        reason: pauseReasonForMode('desk'),
      },
    });
    // Claire at the desk since 8:20 (1 h 40 at 10:00), Sophie since 9:40; Claire did 30 min of phone before.
    const modeAt = (id: string, mode: AgentMode, at: number): DomainEvent => ({
      id: `seed:mode:${id}:${at}`,
      type: 'agent.mode_changed',
      v: 1,
      at,
      source: 'iris',
      data: { agentId: id, mode, previousMode: null, requestedBy: 'seed' },
    });
    events.push(
      modeAt('1001', 'phone', dayAt(8, 0)),
      modeAt('1002', 'phone', dayAt(8, 0)),
      modeAt('1003', 'phone', dayAt(7, 50)),
      modeAt('1003', 'desk', dayAt(8, 20)),
      modeAt('1004', 'phone', dayAt(8, 0)),
      modeAt('1004', 'desk', dayAt(9, 40)),
      pausedAt('1003', dayAt(8, 20)),
      pausedAt('1004', dayAt(9, 40)),
    );
    await ingest.ingest(events.sort((a, b) => a.at - b.at));
  }

  /** `count` answered-and-ended calls in the last 15 minutes, plus `waiting` callers still queued. */
  async function callsPilingUp(count: number, waiting: number): Promise<void> {
    const events: DomainEvent[] = [];
    for (let i = 0; i < count; i += 1) {
      const callId = `c${i}`;
      const base = { callId, linkedId: callId, queue: QUEUE };
      const at = clock.time - 14 * min + i * min;
      const agent = { interface: iface(i % 2 === 0 ? '1001' : '1002'), name: i % 2 === 0 ? 'Marc' : 'Paul' };
      events.push(
        {
          id: `${callId}:q`,
          type: 'call.queued',
          v: 1,
          at: at - 30_000,
          source: 'ami',
          data: { ...base, callerNumber: '0146000000', callerName: null, position: 1 },
        },
        {
          id: `${callId}:a`,
          type: 'call.answered',
          v: 1,
          at,
          source: 'ami',
          data: { ...base, agent, holdSeconds: 30, ringSeconds: 3, serviceLevelSeconds: 20 },
        },
        {
          id: `${callId}:e`,
          type: 'call.ended',
          v: 1,
          at: at + 20_000,
          source: 'ami',
          data: { ...base, agent, holdSeconds: 30, talkSeconds: 180, endedBy: 'caller' },
        },
      );
    }
    for (let i = 0; i < waiting; i += 1) {
      const callId = `w${i}`;
      events.push({
        id: `${callId}:q`,
        type: 'call.queued',
        v: 1,
        at: clock.time - min,
        source: 'ami',
        data: { callId, linkedId: callId, queue: QUEUE, callerNumber: '0146000001', callerName: null, position: i + 1 },
      });
    }
    await ingest.ingest(events.sort((a, b) => a.at - b.at));
  }

  beforeEach(async () => {
    client = await connectRedis(process.env.REDIS_URL!);
    const prefix = `test:${randomUUID()}:`;
    keys = new StoreKeys(prefix);
    clock = new TestClock();
    registry = new ProjectionRegistry();
    registerCallProjections(registry);
    registry.register(new DeskQueueProjection());
    registry.register(new RotationProjection());
    const config = loadConfig({ AMI_ENABLED: 'false', IRIS_KEY_PREFIX: prefix, REDIS_URL: process.env.REDIS_URL });
    moduleRef = await Test.createTestingModule({
      providers: [
        { provide: REDIS_CLIENT, useValue: client },
        { provide: StoreKeys, useValue: keys },
        { provide: DEDUPE_WINDOW_SECONDS, useValue: 3600 },
        { provide: Clock, useValue: clock },
        { provide: IRIS_CONFIG, useValue: config },
        { provide: IRIS_LOGGER, useValue: pino({ level: 'silent' }) },
        {
          provide: TELEPHONY_LINK,
          useValue: { view: () => ({ state: 'connected', since: 0 }), onChange: () => () => {} },
        },
        { provide: DESK_OPTIONS, useValue: { reasons: DEFAULT_DESK_REASONS, kioskTicketsPerMinute: 100 } },
        { provide: STAFFING_OPTIONS, useValue: options },
        { provide: LIVE_STATE_SOURCE, useClass: StoreLiveStateSource },
        {
          provide: MEMBER_CONTROL,
          useFactory: (ingestService: IngestService) =>
            new AsteriskMembers(ingestService, clock, new Map(team.map(([id, name]) => [iface(id), name]))),
          inject: [IngestService],
        },
        { provide: MODE_SWITCHER, useExisting: AgentModeService },
        EventLogRepository,
        IngestService,
        ProjectionChanges,
        KpiBucketsRepository,
        KpiQueryService,
        LiveStateRepository,
        LiveStateReader,
        LiveStateService,
        PendingModeRepository,
        AgentModeService,
        DeskTicketsRepository,
        DeskService,
        RotationRepository,
        RotationService,
        StaffingSettingsRepository,
        StaffingService,
      ],
    }).compile();
    moduleRef.get(KpiQueryService).useClock(() => clock.time);
    staffing = moduleRef.get(StaffingService);
    ingest = moduleRef.get(IngestService);
    desk = moduleRef.get(DeskService);
    asterisk = moduleRef.get(MEMBER_CONTROL);
    await morning();
  });

  afterEach(async () => {
    await moduleRef.close();
    await closeRedis(client);
  });

  it('calls piling up with an idle desk: advises moving Claire, applies it in one click through Asterisk', async () => {
    await callsPilingUp(4, 3);
    await project();
    const advice = await staffing.advice();
    expect(advice).toMatchObject({ status: 'move', phoneNeeded: 3, phonePresent: 2, deskNeeded: 0, deskPresent: 2 });
    expect(advice.message).toBe(
      "3 agents nécessaires au téléphone, 2 présents : déplacer Claire (à l'accueil depuis 1 h 40)",
    );

    const result = await staffing.apply('chef', [{ agentId: '1003', to: 'phone' }]);
    expect(result.outcomes.map((o) => [o.move.agentId, o.ok])).toEqual([['1003', true]]);
    expect(asterisk.actions).toEqual(['unpause PJSIP/1003']);
    await project();
    const after = await staffing.advice();
    expect(after).toMatchObject({ status: 'balanced', phonePresent: 3, deskPresent: 1, moves: [] });
    // Nothing left to apply: a second click is refused, not repeated.
    await expect(staffing.apply('chef')).rejects.toMatchObject({
      code: 'STAFFING_ADVICE_CONFLICT',
    } satisfies Partial<IrisError>);
  });

  it('both queues busy: no move is advised and apply refuses', async () => {
    await callsPilingUp(8, 4);
    for (let i = 0; i < 4; i += 1) {
      clock.time -= min;
      await desk.takeTicket('etat-civil', 'kiosk');
    }
    clock.time += 4 * min;
    await project();
    const advice = await staffing.advice();
    expect(advice).toMatchObject({ status: 'understaffed', deskPresent: 2, phonePresent: 2, moves: [] });
    expect(advice.deskNeeded).toBeGreaterThanOrEqual(2);
    await expect(staffing.apply('chef')).rejects.toMatchObject({ code: 'STAFFING_ADVICE_CONFLICT' });
    expect(asterisk.actions).toEqual([]);
  });

  it('night: no calls, nobody moved, even with the automatic switch on', async () => {
    clock.time = dayAt(23, 0);
    await project();
    expect(await staffing.advice()).toMatchObject({ status: 'idle', phoneNeeded: 0, deskNeeded: 0, moves: [] });
    await staffing.setAutomatic(true, 'chef');
    expect(await staffing.automaticRound()).toBeNull();
    expect(asterisk.actions).toEqual([]);
  });

  it('the automatic switch is off by default; once on, it moves once and then leaves the agent alone', async () => {
    await callsPilingUp(4, 3);
    await project();
    expect(await staffing.automatic()).toMatchObject({ enabled: false });
    expect(await staffing.automaticRound()).toBeNull();
    expect(asterisk.actions).toEqual([]);

    await staffing.setAutomatic(true, 'chef');
    const round = await staffing.automaticRound();
    expect(round?.outcomes.map((o) => [o.move.agentId, o.move.to, o.ok])).toEqual([['1003', 'phone', true]]);
    expect(asterisk.actions).toEqual(['unpause PJSIP/1003']);
    await project();
    // The change counts in the fairness report as phone time from now on.
    clock.time += 30_000;
    expect((await moduleRef.get(RotationService).phoneTimeToday()).get('1003')).toBe(30 * min + 30_000);

    // Claire goes back to the desk by herself: the phones are short again, but she was moved
    // automatically 30 seconds ago, so the next round takes Sophie instead of ping-ponging her.
    await moduleRef.get(AgentModeService).requestMode('1003', 'desk', '1003');
    await project();
    expect((await staffing.advice()).moves.map((m) => m.agentId)).toEqual(['1003']);
    await client.del(`${keys.staffingSettings()}:round`); // the next round (normally a minute later)
    const next = await staffing.automaticRound();
    expect(next?.outcomes.map((o) => [o.move.agentId, o.move.to, o.ok])).toEqual([['1004', 'phone', true]]);
    expect(asterisk.actions).toEqual(['unpause PJSIP/1003', 'pause PJSIP/1003 iris:desk', 'unpause PJSIP/1004']);
  });
});
