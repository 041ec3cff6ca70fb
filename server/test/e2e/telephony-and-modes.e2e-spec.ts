import net from 'node:net';
import { replayFigures, type KpiFigures } from '@iris/shared';
import { startSimulator, type SimulatorHandle } from '@iris/telephony';
import type { IrisApp } from '../../src/app/create-app.js';
import { api, bootApp, createUser, LiveClient, login, type Json } from './iris-e2e-support.js';

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
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('telephony wiring and agent modes (real app, AMI simulator over TCP, real Redis)', () => {
  let simulator: SimulatorHandle;
  let iris: IrisApp;
  let url: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({
      username: 'iris',
      secret: 'e2e-secret',
      seed: 11,
      speed: 'max',
      maxCalls: 40,
      holdUntilFirstClient: true,
    });
    iris = await bootApp({
      AMI_ENABLED: 'true',
      AMI_HOST: '127.0.0.1',
      AMI_PORT: String(simulator.port),
      AMI_USERNAME: 'iris',
      AMI_SECRET: 'e2e-secret',
    });
    url = iris.url;
    await createUser(iris, 'sup', ['supervisor']);
    await createUser(iris, 'a1001', ['agent'], '1001');
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await iris?.close();
    await simulator?.stop();
  });

  it('is ready once AMI is connected, and the KPIs equal the simulator ground truth', async () => {
    await eventually(
      () => api(url, null, 'GET', '/health/ready'),
      (r) => r.status === 200,
      'readiness',
    );
    await simulator.whenFinished();
    const truth = simulator.truth();
    expect(truth.frontOffice.offered).toBeGreaterThan(0);
    const cookie = await login(url, 'sup');
    for (const queue of Object.keys(truth.queues)) {
      const expected = truth.queues[queue]!;
      const got = await eventually(
        () => api(url, cookie, 'GET', `/api/kpis?window=today&queue=${queue}`),
        (r) =>
          r.status === 200 &&
          (r.body.figures as KpiFigures).offered === expected.offered &&
          (r.body.figures as KpiFigures).answered === expected.answered,
        `${queue} figures`,
      );
      expect(replayFigures(got.body.figures as KpiFigures)).toEqual(expected);
    }
  });

  it('gives the same totals as a series of buckets for the charts', async () => {
    const truth = simulator.truth();
    const cookie = await login(url, 'sup');
    const now = Date.now();
    const from = new Date(now - 2 * 3_600_000).toISOString();
    const to = new Date(now + 60_000).toISOString();
    for (const queue of Object.keys(truth.queues)) {
      const series = await api(
        url,
        cookie,
        'GET',
        `/api/kpis/series?bucket=15m&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&queue=${queue}`,
      );
      expect(series.status).toBe(200);
      expect(series.body.points.length).toBeGreaterThanOrEqual(8);
      const offered = series.body.points.reduce((sum: number, point: Json) => sum + point.figures.offered, 0);
      const answered = series.body.points.reduce((sum: number, point: Json) => sum + point.figures.answered, 0);
      expect({ offered, answered }).toEqual({
        offered: truth.queues[queue]!.offered,
        answered: truth.queues[queue]!.answered,
      });
    }
  });

  it('switches an agent to desk through the socket: pauses every membership in Asterisk, then the mode changes', async () => {
    const agent = new LiveClient(url, await login(url, 'a1001'));
    clients.push(agent);
    await agent.connect();
    expect(await agent.request('join', 'agent:1001')).toMatchObject({ ok: true });
    await agent.until(() => agent.state('agent:1001') !== undefined, 'panel snapshot');
    expect(agent.state('agent:1001').agent.mode).toBe('phone');
    const memberships = simulator.members().filter((m) => m.interface.startsWith('Local/1001@'));
    expect(memberships.length).toBeGreaterThan(0);

    const ack = await agent.request('agent:set-mode', { agentId: '1001', mode: 'desk' });
    expect(ack).toMatchObject({ ok: true, data: { agentId: '1001', mode: 'desk', previousMode: 'phone' } });
    expect((ack as { data: Json }).data.confirmedQueues.sort()).toEqual(memberships.map((m) => m.queue).sort());
    // Asterisk (the simulator) holds the truth: every membership paused with the IRIS reason.
    for (const member of simulator.members().filter((m) => m.interface.startsWith('Local/1001@'))) {
      expect(member).toMatchObject({ paused: true, pausedReason: 'iris:desk' });
    }
    await agent.until(() => agent.state('agent:1001').agent.mode === 'desk', 'mode desk on the panel');
    expect(agent.state('agent:1001').agent.pendingMode).toBeNull();
    expect(agent.modeResults).toContainEqual({ agentId: '1001', mode: 'desk', ok: true });

    // Back to phone through REST.
    const back = await api(url, agent.socket.io.opts.extraHeaders!.cookie!, 'POST', '/api/agents/1001/mode', {
      mode: 'phone',
    });
    expect(back.status).toBe(201);
    for (const member of simulator.members().filter((m) => m.interface.startsWith('Local/1001@')))
      expect(member.paused).toBe(false);
    await agent.until(() => agent.state('agent:1001').agent.mode === 'phone', 'mode phone on the panel');
  });

  it('refuses a bad mode with a clear error and changes nothing', async () => {
    const cookie = await login(url, 'a1001');
    const bad = await api(url, cookie, 'POST', '/api/agents/1001/mode', { mode: 'vacances' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    for (const member of simulator.members().filter((m) => m.interface.startsWith('Local/1001@')))
      expect(member.paused).toBe(false);
  });

  it('shows pauses made outside IRIS, as Asterisk reports them', async () => {
    const supervisor = new LiveClient(url, await login(url, 'sup'));
    clients.push(supervisor);
    await supervisor.connect();
    await supervisor.request('join', 'supervisor');
    await supervisor.until(() => supervisor.state('supervisor') !== undefined, 'supervisor snapshot');
    expect(supervisor.state('supervisor').telephony.state).toBe('connected');
    const target = simulator.members().find((m) => m.interface.startsWith('Local/1002@'))!;
    expect(simulator.pauseMember(target.queue, target.interface, 'Réunion de service')).toBe(true);
    await supervisor.until(() => {
      const member = (supervisor.state('supervisor').queues[target.queue]?.members ?? []).find(
        (m: Json) => m.interface === target.interface,
      );
      return member?.paused === true && member.pausedReason === 'Réunion de service';
    }, 'the outside pause on the wallboard');
  });
});

describe('readiness without Asterisk', () => {
  let iris: IrisApp;

  afterAll(async () => {
    await iris?.close();
  });

  it('says not ready (503) with the reason while AMI is unreachable', async () => {
    // A port with nothing listening: the bridge keeps retrying, the server still starts.
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    iris = await bootApp({
      AMI_ENABLED: 'true',
      AMI_HOST: '127.0.0.1',
      AMI_PORT: String(closed),
      AMI_USERNAME: 'iris',
      AMI_SECRET: 'x',
    });
    const ready = await api(iris.url, null, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not_ready');
    expect(ready.body.checks.redis.ok).toBe(true);
    expect(ready.body.checks.telephony.ok).toBe(false);
    expect(ready.body.reasons).toEqual([expect.stringMatching(/^telephony: AMI (connecting|disconnected) since /)]);
    expect((await api(iris.url, null, 'GET', '/health/live')).status).toBe(200);
  });
});
