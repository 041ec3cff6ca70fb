/**
 * The bridge's link to a real TCP AMI peer (the simulator): a wrong secret is a clear,
 * final error; member actions resolve on Asterisk's confirming event or fail with its
 * words; a pause made outside IRIS reaches the bridge as an event.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { IrisError, type DomainEvent } from '@iris/shared';
import { replayReportFromEvents } from '../../src/normalize/replay-figures.js';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/simulator.js';
import { capturesDir, startBridge, waitFor, type BridgeUnderTest } from './support/harness.js';

describe('bridge connection and member actions against the simulator', () => {
  let simulator: SimulatorHandle | undefined;
  let under: BridgeUnderTest | undefined;

  afterEach(async () => {
    await under?.stop();
    await simulator?.stop();
    under = undefined;
    simulator = undefined;
  });

  it("a wrong secret ends in auth_failed with Asterisk's message, and is not retried", async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port, {
      secret: 'not-the-secret',
      backoff: { initialMs: 10, maxMs: 20, factor: 2, jitter: 0 },
    });
    const bridge = under.bridge;
    await waitFor(() => bridge.status().state === 'auth_failed');
    expect(bridge.status().lastError).toContain('Authentication failed');
    expect(bridge.status().lastError).toContain('"iris"');
    // Many backoff periods later: still one connection, still auth_failed.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(simulator.connectionsAccepted()).toBe(1);
    expect(bridge.status().state).toBe('auth_failed');
    expect(under.events).toEqual([]);
  });

  it('connects, resynchronises and reports its state', async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port);
    const { bridge, events } = under;
    await waitFor(() => events.some((event) => event.type === 'telephony.snapshot'));
    const snapshot = events.find((event) => event.type === 'telephony.snapshot');
    if (snapshot?.type !== 'telephony.snapshot') throw new Error('no snapshot');
    expect(snapshot.data.queues.map((queue) => queue.queue).sort()).toEqual(['accueil', 'etat-civil']);
    expect(snapshot.data.queues.flatMap((queue) => queue.members).length).toBe(simulator.members().length);
    const status = bridge.status();
    expect(status.state).toBe('connected');
    expect(status.reconnects).toBe(0);
    expect(status.lastEventAt).not.toBeNull();
    expect(status.lastSnapshotAt).not.toBeNull();
    expect(status.framesRejected).toEqual({ malformed_line: 0, oversized: 0, truncated: 0, missing_type: 0 });
  });

  it('pauses and unpauses a member in every queue, resolving on QueueMemberPause', async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port);
    const { bridge, events } = under;
    await waitFor(() => events.some((event) => event.type === 'telephony.snapshot'));
    const iface = 'Local/1005@agents/n'; // in accueil and etat-civil
    expect(simulator.members().filter((m) => m.interface === iface).length).toBe(2);

    const paused = await bridge.pauseMember({ interface: iface, reason: 'Pause déjeuner' });
    expect([...paused.queues].sort()).toEqual(['accueil', 'etat-civil']);
    expect(
      simulator
        .members()
        .filter((m) => m.interface === iface)
        .map((m) => [m.paused, m.pausedReason]),
    ).toEqual([
      [true, 'Pause déjeuner'],
      [true, 'Pause déjeuner'],
    ]);
    // The confirming events were handed over before the action resolved.
    const pauseEvents = events.filter(
      (event) => event.type === 'member.paused' && event.data.agent.interface === iface,
    );
    expect(pauseEvents.map((event) => (event.type === 'member.paused' ? event.data.reason : '')).sort()).toEqual([
      'Pause déjeuner',
      'Pause déjeuner',
    ]);

    const resumed = await bridge.unpauseMember({ queue: 'etat-civil', interface: iface });
    expect(resumed.queues).toEqual(['etat-civil']);
    expect(
      simulator
        .members()
        .filter((m) => m.interface === iface)
        .map((m) => [m.queue, m.paused]),
    ).toEqual([
      ['accueil', true],
      ['etat-civil', false],
    ]);
  });

  it('adds then removes a dynamic member, each confirmed by its event', async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port);
    const { bridge, events } = under;
    await waitFor(() => events.some((event) => event.type === 'telephony.snapshot'));
    const iface = 'Local/1099@agents/n';

    await expect(
      bridge.addMember({
        queue: 'accueil',
        interface: iface,
        name: 'Agent 1099',
        stateInterface: 'Custom:agent1099',
        penalty: 1,
      }),
    ).resolves.toEqual({ interface: iface, queues: ['accueil'] });
    expect(simulator.members().find((m) => m.interface === iface)).toMatchObject({
      queue: 'accueil',
      membership: 'dynamic',
      name: 'Agent 1099',
    });
    expect(events.some((event) => event.type === 'member.added' && event.data.agent.interface === iface)).toBe(true);

    await expect(bridge.removeMember({ queue: 'accueil', interface: iface })).resolves.toEqual({
      interface: iface,
      queues: ['accueil'],
    });
    expect(simulator.members().some((m) => m.interface === iface)).toBe(false);
    expect(events.some((event) => event.type === 'member.removed' && event.data.agent.interface === iface)).toBe(true);
  });

  it("fails with Asterisk's own words when the action is refused", async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port);
    const { bridge, events } = under;
    await waitFor(() => events.some((event) => event.type === 'telephony.snapshot'));

    const failures = await Promise.all([
      bridge.removeMember({ queue: 'accueil', interface: 'Local/1001@agents/n' }).catch((error: unknown) => error),
      bridge
        .addMember({ queue: 'accueil', interface: 'Local/1001@agents/n', name: 'Agent 1001' })
        .catch((error: unknown) => error),
      bridge.pauseMember({ interface: 'Local/1777@agents/n', reason: 'pause' }).catch((error: unknown) => error),
      bridge.removeMember({ queue: 'accueil', interface: 'Local/1777@agents/n' }).catch((error: unknown) => error),
    ]);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(IrisError);
      expect((failure as IrisError).code).toBe('AMI_ACTION_REJECTED');
    }
    expect(failures.map((failure) => (failure as IrisError).details?.asteriskMessage)).toEqual([
      'Member not dynamic',
      'Unable to add interface: Already there',
      'Interface not found',
      'Unable to remove interface: Not there',
    ]);
    // Nothing changed in Asterisk.
    expect(simulator.members().find((m) => m.interface === 'Local/1001@agents/n')).toMatchObject({
      membership: 'static',
      paused: false,
    });
  });

  it('rejects at once when not connected, and a pause made outside IRIS arrives as an event', async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port);
    const { bridge, events } = under;
    await waitFor(() => events.some((event) => event.type === 'telephony.snapshot'));

    expect(simulator.pauseMember('accueil', 'Local/1002@agents/n', 'reunion')).toBe(true);
    await waitFor(() =>
      events.some((event) => event.type === 'member.paused' && event.data.agent.interface === 'Local/1002@agents/n'),
    );
    const pause = events.find(
      (event): event is Extract<DomainEvent, { type: 'member.paused' }> => event.type === 'member.paused',
    );
    expect(pause?.data).toMatchObject({ queue: 'accueil', reason: 'reunion' });

    await bridge.stop();
    const error = await bridge.pauseMember({ interface: 'Local/1002@agents/n', reason: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrisError);
    expect((error as IrisError).code).toBe('AMI_NOT_CONNECTED');
    expect(bridge.status().state).toBe('stopped');
  });

  it('reconnects after the link is cut and resynchronises again', async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port);
    const { bridge, events } = under;
    await waitFor(() => events.filter((event) => event.type === 'telephony.snapshot').length === 1);
    expect(simulator.dropConnections()).toBe(1);
    await waitFor(() => events.filter((event) => event.type === 'telephony.snapshot').length === 2);
    expect(bridge.status()).toMatchObject({ state: 'connected', reconnects: 1 });
    expect(simulator.connectionsAccepted()).toBe(2);
  });

  it('treats a missed Pong as a dead link and reconnects', async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port, { heartbeat: { intervalMs: 50, timeoutMs: 200 } });
    const { bridge, events } = under;
    await waitFor(() => events.filter((event) => event.type === 'telephony.snapshot').length === 1);
    // The peer goes silent without closing TCP: only the heartbeat can notice.
    expect(simulator.stallConnections()).toBe(1);
    await waitFor(() => events.filter((event) => event.type === 'telephony.snapshot').length === 2);
    expect(bridge.status().reconnects).toBe(1);
    expect(bridge.status().lastError).toContain('no Pong');
  });

  it('fails a member action Asterisk never confirms with a timeout error', async () => {
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1 });
    under = startBridge(simulator.port, { actionTimeoutMs: 300, heartbeat: { intervalMs: 60_000, timeoutMs: 60_000 } });
    const { bridge, events } = under;
    await waitFor(() => events.some((event) => event.type === 'telephony.snapshot'));
    simulator.stallConnections(); // Asterisk stops answering, the link stays up
    const error = await bridge
      .pauseMember({ interface: 'Local/1001@agents/n', reason: 'pause' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IrisError);
    expect((error as IrisError).code).toBe('AMI_ACTION_TIMEOUT');
    expect((error as IrisError).details).toMatchObject({
      action: 'QueuePause',
      interface: 'Local/1001@agents/n',
      responded: false,
    });
  });

  it('keeps the events Asterisk sends in the same TCP read as the Login answer', async () => {
    // A raw peer. A caller's QueueCallerJoin and QueueCallerAbandon (a queue timeout) arrive
    // in the same write as the Login answer, as they can from a busy Asterisk with Events: on;
    // the frames that classify the exit (Leave, QUEUESTATUS=TIMEOUT, Hangup) come after the resync.
    const blocks = readFileSync(path.join(capturesDir, 'timeout.ami.txt'), 'utf8').split('\r\n\r\n');
    const caller = 'Channel: Local/accueil-t10@callers-00000000;2\r\n';
    const pick = (test: (block: string) => boolean) =>
      blocks
        .filter((block) => block.includes(caller) && test(block))
        .map((block) => `${block}\r\n\r\n`)
        .join('');
    const early = pick(
      (block) => block.startsWith('Event: QueueCallerJoin') || block.startsWith('Event: QueueCallerAbandon'),
    );
    const late = pick(
      (block) =>
        block.startsWith('Event: QueueCallerLeave') ||
        block.includes('Variable: QUEUESTATUS') ||
        block.startsWith('Event: Hangup\r\n'),
    );
    expect(early.match(/Event: /g)).toHaveLength(2);
    expect(late.match(/Event: /g)).toHaveLength(3);
    const peer = net.createServer((socket) => {
      socket.write('Asterisk Call Manager/12.0.0\r\n');
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString('utf8');
        let end: number;
        while ((end = buffered.indexOf('\r\n\r\n')) >= 0) {
          const action = buffered.slice(0, end);
          buffered = buffered.slice(end + 4);
          const id = /actionid: (.*)/i.exec(action)?.[1] ?? '';
          const name = /action: (.*)/i.exec(action)?.[1]?.toLowerCase();
          if (name === 'login')
            socket.write(`Response: Success\r\nActionID: ${id}\r\nMessage: Authentication accepted\r\n\r\n${early}`);
          else if (name === 'queuestatus')
            socket.write(
              `Response: Success\r\nActionID: ${id}\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\nEvent: QueueStatusComplete\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n${late}`,
            );
          else socket.write(`Response: Success\r\nActionID: ${id}\r\nMessage: ok\r\n\r\n`);
        }
      });
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    try {
      under = startBridge((peer.address() as net.AddressInfo).port);
      const { bridge, events } = under;
      await waitFor(() => events.some((event) => event.type === 'telephony.snapshot'));
      await bridge.ping();
      const calls = events
        .filter((event) => event.type.startsWith('call.'))
        .map((event) => [event.type, event.id, (event.data as { waitSeconds?: number }).waitSeconds]);
      // The wait comes from the QueueCallerAbandon read with the Login answer: it was not forgotten.
      expect(calls).toEqual([
        ['call.queued', 'ami:1795877135.1:accueil:queued', undefined],
        ['call.timed_out', 'ami:1795877135.1:accueil:outcome', 10],
      ]);
      expect(bridge.status().gapsReported).toBe(0);
    } finally {
      await under?.stop();
      under = undefined;
      await new Promise<void>((resolve) => peer.close(() => resolve()));
    }
  });

  it('resyncs periodically while connected and reports calls missed without any disconnect', async () => {
    // A raw peer whose counters move between two QueueStatus without a single event: as if
    // two completed calls' frames had been lost on a link that never dropped.
    let queueStatusCount = 0;
    const queueParams = (id: string, completed: number) =>
      `Event: QueueParams\r\nQueue: accueil\r\nMax: 0\r\nStrategy: rrmemory\r\nCalls: 0\r\nHoldtime: 0\r\nTalkTime: 0\r\nCompleted: ${completed}\r\nAbandoned: 0\r\nServiceLevel: 20\r\nServicelevelPerf: 0.0\r\nServicelevelPerf2: 0.0\r\nWeight: 0\r\nActionID: ${id}\r\n\r\n`;
    const peer = net.createServer((socket) => {
      socket.write('Asterisk Call Manager/12.0.0\r\n');
      let buffered = '';
      socket.on('data', (chunk) => {
        buffered += chunk.toString('utf8');
        let end: number;
        while ((end = buffered.indexOf('\r\n\r\n')) >= 0) {
          const action = buffered.slice(0, end);
          buffered = buffered.slice(end + 4);
          const id = /actionid: (.*)/i.exec(action)?.[1] ?? '';
          const name = /action: (.*)/i.exec(action)?.[1]?.toLowerCase();
          if (name === 'queuestatus') {
            const completed = queueStatusCount++ === 0 ? 5 : 7;
            socket.write(
              `Response: Success\r\nActionID: ${id}\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n${queueParams(id, completed)}Event: QueueStatusComplete\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 1\r\n\r\n`,
            );
          } else {
            socket.write(
              `Response: Success\r\nActionID: ${id}\r\nMessage: ${name === 'login' ? 'Authentication accepted' : 'ok'}\r\n\r\n`,
            );
          }
        }
      });
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    try {
      under = startBridge((peer.address() as net.AddressInfo).port, { resyncIntervalMs: 50 });
      const { bridge, events } = under;
      await waitFor(() => events.some((event) => event.type === 'telephony.gap'));
      const gap = events.find((event) => event.type === 'telephony.gap');
      expect(gap?.data).toMatchObject({ queue: 'accueil', missedCompleted: 2, missedAbandoned: 0 });
      expect(bridge.status().reconnects).toBe(0);
      expect(events.filter((event) => event.type === 'telephony.snapshot').length).toBeGreaterThanOrEqual(2);
    } finally {
      await under?.stop();
      under = undefined;
      await new Promise<void>((resolve) => peer.close(() => resolve()));
    }
  });

  it('keeps retrying while Asterisk is down, and connects once it is up', async () => {
    const port = await freePort();
    under = startBridge(port, { backoff: { initialMs: 10, maxMs: 50, factor: 2, jitter: 0.5 } });
    const { bridge, events } = under;
    await waitFor(
      () => bridge.status().state === 'disconnected' && (bridge.status().lastError ?? '').includes('ECONNREFUSED'),
    );
    simulator = await startSimulator({ username: 'iris', secret: 'iris', speed: 1, port });
    await waitFor(() => events.some((event) => event.type === 'telephony.snapshot'));
    expect(bridge.status()).toMatchObject({ state: 'connected', reconnects: 0 });
  });

  it('redelivers a batch its handler failed on: nothing is lost, in order', async () => {
    simulator = await startSimulator({
      username: 'iris',
      secret: 'iris',
      replay: { file: path.join(capturesDir, 'answered.ami.txt'), timing: 'fast' },
    });
    const delivered: DomainEvent[] = [];
    let failures = 0;
    under = startBridge(simulator.port);
    under.bridge.onEvents((batch) => {
      if (failures < 3) {
        failures++;
        throw new Error('store unavailable');
      }
      delivered.push(...batch);
    });
    await simulator.whenFinished();
    await under.bridge.ping();
    expect(failures).toBe(3);
    expect(under.warnings.filter((warning) => warning.includes('store unavailable'))).toHaveLength(3);
    const report = replayReportFromEvents(delivered);
    const truth = simulator.truth();
    expect(report.queues.accueil).toEqual(truth.queues.accueil);
    expect(truth.queues.accueil?.answered).toBe(2);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
