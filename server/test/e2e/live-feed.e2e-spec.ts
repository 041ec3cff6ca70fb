import { applyPatch } from '@iris/shared';
import type { IrisApp } from '../../src/app/create-app.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { bootApp, callAbandoned, callQueued, createUser, LiveClient, login, memberAdded } from './iris-e2e-support.js';

/** serverTime moves with every read: compare states without it. */
function withoutClock(state: Record<string, unknown>): Record<string, unknown> {
  const { serverTime: _ignored, ...rest } = state;
  return rest;
}

describe('live feed: snapshot, then coalesced patches in order', () => {
  let iris: IrisApp;
  let cookie: string;
  let ingest: IngestService;
  const clients: LiveClient[] = [];
  // Ten minutes ago: every outcome below falls inside the live windows (which end at the current minute).
  const t0 = Date.now() - 10 * 60_000;

  beforeAll(async () => {
    iris = await bootApp({ PATCH_MAX_PER_SECOND: '4' });
    ingest = iris.app.get(IngestService);
    await createUser(iris, 'sup', ['supervisor']);
    cookie = await login(iris.url, 'sup');
    await ingest.ingest([memberAdded('accueil', '1001', t0), memberAdded('etat-civil', '1002', t0)]);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await iris?.close();
  });

  async function connectedSupervisor(options: { autoResync?: boolean } = {}): Promise<LiveClient> {
    const client = new LiveClient(iris.url, cookie, options);
    clients.push(client);
    await client.connect();
    return client;
  }

  it('sends a snapshot on join, then patches with consecutive seq that rebuild the server state', async () => {
    const client = await connectedSupervisor();
    await client.until(() => true, 'nothing');
    const joined = await client.request('join', 'supervisor');
    expect(joined.ok).toBe(true);
    await client.until(() => client.state('supervisor')?.queues?.accueil !== undefined, 'queues in the snapshot');
    const first = client.messages[0]!;
    expect(first.kind).toBe('snapshot');
    const startSeq = first.message.seq;

    // A burst of 30 calls arriving in accueil, then 10 of them abandoned.
    for (let i = 0; i < 30; i += 1) await ingest.ingest([callQueued('accueil', `burst-${i}`, t0 + 1000 + i)]);
    for (let i = 0; i < 10; i += 1) await ingest.ingest([callAbandoned('accueil', `burst-${i}`, t0 + 60_000 + i, 59)]);

    await client.until(() => {
      const queue = client.state('supervisor')?.queues?.accueil;
      return queue?.waiting?.length === 20 && queue?.kpis?.today?.abandoned === 10;
    }, '20 waiting and 10 abandoned in the rebuilt state');

    const patches = client.messages.filter((m) => m.kind === 'patch').map((m) => m.message);
    expect(patches.length).toBeGreaterThan(0);
    // Coalesced: far fewer patches than the 40 changes.
    expect(patches.length).toBeLessThan(40);
    expect(patches.map((p) => p.seq)).toEqual(patches.map((_, i) => startSeq + 1 + i));
    expect(client.gaps).toEqual([]);

    // The state rebuilt from snapshot + patches is what a fresh snapshot says.
    const rebuilt = client.state('supervisor');
    const fresh = await connectedSupervisor();
    await fresh.request('join', 'supervisor');
    await fresh.until(() => fresh.state('supervisor') !== undefined, 'fresh snapshot');
    expect(withoutClock(fresh.state('supervisor'))).toEqual(withoutClock(rebuilt));
  });

  it('gives a fresh snapshot on resync after a seq gap, and patches continue from it', async () => {
    const client = await connectedSupervisor({ autoResync: true });
    await client.request('join', 'queue:etat-civil');
    await client.until(() => client.state('queue:etat-civil') !== undefined, 'queue snapshot');
    // Simulate a lost patch: the client believes it is one seq behind.
    const current = client.states.get('queue:etat-civil')!;
    client.states.set('queue:etat-civil', { seq: current.seq - 1, state: current.state });

    await ingest.ingest([callQueued('etat-civil', 'gap-1', t0 + 2000)]);
    await client.until(() => client.gaps.length === 1, 'the gap to be seen');
    await client.until(
      () => client.messages.filter((m) => m.kind === 'snapshot').length === 2,
      'a fresh snapshot after resync',
    );
    const resynced = client.messages.filter((m) => m.kind === 'snapshot')[1]!.message;
    expect(resynced.room).toBe('queue:etat-civil');
    expect((resynced.state as { waiting: Array<{ callId: string }> }).waiting.map((w) => w.callId)).toEqual(['gap-1']);

    await ingest.ingest([callQueued('etat-civil', 'gap-2', t0 + 3000)]);
    await client.until(
      () => client.state('queue:etat-civil').waiting.length === 2,
      'the next patch applied on the fresh snapshot',
    );
    expect(client.gaps).toHaveLength(1);
  });

  it('gives a reconnecting client a fresh snapshot with what happened while it was away', async () => {
    const first = await connectedSupervisor();
    await first.request('join', 'queue:accueil');
    await first.until(() => first.state('queue:accueil') !== undefined, 'snapshot');
    const before = first.state('queue:accueil').waiting.length as number;
    first.close();

    await ingest.ingest([callQueued('accueil', 'while-away', t0 + 4000)]);
    const again = await connectedSupervisor();
    await again.request('join', 'queue:accueil');
    await again.until(
      () => again.state('queue:accueil')?.waiting?.length === before + 1,
      'snapshot with the call made while away',
    );
    expect(again.messages[0]!.kind).toBe('snapshot');
  });

  it('applies patches with the shared merge rule (the dashboard uses the same applyPatch)', () => {
    const client = clients[0]!;
    const snapshot = client.messages[0]!.message as { state: Record<string, unknown> };
    const rebuilt = client.messages
      .filter((m) => m.kind === 'patch' && m.message.room === 'supervisor')
      .reduce((state, m) => applyPatch(state, (m.message as { patch: object }).patch), snapshot.state);
    expect(rebuilt).toEqual(client.state('supervisor'));
  });
});
