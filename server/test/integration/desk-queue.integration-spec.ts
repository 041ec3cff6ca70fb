import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { DEFAULT_DESK_REASONS, parisWallClockToEpoch, type DeskError } from '@iris/shared';
import { connectRedis, closeRedis, REDIS_CLIENT, type RedisClient } from '../../src/redis/redis-client.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { DEDUPE_WINDOW_SECONDS } from '../../src/redis/store-options.js';
import { EventLogRepository } from '../../src/events/event-log.repository.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectionRegistry } from '../../src/projector/projection-registry.js';
import { Projector } from '../../src/projector/projector.js';
import { Clock } from '../../src/health/clock.js';
import { DeskService } from '../../src/desk/desk.service.js';
import { DeskTicketsRepository } from '../../src/desk/desk-tickets.repository.js';
import { DeskQueueProjection } from '../../src/desk/desk-queue.projection.js';
import { DESK_OPTIONS } from '../../src/desk/desk-options.js';

class TestClock extends Clock {
  time = parisWallClockToEpoch(2026, 11, 26, 9, 0);
  override now(): number {
    return this.time;
  }
}

const rules = { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 };
const min = 60_000;

describe('desk queue against real Redis', () => {
  let client: RedisClient;
  let moduleRef: TestingModule;
  let desk: DeskService;
  let clock: TestClock;
  let keys: StoreKeys;
  let registry: ProjectionRegistry;

  /** Projects everything ingested so far, as the live projector would. */
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
      return (error as DeskError).code;
    }
  }

  beforeEach(async () => {
    client = await connectRedis(process.env.REDIS_URL!);
    keys = new StoreKeys(`test:${randomUUID()}:`);
    clock = new TestClock();
    registry = new ProjectionRegistry();
    registry.register(new DeskQueueProjection());
    moduleRef = await Test.createTestingModule({
      providers: [
        { provide: REDIS_CLIENT, useValue: client },
        { provide: StoreKeys, useValue: keys },
        { provide: DEDUPE_WINDOW_SECONDS, useValue: 3600 },
        { provide: Clock, useValue: clock },
        { provide: DESK_OPTIONS, useValue: { reasons: DEFAULT_DESK_REASONS, kioskTicketsPerMinute: 5 } },
        EventLogRepository,
        IngestService,
        DeskTicketsRepository,
        DeskService,
      ],
    }).compile();
    desk = moduleRef.get(DeskService);
  });

  afterEach(async () => {
    await moduleRef.close();
    await closeRedis(client);
  });

  it('kiosk -> call to a counter -> served, with live figures and the hall display', async () => {
    const first = await desk.takeTicket('etat-civil', 'kiosk-1');
    clock.time += 1 * min;
    const second = await desk.takeTicket('etat-civil', 'kiosk-1');
    clock.time += 1 * min;
    const third = await desk.takeTicket('identite', 'kiosk-1');
    expect([first.number, second.number, third.number]).toEqual(['A-001', 'A-002', 'B-001']);
    expect(first.reasonLabel).toBe('État civil (actes, livret de famille, mariage)');
    expect(await project()).toBe(3);

    let figures = await desk.figures();
    expect(figures).toMatchObject({ day: '2026-11-26', waiting: 3, served: 0, oldestWaitingSince: first.takenAt });

    clock.time += 3 * min; // A-001 waited 5 min
    const called = await desk.callNext('claire', '2');
    expect(called).toMatchObject({ number: 'A-001', counter: '2', status: 'called' });
    await project();
    const board = await desk.publicDisplay();
    expect(board.lastCalled).toEqual([
      { ticketId: first.ticketId, number: 'A-001', counter: '2', calledAt: clock.time },
    ]);
    expect(board.waiting).toBe(2);

    clock.time += 4 * min;
    await desk.markServed(first.ticketId, 'claire');
    await project();
    figures = await desk.figures();
    expect(figures).toMatchObject({ waiting: 2, served: 1, inService: 0, meanWaitSeconds: 300 });
    expect(figures.perReason['etat-civil']).toMatchObject({ waiting: 1, served: 1, meanWaitSeconds: 300 });
    expect(figures.perReason.identite).toMatchObject({ waiting: 1, served: 0, meanWaitSeconds: null });
  });

  it('two agents calling at once never get the same visitor', async () => {
    await desk.takeTicket('etat-civil', 'kiosk-1');
    clock.time += min;
    await desk.takeTicket('famille', 'kiosk-1');
    await project();
    // Both read the same projection (neither call projected yet): the dedupe of "called #1" decides.
    const [a, b] = await Promise.all([desk.callNext('claire', '1'), desk.callNext('sophie', '2')]);
    expect([a?.number, b?.number].sort()).toEqual(['A-001', 'C-001']);
    await project();
    expect(await desk.callNext('paul', '3')).toBeNull();
    expect((await desk.figures()).inService).toBe(2);
  });

  it('redirects to a service, refuses to close twice or before the call, and loses nothing on replay', async () => {
    const ticket = await desk.takeTicket('urbanisme', 'kiosk-1');
    await project();
    expect(await codeOf(desk.markServed(ticket.ticketId, 'claire'))).toBe('DESK_TICKET_WAITING_CONFLICT');
    expect(await codeOf(desk.markServed('2026-11-26:Z-999', 'claire'))).toBe('DESK_TICKET_NOT_FOUND');
    expect(await codeOf(desk.markServed('rubbish', 'claire'))).toBe('DESK_TICKET_NOT_FOUND');
    await desk.callNext('claire', '4');
    await project();
    await desk.markRedirected(ticket.ticketId, 'claire', 'urbanisme');
    await project();
    expect(await codeOf(desk.markServed(ticket.ticketId, 'claire'))).toBe('DESK_TICKET_CLOSED_CONFLICT');
    const before = await desk.figures();
    expect(before).toMatchObject({ redirected: 1, served: 0, waiting: 0 });

    // Rebuild from the log into fresh keys: the same tickets come out.
    await client.del(keys.projections().deskTickets('2026-11-26'));
    await client.del(keys.projectorCursor());
    await client.del(keys.projectorCount());
    expect(await project()).toBe(3);
    expect(await desk.figures()).toEqual(before);
  });

  it('an agent may press "served" right after "call", before the projector caught up', async () => {
    const ticket = await desk.takeTicket('etat-civil', 'kiosk-1');
    await project();
    await desk.callNext('claire', '1'); // not projected yet
    const [served] = await Promise.all([desk.markServed(ticket.ticketId, 'claire'), project()]);
    expect(served).toMatchObject({ status: 'served', number: 'A-001' });
    await project();
    expect(await desk.figures()).toMatchObject({ served: 1, waiting: 0 });
  });

  it('rejects an unknown reason and rate-limits one kiosk, without consuming numbers', async () => {
    expect(await codeOf(desk.takeTicket('piscine', 'kiosk-1'))).toBe('DESK_REASON_INVALID');
    for (let i = 0; i < 5; i += 1) await desk.takeTicket('autre', 'kiosk-2');
    expect(await codeOf(desk.takeTicket('autre', 'kiosk-2'))).toBe('DESK_KIOSK_RATE_LIMITED');
    // Another kiosk is not affected, and numbering goes on without a gap.
    expect((await desk.takeTicket('autre', 'kiosk-3')).number).toBe('F-006');
    clock.time += min;
    expect((await desk.takeTicket('autre', 'kiosk-2')).number).toBe('F-007');
  });

  it('never hands out a number already used, even if the day counter was lost', async () => {
    await desk.takeTicket('etat-civil', 'k');
    await desk.takeTicket('etat-civil', 'k');
    await client.del(keys.deskTicketSequence('2026-11-26', 'A')); // as after a restore from an older snapshot
    expect((await desk.takeTicket('etat-civil', 'k')).number).toBe('A-003');
    expect(await project()).toBe(3);
    expect((await desk.figures()).waiting).toBe(3);
  });

  it('restarts numbering at midnight Paris', async () => {
    clock.time = parisWallClockToEpoch(2026, 11, 26, 23, 59);
    expect((await desk.takeTicket('etat-civil', 'k')).number).toBe('A-001');
    expect((await desk.takeTicket('etat-civil', 'k')).number).toBe('A-002');
    clock.time = parisWallClockToEpoch(2026, 11, 27, 0, 1);
    const next = await desk.takeTicket('etat-civil', 'k');
    expect(next).toMatchObject({ number: 'A-001', ticketId: '2026-11-27:A-001' });
    await project();
    expect((await desk.figures()).waiting).toBe(1);
  });
});
