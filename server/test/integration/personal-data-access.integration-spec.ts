import { api, bootApp, createUser, login } from '../e2e/iris-e2e-support.js';
import type { IrisApp } from '../../src/app/create-app.js';
import { AccessAuditRepository } from '../../src/audit/access-audit.repository.js';
import { UsersService } from '../../src/users/users.service.js';

type Json = Record<string, unknown>;

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 200 && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/**
 * Defect found when IRIS was attacked: a service user read any citizen's requests through
 * the fiche's timeline (subject, text, messages of requests routed to other services),
 * and could search the whole citizen base. The rule now lives in one place (data scope,
 * PersonalDataService) and every read is in the access audit.
 */
describe('personal data: who sees what of a fiche, and the access audit (real app, real Redis)', () => {
  let iris: IrisApp;
  let agent: string;
  let urbanisme: string;
  let voirie: string;
  let citizenId: string;
  const references: Record<string, string> = {};

  beforeAll(async () => {
    iris = await bootApp({ SMTP_ENABLED: 'false' });
    await createUser(iris, 'agent.accueil', ['agent'], '1001');
    await createUser(iris, 'lea.documentation', ['kb-manager']);
    for (const service of ['urbanisme', 'voirie']) {
      await iris.app.get(UsersService).create({
        username: `agent.${service}`,
        password: 'motdepasse-e2e',
        displayName: service,
        roles: ['service'],
        agentId: null,
        service,
      });
    }
    agent = await login(iris.url, 'agent.accueil');
    urbanisme = await login(iris.url, 'agent.urbanisme');
    voirie = await login(iris.url, 'agent.voirie');

    // One citizen, two requests routed to two services.
    for (const [key, category, text] of [
      ['permis', 'permis-construire', 'Je voudrais déposer un permis de construire pour une extension de ma maison.'],
      ['etat', 'acte-etat-civil', 'Il me faut une copie intégrale de mon acte de naissance pour mon passeport.'],
    ] as const) {
      const created = await api(iris.url, agent, 'POST', '/api/intake/requests', {
        channel: 'desk',
        sourceRef: `ticket-${key}`,
        subject: key,
        text,
        citizen: { fullName: 'Claire Petit', phone: '06 12 34 56 78' },
      });
      expect(created.status).toBe(201);
      references[key] = (created.body as Json).reference as string;
      citizenId = (created.body as Json).citizenId as string;
      const record = await eventually(
        () => api(iris.url, agent, 'GET', `/api/requests/${references[key]}`),
        (r) => r.status === 200,
      );
      // A confident suggestion routes at once; otherwise the agent qualifies it.
      if ((record.body as Json).status !== 'routed' || (record.body as Json).category !== category)
        expect(
          (await api(iris.url, agent, 'POST', `/api/requests/${references[key]}/qualify`, { category })).status,
        ).toBe(204);
    }
    await eventually(
      () => api(iris.url, agent, 'GET', `/api/citizens/${citizenId}/timeline`),
      (r) => ((r.body as { requests?: Json[] }).requests ?? []).every((q) => q.status === 'routed'),
    );
  });

  afterAll(async () => {
    await iris?.close();
  });

  it('shows the front office the whole fiche', async () => {
    const timeline = await api(iris.url, agent, 'GET', `/api/citizens/${citizenId}/timeline`);
    expect((timeline.body as { requests: Json[] }).requests.map((r) => r.service).sort()).toEqual([
      'etat-civil',
      'urbanisme',
    ]);
  });

  it('shows a service the identity and only its own requests, never another service’s text', async () => {
    const timeline = await api(iris.url, urbanisme, 'GET', `/api/citizens/${citizenId}/timeline`);
    expect(timeline.status).toBe(200);
    const body = timeline.body as { citizen: Json; requests: Json[]; entries: Json[] };
    expect(body.citizen).toMatchObject({ fullName: 'Claire Petit', phones: ['+33612345678'] });
    expect(body.requests.map((r) => r.reference)).toEqual([references.permis]);
    expect(JSON.stringify(body)).not.toContain('acte de naissance');
    expect(body.entries.every((e) => e.reference === references.permis)).toBe(true);
    expect((await api(iris.url, urbanisme, 'GET', `/api/requests/${references.etat}`)).status).toBe(403);
  });

  it('refuses a fiche to a service that has no request of that citizen, and the base to every service', async () => {
    expect((await api(iris.url, voirie, 'GET', `/api/citizens/${citizenId}/timeline`)).status).toBe(403);
    expect((await api(iris.url, voirie, 'GET', `/api/citizens/${citizenId}`)).status).toBe(403);
    for (const route of ['/api/citizens/search?q=petit', '/api/citizens/lookup?phone=0612345678']) {
      expect([route, (await api(iris.url, urbanisme, 'GET', route)).status]).toEqual([route, 403]);
    }
    expect((await api(iris.url, urbanisme, 'GET', `/api/citizens/${citizenId}/duplicates`)).status).toBe(403);
    const kb = await login(iris.url, 'lea.documentation');
    expect((await api(iris.url, kb, 'GET', `/api/citizens/${citizenId}/timeline`)).status).toBe(403);
  });

  it('records every read, search and change in the access audit, apart from the event log, with why', async () => {
    const since = Date.now();
    const purpose = references.permis!;
    const response = await fetch(`${iris.url}/api/citizens/${citizenId}/timeline`, {
      headers: { cookie: urbanisme, 'x-iris-purpose': purpose },
    });
    expect(response.status).toBe(200);
    await api(iris.url, agent, 'GET', '/api/citizens/search?q=petit');
    await api(iris.url, agent, 'POST', `/api/requests/${references.permis}/close`, { reason: 'dossier remis' });
    const entries = await iris.app.get(AccessAuditRepository).range(since, Date.now() + 1000, 100);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: 'agent.urbanisme',
          action: 'read',
          subject: 'citizen',
          subjectIds: [citizenId, references.permis],
          purpose,
        }),
        expect.objectContaining({ actor: 'agent.accueil', action: 'search', subjectIds: [citizenId] }),
        expect.objectContaining({
          actor: 'agent.accueil',
          action: 'change',
          subject: 'request',
          subjectIds: [references.permis],
          detail: 'close',
        }),
      ]),
    );
    // The audit names things by id: no name, number or text of the citizen in it.
    expect(JSON.stringify(entries)).not.toMatch(/Petit|0612345678|\+33612345678|permis de construire/);
  });
});
