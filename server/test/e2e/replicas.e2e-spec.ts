import { replayFigures, type KpiFigures } from '@iris/shared';
import { startSimulator, type SimulatorHandle } from '@iris/telephony';
import type { IrisApp } from '../../src/app/create-app.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectorService } from '../../src/projector/projector.service.js';
import {
  api,
  bootApp,
  callQueued,
  createUser,
  LiveClient,
  login,
  memberAdded,
  testPrefix,
} from './iris-e2e-support.js';

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Two server replicas (two app instances, each with its own HTTP server, socket.io server,
 * Redis connections, AMI bridge and projector) on one Redis and one key prefix: they must
 * behave as one system.
 */
describe('two replicas on one Redis', () => {
  let simulator: SimulatorHandle;
  let replicaA: IrisApp;
  let replicaB: IrisApp;
  let stoppedA = false;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({
      username: 'iris',
      secret: 'e2e-secret',
      seed: 23,
      speed: 240,
      maxCalls: 60,
      holdUntilFirstClient: true,
    });
    const env = {
      IRIS_KEY_PREFIX: testPrefix(),
      AMI_ENABLED: 'true',
      AMI_HOST: '127.0.0.1',
      AMI_PORT: String(simulator.port),
      AMI_USERNAME: 'iris',
      AMI_SECRET: 'e2e-secret',
    };
    replicaA = await bootApp(env);
    // A holds the projector lease before B starts, so the handover below is from A to B.
    await eventually(
      () => replicaA.app.get(ProjectorService).status(),
      (s) => s.holder,
      'A to take the projector lease',
    );
    replicaB = await bootApp(env);
    await createUser(replicaA, 'sup', ['supervisor']);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    if (!stoppedA) await replicaA?.close();
    await replicaB?.close();
    await simulator?.stop();
  });

  it('shows a supervisor on B the calls that A ingested', async () => {
    const supervisor = new LiveClient(replicaB.url, await login(replicaB.url, 'sup'));
    clients.push(supervisor);
    await supervisor.connect();
    await supervisor.request('join', 'supervisor');
    await supervisor.until(() => supervisor.state('supervisor') !== undefined, 'snapshot from B');

    const at = Date.now() - 60_000;
    await replicaA.app
      .get(IngestService)
      .ingest([memberAdded('replicas', '1099', at), callQueued('replicas', 'seen-on-b', at)]);
    await supervisor.until(
      () =>
        supervisor
          .state('supervisor')
          .queues.replicas?.waiting?.some((w: { callId: string }) => w.callId === 'seen-on-b') === true,
      'the call ingested by A on the supervisor screen served by B',
    );
  });

  it('runs one projector at a time, hands the lease over when its holder stops, and loses or doubles nothing', async () => {
    const [statusA, statusB] = await Promise.all([
      replicaA.app.get(ProjectorService).status(),
      replicaB.app.get(ProjectorService).status(),
    ]);
    expect([statusA.holder, statusB.holder]).toEqual([true, false]);

    // Mid-run: the lease holder (A) shuts down gracefully while calls keep coming.
    await eventually(
      async () => simulator.callsOffered(),
      (n) => n >= 20,
      'a third of the calls',
    );
    await replicaA.close();
    stoppedA = true;
    const handedOver = Date.now();
    await eventually(
      () => replicaB.app.get(ProjectorService).status(),
      (s) => s.holder,
      'B to take the lease over',
    );
    console.info(`projector lease handed over to B in ${Date.now() - handedOver} ms`);

    await simulator.whenFinished();
    const truth = simulator.truth();
    const cookie = await login(replicaB.url, 'sup');
    for (const queue of Object.keys(truth.queues)) {
      const expected = truth.queues[queue]!;
      expect(expected.offered).toBeGreaterThan(0);
      const got = await eventually(
        () => api(replicaB.url, cookie, 'GET', `/api/kpis?window=today&queue=${queue}`),
        (r) =>
          r.status === 200 &&
          (r.body.figures as KpiFigures).offered >= expected.offered &&
          (r.body.figures as KpiFigures).answered >= expected.answered,
        `${queue} figures on B`,
      );
      // Equal, not just at least: nothing doubled by two bridges reading the same AMI stream.
      expect(replayFigures(got.body.figures as KpiFigures)).toEqual(expected);
    }
  });
});
