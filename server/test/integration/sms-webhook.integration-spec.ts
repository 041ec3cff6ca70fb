import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestsService } from '../../src/intake/requests.service.js';
import { SmsIntakeService } from '../../src/intake/sms/sms-intake.service.js';
import { SmsReplyService } from '../../src/intake/sms/sms-reply.service.js';
import { HttpSmsProvider, SMS_PROVIDER } from '../../src/intake/sms/sms-provider.js';
import { SmsWebhookController } from '../../src/intake/sms/sms-webhook.controller.js';
import { signSmsWebhook } from '../../src/intake/sms/sms-signature.js';
import { IntakeRejections } from '../../src/intake/intake-rejections.js';
import { startIntakeHarness, type IntakeHarness } from './intake-harness.js';

const SECRET = 'secret-partage-operateur';

/** The outside edge: the SMS operator's HTTP API, a local server that records what it is asked to send. */
async function startProvider() {
  const sent: Array<{
    authorization: string | undefined;
    body: { to: string; text: string; sender: string; clientRef: string };
  }> = [];
  let failNext = false;
  const server: Server = createServer((request: IncomingMessage, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      if (failNext) {
        failNext = false;
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'quota dépassé' }));
        return;
      }
      sent.push({ authorization: request.headers.authorization, body: JSON.parse(raw) });
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `op-${sent.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/sms`,
    sent,
    failOnce: () => (failNext = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('SMS webhook and provider over real HTTP', () => {
  let h: IntakeHarness;
  let provider: Awaited<ReturnType<typeof startProvider>>;

  async function post(payload: unknown, sign: { secret?: string; timestamp?: number; signature?: string | null } = {}) {
    const body = JSON.stringify(payload);
    const timestamp = sign.timestamp ?? Math.floor(h.clock.now() / 1000);
    const signature =
      sign.signature === null ? undefined : (sign.signature ?? signSmsWebhook(sign.secret ?? SECRET, timestamp, body));
    const response = await fetch(`${h.url}/api/intake/sms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-iris-timestamp': String(timestamp),
        ...(signature ? { 'x-iris-signature': signature } : {}),
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  beforeEach(async () => {
    provider = await startProvider();
    h = await startIntakeHarness(
      {
        sms: {
          webhookSecret: SECRET,
          signatureWindowSeconds: 300,
          providerUrl: provider.url,
          providerToken: 'jeton-operateur',
          sender: 'MAIRIE',
        },
      },
      [
        SmsIntakeService,
        SmsReplyService,
        { provide: SMS_PROVIDER, useValue: new HttpSmsProvider(provider.url, 'jeton-operateur', 'MAIRIE') },
      ],
      [SmsWebhookController],
    );
  });

  afterEach(async () => {
    await h.close();
    await provider.close();
  });

  it('turns a signed SMS into a request on the sender record', async () => {
    const result = await post({
      messageId: 'op-in-1',
      from: '06 12 34 56 78',
      to: '38000',
      text: 'Bonjour, lampadaire éteint devant le 22 rue Gambetta, la rue est dans le noir',
    });
    expect(result.status).toBe(202);
    expect(result.body).toMatchObject({ reference: expect.stringMatching(/^IRIS-2026-\d{6}$/), joinedThread: false });
    await h.project();
    const record = await h.moduleRef.get(RequestsService).get(result.body.reference as string);
    expect(record).toMatchObject({
      channel: 'sms',
      contact: { phone: '+33612345678' },
      service: 'eclairage-public',
      status: 'routed',
    });
  });

  it('refuses bad signatures and replays with 401 and a clear reason, storing nothing', async () => {
    const sms = { messageId: 'op-in-2', from: '+33612345678', to: '38000', text: 'Bonjour' };
    const wrongSecret = await post(sms, { secret: 'pas-le-bon' });
    expect(wrongSecret).toEqual({
      status: 401,
      body: { code: 'UNAUTHENTICATED', message: 'Signature du webhook SMS refusée : signature incorrecte.' },
    });
    const unsigned = await post(sms, { signature: null });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.message).toContain('x-iris-signature absent');
    const old = Math.floor(h.clock.now() / 1000) - 3600;
    const replayed = await post(sms, { timestamp: old });
    expect(replayed.status).toBe(401);
    expect(replayed.body.message).toContain('hors de la fenêtre');
    expect(await h.events()).toEqual([]);
    expect(h.moduleRef.get(IntakeRejections).snapshot()).toEqual([{ channel: 'sms', reason: 'signature', count: 3 }]);
  });

  it('takes a redelivered webhook (same provider id) once, and refuses an invalid payload field by field', async () => {
    const sms = {
      messageId: 'op-in-3',
      from: '+33612345678',
      to: '38000',
      text: 'Le marché est-il maintenu le 15 août ?',
    };
    const first = await post(sms);
    await h.project();
    const again = await post(sms);
    expect(again.status).toBe(202);
    expect(again.body.reference).toBe(first.body.reference);
    expect((await h.events()).filter((e) => e.type === 'request.received')).toHaveLength(1);

    const invalid = await post({ messageId: '', from: '+33612345678', text: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    expect((invalid.body.details as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual([
      'messageId',
      'text',
      'to',
    ]);
  });

  it('replies through the provider, historises the reply, and threads the citizen answer', async () => {
    const first = await post({
      messageId: 'op-in-4',
      from: '0612345678',
      to: '38000',
      text: 'Bonjour, comment obtenir une carte de résident pour stationner ?',
    });
    await h.project();
    const reference = first.body.reference as string;
    const reply = await h.moduleRef
      .get(SmsReplyService)
      .reply(reference, 'Bonjour, la demande se fait en ligne sur le site de la ville.', 'agent-2');
    expect(provider.sent).toEqual([
      {
        authorization: 'Bearer jeton-operateur',
        body: {
          to: '+33612345678',
          text: 'Bonjour, la demande se fait en ligne sur le site de la ville.',
          sender: 'MAIRIE',
          clientRef: expect.stringContaining(reference),
        },
      },
    ]);
    expect(reply.messageId).toBe('sms-out:op-1');
    const answer = await post({
      messageId: 'op-in-5',
      from: '+33 6 12 34 56 78',
      to: '38000',
      text: 'Merci, et pour deux voitures ?',
    });
    expect(answer.body).toEqual({ reference, joinedThread: true });
    await h.project();
    const record = await h.moduleRef.get(RequestsService).get(reference);
    expect(record.messages.map((m) => [m.direction, m.channel, m.text.slice(0, 5)])).toEqual([
      ['in', 'sms', 'Bonjo'],
      ['out', 'sms', 'Bonjo'],
      ['in', 'sms', 'Merci'],
    ]);

    provider.failOnce();
    await expect(
      h.moduleRef.get(SmsReplyService).reply(reference, 'Deux cartes possibles.', 'agent-2'),
    ).rejects.toMatchObject({ code: 'SMS_PROVIDER_REJECTED' });
    await h.project();
    expect((await h.moduleRef.get(RequestsService).get(reference)).messages).toHaveLength(3);
  });
});
