/**
 * Thousands of simulated calls read by the real bridge while the TCP link is cut at
 * random moments. In the end, what the bridge counted plus the gaps it reported equals
 * the simulator's ground truth exactly, every counted outcome is the true one, and no
 * call is counted twice.
 */
import type { DomainEvent, TelephonyGap } from '@iris/shared';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/simulator.js';
import { SeededRandom } from '../../src/simulator/seeded-random.js';
import { startBridge, waitFor, type BridgeUnderTest } from './support/harness.js';

const OUTCOME_KIND: Partial<Record<DomainEvent['type'], string>> = {
  'call.answered': 'answered',
  'call.abandoned': 'abandoned',
  'call.timed_out': 'timed_out',
  'call.exited': 'exited',
};

describe('simulator through the bridge with the link cut at random moments', () => {
  let simulator: SimulatorHandle | undefined;
  let under: BridgeUnderTest | undefined;

  afterEach(async () => {
    await under?.stop();
    await simulator?.stop();
  });

  it('counts plus reported gaps equal the ground truth after at least five cuts', async () => {
    const maxCalls = 2500;
    simulator = await startSimulator({
      username: 'iris',
      secret: 'iris',
      seed: 20260611,
      speed: 3000,
      maxCalls,
      arrivalScale: 2,
      holdUntilFirstClient: true,
    });
    under = startBridge(simulator.port);
    const sim = simulator;
    const bridge = under.bridge;

    const random = new SeededRandom(42);
    const thresholds = Array.from({ length: 7 }, () => Math.floor(random.between(100, maxCalls - 150))).sort(
      (a, b) => a - b,
    );
    let cuts = 0;
    let finished = false;
    void sim.whenFinished().then(() => (finished = true));
    for (const threshold of thresholds) {
      await waitFor(() => finished || (sim.callsOffered() >= threshold && bridge.status().state === 'connected'));
      if (finished) break;
      if (sim.dropConnections() > 0) cuts++;
    }
    await sim.whenFinished();
    // Sync: a Pong read after the run's last event; retried while the bridge is still reconnecting.
    for (;;) {
      await waitFor(() => bridge.status().state === 'connected');
      try {
        await bridge.ping();
        break;
      } catch {
        // the link dropped between the check and the ping: go round again
      }
    }

    const truth = sim.truth();
    expect(cuts).toBeGreaterThanOrEqual(5);
    expect(bridge.status().reconnects).toBeGreaterThanOrEqual(5);
    expect(truth.inProgress).toBe(0);

    const byId = new Map<string, DomainEvent>();
    for (const event of under.events) byId.set(event.id, event); // ingest dedupes by id
    const events = [...byId.values()];
    const gaps = events.filter((event): event is TelephonyGap => event.type === 'telephony.gap');
    expect(gaps.length).toBeGreaterThan(0);

    // Every counted outcome is the true one, and each queue call has at most one.
    const outcomeOf = new Map<string, string>();
    for (const event of events) {
      const kind = OUTCOME_KIND[event.type];
      if (!kind) continue;
      const { callId, queue } = event.data as { callId: string; queue: string };
      expect(outcomeOf.has(`${callId}|${queue}`)).toBe(false);
      outcomeOf.set(`${callId}|${queue}`, kind);
      expect({ callId, kind, queue }).toEqual({
        callId,
        kind: truth.calls[callId]?.outcome,
        queue: truth.calls[callId]?.queue,
      });
    }
    expect(outcomeOf.size).toBeGreaterThan(maxCalls / 2);

    for (const queue of Object.keys(truth.queues)) {
      const asterisk = truth.asterisk[queue];
      if (!asterisk) throw new Error(`no Asterisk counters for ${queue}`);
      const queueGaps = gaps.filter((gap) => gap.data.queue === queue);
      const missedCompleted = queueGaps.reduce((sum, gap) => sum + gap.data.missedCompleted, 0);
      const missedAbandoned = queueGaps.reduce((sum, gap) => sum + gap.data.missedAbandoned, 0);
      const ended = events.filter((event) => event.type === 'call.ended' && event.data.queue === queue).length;
      const abandonLike = [...outcomeOf].filter(
        ([key, kind]) => key.endsWith(`|${queue}`) && (kind === 'abandoned' || kind === 'timed_out'),
      ).length;
      // Asterisk's own counters: what we saw plus what we reported missing, exactly.
      expect({ queue, completed: ended + missedCompleted, abandoned: abandonLike + missedAbandoned }).toEqual({
        queue,
        completed: asterisk.completed,
        abandoned: asterisk.abandoned,
      });
      // KPI outcomes: every abandon or timeout is either counted or in a gap; a missing answer
      // is a call answered and completed while away, so within the completed gap.
      const trueCalls = Object.entries(truth.calls).filter(([, call]) => call.queue === queue);
      const missing = trueCalls.filter(([callId]) => !outcomeOf.has(`${callId}|${queue}`));
      const missingAbandonLike = missing.filter(
        ([, call]) => call.outcome === 'abandoned' || call.outcome === 'timed_out',
      ).length;
      const missingAnswered = missing.filter(([, call]) => call.outcome === 'answered').length;
      expect(missingAbandonLike).toBe(missedAbandoned);
      expect(missingAnswered).toBeLessThanOrEqual(missedCompleted);
    }
  });
});
