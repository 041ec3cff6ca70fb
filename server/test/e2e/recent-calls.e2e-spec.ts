import type { DomainEvent } from '@iris/shared';
import { IngestService } from '../../src/events/ingest.service.js';
import { ProjectorService } from '../../src/projector/projector.service.js';
import type { IrisApp } from '../../src/app/create-app.js';
import { api, bootApp, callAbandoned, callQueued, createUser, login } from './iris-e2e-support.js';

/** GET /api/calls/recent in the real app: roles, validation, OpenAPI, newest first. */
describe('recent calls over HTTP (real app, real Redis)', () => {
  let iris: IrisApp;
  let url: string;

  beforeAll(async () => {
    iris = await bootApp();
    url = iris.url;
    await createUser(iris, 'sup', ['supervisor']);
    await createUser(iris, 'root', ['admin']);
    await createUser(iris, 'a1001', ['agent'], '1001');
    const start = Date.now() - 600_000;
    const events: DomainEvent[] = [];
    for (let i = 0; i < 5; i++) {
      events.push(callQueued('accueil', `rc${i}`, start + i * 10_000));
      events.push(callAbandoned('accueil', `rc${i}`, start + i * 10_000 + (i + 3) * 1000, i + 3));
    }
    await iris.app.get(IngestService).ingest(events);
    await iris.app.get(ProjectorService).catchUp();
  });

  afterAll(async () => {
    await iris?.close();
  });

  it('supervisors and admins read the newest calls first; agents and strangers may not', async () => {
    const supervisor = await login(url, 'sup');
    const admin = await login(url, 'root');
    const agent = await login(url, 'a1001');
    expect((await api(url, null, 'GET', '/api/calls/recent')).status).toBe(401);
    expect((await api(url, agent, 'GET', '/api/calls/recent')).status).toBe(403);

    const answer = await api(url, supervisor, 'GET', '/api/calls/recent?queue=accueil&limit=3');
    expect(answer.status).toBe(200);
    expect(answer.body.queue).toBe('accueil');
    expect(answer.body.calls.map((c: { callId: string; outcome: string }) => [c.callId, c.outcome])).toEqual([
      ['rc4', 'abandoned'],
      ['rc3', 'abandoned'],
      ['rc2', 'abandoned'],
    ]);
    expect(answer.body.calls[0]).toMatchObject({ callerNumber: '+33146001122', waitSeconds: 7, agent: null });

    const frontOffice = await api(url, admin, 'GET', '/api/calls/recent');
    expect(frontOffice.status).toBe(200);
    expect(frontOffice.body.calls.map((c: { callId: string; outcome: string }) => [c.callId, c.outcome])).toEqual([
      ['rc4', 'abandoned'],
      ['rc3', 'abandoned'],
      ['rc2', 'abandoned'],
      ['rc1', 'short_abandon'],
      ['rc0', 'short_abandon'],
    ]);
  });

  it('a bad query gets a clear French 400, an unknown queue a 404', async () => {
    const supervisor = await login(url, 'sup');
    const bad = await api(url, supervisor, 'GET', '/api/calls/recent?limit=500');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('limit') });
    const unknown = await api(url, supervisor, 'GET', '/api/calls/recent?queue=inconnue');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'QUEUE_NOT_FOUND' });
  });

  it('is documented in OpenAPI', async () => {
    const openApi = await api(url, null, 'GET', '/api/docs-json');
    const route = openApi.body.paths['/api/calls/recent'];
    expect(route?.get?.parameters?.map((p: { name: string }) => p.name).sort()).toEqual(['limit', 'queue']);
    expect(
      route.get.responses['200'].content['application/json'].schema.properties.calls.items.properties.outcome.enum,
    ).toEqual(['answered', 'abandoned', 'short_abandon', 'timed_out', 'exited']);
  });
});
