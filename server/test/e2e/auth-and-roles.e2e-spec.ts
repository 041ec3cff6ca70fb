import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectorService } from '../../src/projector/projector.service.js';
import type { IrisApp } from '../../src/app/create-app.js';
import { PendingModeRepository } from '../../src/agents/pending-mode.repository.js';
import { api, bootApp, createUser, LiveClient, login, memberAdded } from './iris-e2e-support.js';

describe('sign-in, sessions and roles (real app, real Redis)', () => {
  let iris: IrisApp;
  let url: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    iris = await bootApp({ LOGIN_RATE_LIMIT: '3' });
    url = iris.url;
    await createUser(iris, 'sup', ['supervisor']);
    await createUser(iris, 'root', ['admin']);
    await createUser(iris, 'a1001', ['agent'], '1001');
    await createUser(iris, 'expert', ['service']);
    await createUser(iris, 'limited', ['supervisor']);
    // Agent 1001 exists in the projections (as a member of a queue).
    await iris.app
      .get(IngestService)
      .ingest([memberAdded('accueil', '1001', Date.now()), memberAdded('accueil', '1002', Date.now())]);
    await iris.app.get(ProjectorService).catchUp();
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await iris?.close();
  });

  it('signs in with an httpOnly SameSite=Lax cookie, knows who you are, and signs out', async () => {
    const wrong = await api(url, null, 'POST', '/api/auth/login', { username: 'sup', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'Identifiant ou mot de passe incorrect.' });

    const response = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sup', password: 'motdepasse-e2e' }),
    });
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^iris_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/);
    const cookie = setCookie.split(';')[0]!;
    expect(await response.json()).toEqual({
      username: 'sup',
      displayName: 'sup',
      roles: ['supervisor'],
      agentId: null,
      service: null,
    });

    const me = await api(url, cookie, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('sup');
    expect(me.body).not.toHaveProperty('passwordHash');

    expect((await api(url, cookie, 'POST', '/api/auth/logout')).status).toBe(204);
    expect((await api(url, cookie, 'GET', '/api/auth/me')).body).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rate-limits sign-in attempts per address and user name, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect(
        (await api(url, null, 'POST', '/api/auth/login', { username: 'limited', password: 'wrong-password' })).status,
      ).toBe(401);
    }
    const blocked = await api(url, null, 'POST', '/api/auth/login', {
      username: 'limited',
      password: 'motdepasse-e2e',
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('LOGIN_RATE_LIMITED');
    expect(blocked.body.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBe(blocked.body.details.retryAfterSeconds);
    // Another user from the same address is not affected.
    expect(
      (await api(url, null, 'POST', '/api/auth/login', { username: 'root', password: 'motdepasse-e2e' })).status,
    ).toBe(200);
  });

  it('checks roles on every REST route', async () => {
    const agent = await login(url, 'a1001');
    const supervisor = await login(url, 'sup');
    const admin = await login(url, 'root');
    const expert = await login(url, 'expert');

    expect((await api(url, null, 'GET', '/api/queues')).status).toBe(401);
    expect((await api(url, agent, 'GET', '/api/queues')).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await api(url, expert, 'GET', '/api/kpis?window=15m')).status).toBe(403);
    const queues = await api(url, supervisor, 'GET', '/api/queues');
    expect(queues.status).toBe(200);
    expect(queues.body.map((q: { queue: string }) => q.queue)).toEqual(['accueil']);

    // An agent reads and acts on its own agent only.
    expect((await api(url, agent, 'GET', '/api/agents/1001')).status).toBe(200);
    expect((await api(url, agent, 'GET', '/api/agents/1002')).status).toBe(403);
    const otherMode = await api(url, agent, 'POST', '/api/agents/1002/mode', { mode: 'desk' });
    expect(otherMode.status).toBe(403);
    expect(otherMode.body.code).toBe('FORBIDDEN');
    expect((await api(url, agent, 'GET', '/api/agents')).status).toBe(403);

    // Users are an admin's business.
    expect((await api(url, supervisor, 'GET', '/api/users')).status).toBe(403);
    const users = await api(url, admin, 'GET', '/api/users');
    expect(users.status).toBe(200);
    expect(users.body.map((u: { username: string }) => u.username)).toEqual([
      'a1001',
      'expert',
      'limited',
      'root',
      'sup',
    ]);
  });

  it('lets an admin manage users and roles, with input validated at the edge', async () => {
    const admin = await login(url, 'root');
    const bad = await api(url, admin, 'POST', '/api/users', {
      username: 'X Y',
      password: 'short',
      displayName: '',
      roles: ['boss'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'displayName',
      'password',
      'roles.0',
      'username',
    ]);

    const agentWithoutLink = await api(url, admin, 'POST', '/api/users', {
      username: 'nolink',
      password: 'assez-long',
      displayName: 'No Link',
      roles: ['agent'],
    });
    expect(agentWithoutLink.status).toBe(400);

    const created = await api(url, admin, 'POST', '/api/users', {
      username: 'julie',
      password: 'mot-de-passe',
      displayName: 'Julie Bernard',
      roles: ['agent'],
      agentId: '1003',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      username: 'julie',
      displayName: 'Julie Bernard',
      roles: ['agent'],
      agentId: '1003',
      service: null,
    });
    expect(
      (
        await api(url, admin, 'POST', '/api/users', {
          username: 'julie',
          password: 'mot-de-passe',
          displayName: 'J',
          roles: ['agent'],
          agentId: '1003',
        })
      ).status,
    ).toBe(409);

    const julie = await login(url, 'julie', 'mot-de-passe');
    expect((await api(url, julie, 'GET', '/api/queues')).status).toBe(403);
    // Promoted to supervisor: takes effect on her current session at once.
    expect((await api(url, admin, 'PATCH', '/api/users/julie', { roles: ['supervisor'] })).status).toBe(200);
    expect((await api(url, julie, 'GET', '/api/queues')).status).toBe(200);
    expect((await api(url, admin, 'DELETE', '/api/users/julie')).status).toBe(204);
    expect((await api(url, julie, 'GET', '/api/queues')).status).toBe(401);
    expect((await api(url, admin, 'DELETE', '/api/users/root')).body.code).toBe('USER_SELF_DELETE_FORBIDDEN');
  });

  it('checks roles on every live room, and refuses a socket without a session', async () => {
    const anonymous = new LiveClient(url, null);
    clients.push(anonymous);
    await expect(anonymous.connect()).rejects.toThrow('UNAUTHENTICATED');

    const agent = new LiveClient(url, await login(url, 'a1001'));
    clients.push(agent);
    await agent.connect();
    expect(await agent.request('join', 'supervisor')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await agent.request('join', 'queue:accueil')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await agent.request('join', 'agent:1002')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await agent.request('agent:set-mode', { agentId: '1002', mode: 'desk' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await agent.request('join', 'nonsense')).toMatchObject({ ok: false, error: { code: 'ROOM_INVALID' } });
    expect(agent.messages).toEqual([]);

    const own = await agent.request('join', 'agent:1001');
    expect(own).toMatchObject({ ok: true, data: { room: 'agent:1001', seq: 0 } });
    await agent.until(() => agent.state('agent:1001') !== undefined, 'own panel snapshot');
    expect(agent.state('agent:1001').agent).toMatchObject({
      agentId: '1001',
      mode: 'phone',
      pendingMode: null,
      queues: ['accueil'],
    });

    const supervisor = new LiveClient(url, await login(url, 'sup'));
    clients.push(supervisor);
    await supervisor.connect();
    expect(await supervisor.request('join', 'supervisor')).toMatchObject({ ok: true });
    expect(await supervisor.request('join', 'queue:nope')).toMatchObject({
      ok: false,
      error: { code: 'ROOM_NOT_FOUND' },
    });
  });

  it('shows a pending mode change, refuses a second one meanwhile, and reports a telephony failure to the caller', async () => {
    const agent = await login(url, 'a1001');
    const pending = iris.app.get(PendingModeRepository);
    // A change asked for and not yet confirmed by Asterisk, as AgentModeService records it.
    expect(
      await pending.claim('1001', { mode: 'desk', requestedBy: 'sup', requestId: 'e2e-request', at: Date.now() }),
    ).toBe(true);
    expect((await api(url, agent, 'GET', '/api/agents/1001')).body.agent).toMatchObject({
      mode: 'phone',
      pendingMode: 'desk',
    });
    const second = await api(url, agent, 'POST', '/api/agents/1001/mode', { mode: 'break' });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('AGENT_MODE_CONFLICT');
    await pending.release('1001', 'e2e-request');
    expect((await api(url, agent, 'GET', '/api/agents/1001')).body.agent.pendingMode).toBeNull();

    // AMI is disabled in this app: the change cannot be made, the caller is told why, nothing changes.
    const refused = await api(url, agent, 'POST', '/api/agents/1001/mode', { mode: 'desk' });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ code: 'TELEPHONY_DISABLED' });
    expect((await api(url, agent, 'GET', '/api/agents/1001')).body.agent).toMatchObject({
      mode: 'phone',
      pendingMode: null,
    });
  });

  it('answers health probes, tags requests with an id, documents the API and explains a missing dashboard', async () => {
    const live = await api(url, null, 'GET', '/health/live');
    expect(live.status).toBe(200);
    const ready = await api(url, null, 'GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      checks: {
        redis: { ok: true },
        telephony: { ok: true, detail: 'disabled (AMI_ENABLED=false)' },
        projector: { ok: true },
      },
    });
    expect(ready.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(ready.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ready.headers.get('x-frame-options')).toBe('DENY');
    const echoed = await fetch(`${url}/health/live`, { headers: { 'x-request-id': 'trace-12345678' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-12345678');

    const missing = await api(url, null, 'GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'NOT_FOUND', message: 'Ressource introuvable : GET /api/nothing-here' });

    const docs = await fetch(`${url}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    const openApi = await api(url, null, 'GET', '/api/docs-json');
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/users',
        '/api/queues',
        '/api/agents/{agentId}/mode',
        '/api/kpis',
        '/health/ready',
      ]),
    );

    // Endpoints declared in shared are documented from their schemas, not as `unknown`.
    const kpis = openApi.body.paths['/api/kpis'].get;
    expect(kpis.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'queue', 'to', 'window']);
    expect(kpis.parameters.find((p: { name: string }) => p.name === 'window').schema.enum).toEqual([
      '15m',
      '1h',
      'today',
    ]);
    const figures = kpis.responses['200'].content['application/json'].schema.properties.figures;
    expect(figures.properties.pickupRate).toEqual({ type: 'number', nullable: true });
    expect(figures.required).toContain('answeredWithinServiceLevel');

    // DASHBOARD_DIR points at an empty directory here: a French page says how to build it, SPA paths too.
    for (const route of ['/', '/superviseur/files']) {
      const page = await fetch(`${url}${route}`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('le tableau de bord n’est pas construit');
    }
  });
});
