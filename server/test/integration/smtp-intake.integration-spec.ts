import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { RequestsService } from '../../src/intake/requests.service.js';
import { AttachmentsRepository } from '../../src/intake/attachments.repository.js';
import { EmailIntakeService } from '../../src/intake/email/email-intake.service.js';
import { EmailReplyService } from '../../src/intake/email/email-reply.service.js';
import { SmtpIntakeServer } from '../../src/intake/email/smtp-intake.server.js';
import { IntakeRejections } from '../../src/intake/intake-rejections.js';
import { startIntakeHarness, type IntakeHarness } from './intake-harness.js';

const CITY = 'contact@ville-issy.fr';

/** The outside edge: the city's outbound relay, a real SMTP server that keeps what it receives. */
async function startRelay(): Promise<{ port: number; received: ParsedMail[]; close(): Promise<void> }> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A bare SMTP dialogue over a socket, for input no well-behaved client would send. Returns the reply code to DATA's end. */
async function sendRaw(port: number, raw: string, rcpt = CITY): Promise<{ code: number; text: string }> {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let index: number;
    while ((index = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, index);
      buffer = buffer.slice(index + 2);
      // Multi-line replies ("250-...") end with a line "250 ...".
      if (/^\d{3} /.test(line)) waiters.shift()?.(line);
    }
  });
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  const say = async (command: string) => {
    const reply = next();
    socket.write(`${command}\r\n`);
    return reply;
  };
  try {
    await next();
    await say('EHLO relais.ville-issy.fr');
    await say('MAIL FROM:<usager@exemple.fr>');
    const rcptReply = await say(`RCPT TO:<${rcpt}>`);
    if (!rcptReply.startsWith('250')) return { code: Number(rcptReply.slice(0, 3)), text: rcptReply };
    await say('DATA');
    const reply = next();
    socket.write(`${raw.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.\r\n`);
    const line = await reply;
    await say('QUIT').catch(() => '');
    return { code: Number(line.slice(0, 3)), text: line };
  } finally {
    socket.destroy();
  }
}

async function smtpCode(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 250;
  } catch (error) {
    return (error as { responseCode?: number }).responseCode ?? -1;
  }
}

