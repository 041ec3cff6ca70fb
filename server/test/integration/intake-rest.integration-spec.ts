import nodemailer from 'nodemailer';
import { api, bootApp, createUser, login } from '../e2e/iris-e2e-support.js';
import type { IrisApp } from '../../src/app/create-app.js';
import { UsersService } from '../../src/users/users.service.js';
import { SmtpIntakeServer } from '../../src/intake/email/smtp-intake.server.js';

type Json = Record<string, unknown>;

/** The projector runs in the app: wait until a read shows the write (bounded, never a timing assertion). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 200 && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describe('intake REST API in the whole app (real HTTP, real Redis, projector running)', () => {
  let iris: IrisApp;
  let agent: string;

  beforeAll(async () => {
    iris = await bootApp({
      SMTP_PORT: '0',
      SMS_WEBHOOK_SECRET: 'secret-rest',
      INTAKE_EMAIL_ADDRESS: 'contact@ville-issy.fr',
    });
    await createUser(iris, 'agent.accueil', ['agent'], '1001');
    await createUser(iris, 'admin.catalogue', ['admin']);
    await iris.app.get(UsersService).create({
      username: 'agent.voirie',
      password: 'motdepasse-e2e',
      displayName: 'Voirie',
      roles: ['service'],
      agentId: null,
      service: 'voirie',
    });
    agent = await login(iris.url, 'agent.accueil');
  });

  afterAll(async () => {
    await iris.close();
  });

  it('records a phone request and pops the caller up by caller ID, whatever its form', async () => {
    const created = await api(iris.url, agent, 'POST', '/api/intake/requests', {
      channel: 'phone',
      sourceRef: '1732612345.42',
      subject: 'Encombrants',
      text: 'Le citoyen veut faire enlever une vieille armoire et un matelas, rendez-vous encombrants.',
      citizen: { fullName: 'Awa Traoré', phone: '01 46 55 27 83' },
    });
    expect(created.status).toBe(201);
    const { reference, citizenId } = created.body as Json;
    expect(reference).toMatch(/^IRIS-\d{4}-\d{6}$/);
    const record = await eventually(
      () => api(iris.url, agent, 'GET', `/api/requests/${reference as string}`),
      (r) => r.status === 200,
    );
    expect(record.body).toMatchObject({ channel: 'phone', citizenId, service: 'proprete' });
    const pop = await eventually(
      () => api(iris.url, agent, 'GET', '/api/citizens/lookup?phone=%2B33%201%2046%2055%2027%2083'),
      (r) => (r.body as Json).citizen !== null,
    );
    expect((pop.body as { citizen: Json }).citizen).toMatchObject({
      citizenId,
      fullName: 'Awa Traoré',
      phones: ['+33146552783'],
    });
    const timeline = await api(iris.url, agent, 'GET', `/api/citizens/${citizenId as string}/timeline`);
    expect((timeline.body as { requests: Json[] }).requests.map((r) => r.reference)).toEqual([reference]);
  });

  it('opens a phone request when the call is answered (screen pop), then the agent describes and qualifies it', async () => {
    const opened = await api(iris.url, agent, 'POST', '/api/intake/calls/1732619999.7/open', {
      callerNumber: '0033 6 98 76 54 32',
    });
    expect(opened.status).toBe(201);
    const { reference, citizenId, suggestion, routedTo } = opened.body as Json;
    expect({ suggestion, routedTo }).toEqual({ suggestion: null, routedTo: null });
    // The same call opened twice (two panels, a retry) is one request.
    const again = await api(iris.url, agent, 'POST', '/api/intake/calls/1732619999.7/open', {
      callerNumber: '+33698765432',
    });
    expect(again.body).toMatchObject({ reference, duplicate: true });
    await eventually(
      () => api(iris.url, agent, 'GET', `/api/requests/${reference as string}`),
      (r) => r.status === 200,
    );
    const described = await api(iris.url, agent, 'POST', `/api/requests/${reference as string}/describe`, {
      subject: 'Fuite',
      text: "Grosse fuite d'eau sur le trottoir devant le 30 rue Jules Guesde depuis ce matin.",
    });
    expect(described.status).toBe(201);
    expect((described.body as { suggestion: Json }).suggestion).toMatchObject({
      category: 'fuite-eau',
      service: 'eau-assainissement',
    });
    await eventually(
      () => api(iris.url, agent, 'GET', `/api/requests/${reference as string}`),
      (r) => (r.body as Json).subject === 'Fuite',
    );
    expect(
      (await api(iris.url, agent, 'POST', `/api/requests/${reference as string}/qualify`, { category: 'fuite-eau' }))
        .status,
    ).toBe(204);
    const routed = await eventually(
      () => api(iris.url, agent, 'GET', `/api/requests/${reference as string}`),
      (r) => (r.body as Json).status === 'routed',
    );
    expect(routed.body).toMatchObject({
      channel: 'phone',
      citizenId,
      service: 'eau-assainissement',
      contact: { phone: '+33698765432' },
    });
  });

  it('registers a scanned letter (multipart) and serves the scan back; refuses a file that is not a scan', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% lettre numérisée\n1 0 obj << >> endobj\n%%EOF\n');
    const form = new FormData();
    form.set('senderName', 'Mme Hélène Lefèvre');
    form.set('senderAddress', '12 av. de la République, 92130 Issy-les-Moulineaux');
    form.set('receivedOn', '2026-11-25');
    form.set('subject', 'Demande de place en crèche');
    form.set('text', 'Demande de place en crèche pour sa fille née en octobre, relance de la commission.');
    form.set('scan', new Blob([pdf], { type: 'application/pdf' }), 'courrier.pdf');
    const response = await fetch(`${iris.url}/api/intake/mail`, {
      method: 'POST',
      headers: { cookie: agent },
      body: form,
    });
    expect(response.status).toBe(201);
    const { reference } = (await response.json()) as Json;
    const record = await eventually(
      () => api(iris.url, agent, 'GET', `/api/requests/${reference as string}`),
      (r) => r.status === 200,
    );
    const body = record.body as {
      channel: string;
      attachments: Array<{ sha256: string; contentType: string }>;
      messages: Array<{ at: number }>;
    };
    expect(body.channel).toBe('mail');
    expect(body.attachments[0]!.contentType).toBe('application/pdf');
    const file = await fetch(
      `${iris.url}/api/requests/${reference as string}/attachments/${body.attachments[0]!.sha256}`,
      { headers: { cookie: agent } },
    );
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(pdf);

    const bad = new FormData();
    for (const [key, value] of form.entries()) if (key !== 'scan') bad.set(key, value);
    bad.set('scan', new Blob(['pas un pdf'], { type: 'text/plain' }), 'note.txt');
    const refused = await fetch(`${iris.url}/api/intake/mail`, {
      method: 'POST',
      headers: { cookie: agent },
      body: bad,
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Json).code).toBe('SCAN_INVALID');
  });

  it('guards the routes: sign-in required, service users see only their inbox, only admins edit the catalogue', async () => {
    expect((await api(iris.url, null, 'GET', '/api/citizens/search?q=dupont')).status).toBe(401);
    const voirie = await login(iris.url, 'agent.voirie');
    expect((await api(iris.url, voirie, 'GET', '/api/routing/inboxes/voirie')).status).toBe(200);
    expect((await api(iris.url, voirie, 'GET', '/api/routing/inboxes/proprete')).status).toBe(403);
    const service = {
      name: 'Voirie',
      pole: 'Aménagement',
      responseDays: 8,
      categories: [{ id: 'chaussee-trottoir', label: 'Chaussées', keywords: ['nid de poule'] }],
    };
    expect((await api(iris.url, agent, 'PUT', '/api/routing/services/voirie', service)).status).toBe(403);
    const admin = await login(iris.url, 'admin.catalogue');
    const saved = await api(iris.url, admin, 'PUT', '/api/routing/services/voirie', service);
    expect(saved.status).toBe(200);
    expect(
      (saved.body as { services: Array<{ id: string; responseDays: number }> }).services.find((s) => s.id === 'voirie')
        ?.responseDays,
    ).toBe(8);
  });

  it('keeps the SMS webhook public but signed, and receives mail on the SMTP port', async () => {
    const unsigned = await api(iris.url, null, 'POST', '/api/intake/sms', {
      messageId: 'x',
      from: '+33612345678',
      to: '38000',
      text: 'bonjour',
    });
    expect(unsigned.status).toBe(401);
    expect((unsigned.body as Json).message).toContain('Signature du webhook SMS refusée');

    const port = iris.app.get(SmtpIntakeServer).port();
    expect(port).toBeGreaterThan(0);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: port!, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({
      from: 'usager@exemple.fr',
      to: 'contact@ville-issy.fr',
      subject: 'Piscine',
      text: 'La piscine municipale est-elle ouverte le 1er mai ?',
    });
    transport.close();
    const reference = /IRIS-\d{4}-\d{6}/.exec(info.response ?? '')![0];
    const record = await eventually(
      () => api(iris.url, agent, 'GET', `/api/requests/${reference}`),
      (r) => r.status === 200,
    );
    expect(record.body).toMatchObject({ channel: 'email', service: 'sports' });
    const today = await api(iris.url, agent, 'GET', '/api/intake/today');
    expect(today.body).toMatchObject({
      day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      awaitingQualification: expect.any(Number),
    });
    expect((today.body as { byChannel: Record<string, number> }).byChannel.email).toBeGreaterThanOrEqual(1);
    expect((today.body as { backlog: Record<string, number> }).backlog.sports).toBeGreaterThanOrEqual(1);
  });
});