describe('email intake over real SMTP', () => {
  let h: IntakeHarness;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let client: Transporter;
  let requests: RequestsService;
  let port: number;

  /** What the store holds apart from the catalogue: must not move when a message is refused. */
  async function storedState() {
    const keys = ((await h.client.sendCommand(['KEYS', `${h.keys.prefix}*`])) as string[])
      .filter((k) => !k.endsWith('routing:catalogue'))
      .sort();
    return { keys, events: (await h.events()).length };
  }

  beforeEach(async () => {
    relay = await startRelay();
    h = await startIntakeHarness(
      {
        smtp: { enabled: true, port: 0, host: '127.0.0.1', maxMessageBytes: 200_000 },
        attachmentMaxBytes: 50_000,
        smtpRelayUrl: `smtp://127.0.0.1:${relay.port}`,
      },
      [EmailIntakeService, SmtpIntakeServer, EmailReplyService],
    );
    port = h.moduleRef.get(SmtpIntakeServer).port()!;
    client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    requests = h.moduleRef.get(RequestsService);
  });

  afterEach(async () => {
    client.close();
    await h.close();
    await relay.close();
  });

  it('turns a plain text email into a request on the sender citizen record', async () => {
    const info = await client.sendMail({
      from: '"Jeanne Martin" <Jeanne.Martin@Exemple.fr>',
      to: CITY,
      subject: 'Nid de poule rue Diderot',
      text: 'Bonjour, il y a un gros nid de poule sur la chaussée devant le 12 rue Diderot.',
      messageId: '<plain-1@exemple.fr>',
    });
    const reference = /IRIS-\d{4}-\d{6}/.exec(info.response ?? '')![0];
    await h.project();
    const record = await requests.get(reference);
    expect(record).toMatchObject({
      channel: 'email',
      subject: 'Nid de poule rue Diderot',
      status: 'routed',
      service: 'voirie',
    });
    expect(record.contact).toEqual({ email: 'jeanne.martin@exemple.fr', phone: null, name: 'Jeanne Martin' });
    expect(record.messages).toHaveLength(1);
    expect(record.messages[0]).toMatchObject({
      messageId: '<plain-1@exemple.fr>',
      direction: 'in',
      from: 'jeanne.martin@exemple.fr',
    });
    expect(record.citizenId).toMatch(/^C-/);
  });

  it('reads the text of an HTML-only email', async () => {
    const info = await client.sendMail({
      from: 'paul@exemple.fr',
      to: CITY,
      subject: 'Inscription',
      html: '<p>Bonjour,</p><p>Je souhaite <b>inscrire mon fils</b> à l&#39;école maternelle pour la rentrée.</p>',
    });
    const reference = /IRIS-\d{4}-\d{6}/.exec(info.response ?? '')![0];
    await h.project();
    const record = await requests.get(reference);
    expect(record.text).toContain("Je souhaite inscrire mon fils à l'école maternelle");
    expect(record).toMatchObject({ status: 'routed', service: 'education' });
    expect(record.text).not.toContain('<p>');
  });

  it('stores the attachments of a multipart message, byte for byte', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const info = await client.sendMail({
      from: 'karim@exemple.fr',
      to: CITY,
      subject: 'Dépôt sauvage',
      text: 'Dépôt sauvage de gravats derrière le gymnase, photos et constat joints.',
      html: '<p>Dépôt sauvage de gravats derrière le gymnase, photos et constat joints.</p>',
      attachments: [
        { filename: 'constat.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'photo.png', content: png, contentType: 'image/png' },
      ],
    });
    const reference = /IRIS-\d{4}-\d{6}/.exec(info.response ?? '')![0];
    await h.project();
    const record = await requests.get(reference);
    expect(record.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['constat.pdf', 'application/pdf', pdf.length],
      ['photo.png', 'image/png', png.length],
    ]);
    const stored = h.moduleRef.get(AttachmentsRepository);
    expect(await stored.content(record.attachments[0]!.sha256)).toEqual(pdf);
    expect(await stored.content(record.attachments[1]!.sha256)).toEqual(png);
  });

  it('threads replies (headers or the reference in the subject), replies through the relay with threading headers, and historises it', async () => {
    const first = await client.sendMail({
      from: 'lea@exemple.fr',
      to: CITY,
      subject: 'Carte résident',
      text: 'Comment obtenir la carte résident ?',
      messageId: '<t1@exemple.fr>',
    });
    const reference = /IRIS-\d{4}-\d{6}/.exec(first.response ?? '')![0];
    await h.project();
    const second = await client.sendMail({
      from: 'lea@exemple.fr',
      to: CITY,
      subject: 'Re: Carte résident',
      text: "J'oubliais : j'ai deux voitures.",
      messageId: '<t2@exemple.fr>',
      inReplyTo: '<t1@exemple.fr>',
      references: ['<t1@exemple.fr>'],
    });
    expect(second.response).toContain(reference);
    const third = await client.sendMail({
      from: 'lea@exemple.fr',
      to: CITY,
      subject: `Complément [${reference}]`,
      text: 'Voici mon justificatif.',
      messageId: '<t3@exemple.fr>',
    });
    expect(third.response).toContain(reference);
    await h.project();

    h.clock.advance(3_600_000);
    const sent = await h.moduleRef
      .get(EmailReplyService)
      .reply(reference, 'Bonjour, la carte résident se demande en ligne.', 'agent-4');
    expect(relay.received).toHaveLength(1);
    const out = relay.received[0]!;
    expect(out.to && 'value' in out.to ? out.to.value[0]?.address : null).toBe('lea@exemple.fr');
    expect(out.subject).toBe(`Re: Carte résident [${reference}]`);
    expect(out.messageId).toBe(sent.messageId);
    expect(out.inReplyTo).toBe('<t3@exemple.fr>');
    expect(out.references).toEqual(['<t1@exemple.fr>', '<t2@exemple.fr>', '<t3@exemple.fr>']);

    // The citizen answers our reply: it joins the thread through our Message-ID.
    const fourth = await client.sendMail({
      from: 'lea@exemple.fr',
      to: CITY,
      subject: out.subject!,
      text: 'Merci !',
      inReplyTo: sent.messageId,
      references: [sent.messageId],
    });
    expect(fourth.response).toContain(reference);
    await h.project();
    const record = await requests.get(reference);
    expect(record.messages.map((m) => [m.direction, m.sentBy])).toEqual([
      ['in', null],
      ['in', null],
      ['in', null],
      ['out', 'agent-4'],
      ['in', null],
    ]);
    expect(record.history.filter((e) => e.type === 'request.message_added').map((e) => e.summary)).toContain(
      'réponse envoyée (email)',
    );
    expect((await h.events()).filter((e) => e.type === 'request.received')).toHaveLength(1);
  });

  it('takes a redelivered message (same Message-ID) once', async () => {
    const mail = {
      from: 'a@exemple.fr',
      to: CITY,
      subject: 'Piscine',
      text: 'La piscine est-elle ouverte le 1er mai ?',
      messageId: '<again@exemple.fr>',
    };
    const one = await client.sendMail(mail);
    await h.project();
    const two = await client.sendMail(mail);
    expect(/IRIS-\d{4}-\d{6}/.exec(two.response ?? '')![0]).toBe(/IRIS-\d{4}-\d{6}/.exec(one.response ?? '')![0]);
    await h.project();
    expect((await h.events()).filter((e) => e.type === 'request.received')).toHaveLength(1);
  });

  it('refuses malformed MIME with 554 and stores nothing', async () => {
    await client.sendMail({
      from: 'x@exemple.fr',
      to: CITY,
      subject: 'avant',
      text: 'Un message correct, pour que le store ne soit pas vide.',
    });
    await h.project();
    const before = await storedState();
    const truncated = [
      'From: usager@exemple.fr',
      `To: ${CITY}`,
      'Subject: tronqué',
      'Content-Type: multipart/mixed; boundary="B0UND"',
      '',
      '--B0UND',
      'Content-Type: text/plain',
      '',
      'Bonjour, voici ma demande',
      '--B0UND',
      'Content-Type: application/pdf; name="a.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQK',
    ].join('\n');
    expect((await sendRaw(port, truncated)).code).toBe(554);
    expect((await sendRaw(port, 'Ceci n est pas un message\nsans en-tetes ni corps')).code).toBe(554);
    expect((await sendRaw(port, `To: ${CITY}\nSubject: sans expediteur\n\nbonjour`)).code).toBe(554);
    expect((await sendRaw(port, `From: usager@exemple.fr\nContent-Type: multipart/mixed\n\nsans boundary`)).code).toBe(
      554,
    );
    await h.project();
    expect(await storedState()).toEqual(before);
  });

  it('refuses an oversized message with 552, oversized or dangerous attachments, and other recipients, storing nothing', async () => {
    const before = await storedState();
    const big = 'Bonjour '.repeat(30_000);
    expect(await smtpCode(client.sendMail({ from: 'a@exemple.fr', to: CITY, subject: 'gros', text: big }))).toBe(552);
    const heavy = Buffer.alloc(60_000, 7);
    expect(
      await smtpCode(
        client.sendMail({
          from: 'a@exemple.fr',
          to: CITY,
          subject: 'pj',
          text: 'scan',
          attachments: [{ filename: 'scan.pdf', content: heavy, contentType: 'application/pdf' }],
        }),
      ),
    ).toBe(552);
    expect(
      await smtpCode(
        client.sendMail({
          from: 'a@exemple.fr',
          to: CITY,
          subject: 'pj',
          text: 'facture',
          attachments: [
            { filename: 'facture.exe', content: Buffer.from('MZ'), contentType: 'application/x-msdownload' },
          ],
        }),
      ),
    ).toBe(554);
    expect((await sendRaw(port, 'From: a@exemple.fr\n\nbonjour', 'maire@ville-issy.fr')).code).toBe(550);
    await h.project();
    expect(await storedState()).toEqual(before);
    // Each refusal is counted by reason (for /metrics).
    expect(h.moduleRef.get(IntakeRejections).snapshot()).toEqual(
      expect.arrayContaining([
        { channel: 'email', reason: 'too_large', count: 1 },
        { channel: 'email', reason: 'attachment_too_large', count: 1 },
        { channel: 'email', reason: 'attachment_type', count: 1 },
        { channel: 'email', reason: 'recipient', count: 1 },
      ]),
    );
  });
});
