/**
 * /metrics of the real app at its edges: frames a real TCP AMI peer sends that the bridge
 * must refuse show under their own reason, SMS webhook calls refused for their signature
 * show under theirs, and OPENING_HOURS / CLOSED_ON_PUBLIC_HOLIDAYS reach the exported
 * opening state.
 */
import net from 'node:net';
import { parisParts } from '@iris/shared';
import type { IrisApp } from '../../src/app/create-app.js';
import { sampleValue } from '../../src/metrics/exposition-test-support.js';
import { bootApp } from './iris-e2e-support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value (not undefined); bounded by the test timeout. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function scrape(app: IrisApp): Promise<string> {
  const response = await fetch(`${app.url}/metrics`);
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return response.text();
}

/**
 * A minimal Asterisk over real TCP: banner, login accepted, an empty QueueStatus, "Success"
 * to anything else. `send` writes raw bytes to the logged-in bridge.
 */
class RawAmiPeer {
  private readonly sockets = new Set<net.Socket>();
  private loggedIn: net.Socket | null = null;
  private readonly server = net.createServer((socket) => {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
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
          socket.write(
            `Response: Success\r\nActionID: ${id}\r\nEventList: start\r\nMessage: Queue status will follow\r\n\r\n` +
              `Event: QueueStatusComplete\r\nActionID: ${id}\r\nEventList: Complete\r\nListItems: 0\r\n\r\n`,
          );
        } else {
          socket.write(
            `Response: Success\r\nActionID: ${id}\r\nMessage: ${name === 'login' ? 'Authentication accepted' : 'ok'}\r\n\r\n`,
          );
          if (name === 'login') this.loggedIn = socket;
        }
      }
    });
  });

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as net.AddressInfo).port;
  }

  send(bytes: string): void {
    if (!this.loggedIn) throw new Error('no bridge logged in');
    this.loggedIn.write(bytes);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let app: IrisApp | undefined;
let peer: RawAmiPeer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  await peer?.close();
  peer = undefined;
});

describe('/metrics at the edges', () => {
  it('counts frames a real AMI peer sends under the reason they were refused for', async () => {
    peer = new RawAmiPeer();
    const port = await peer.listen();
    app = await bootApp({
      AMI_ENABLED: 'true',
      AMI_HOST: '127.0.0.1',
      AMI_PORT: String(port),
      AMI_USERNAME: 'iris',
      AMI_SECRET: 'e2e-edges-secret',
      SMTP_ENABLED: 'false',
    });
    const running = app;
    const before = await until('the AMI link up on /metrics', async () => {
      const body = await scrape(running);
      return sampleValue(body, 'iris_ami_link_up') === 1 ? body : undefined;
    });
    // Every known reason is exported from 0 before anything was refused.
    for (const reason of ['malformed_line', 'missing_type', 'truncated', 'oversized', 'missing_field'])
      expect(sampleValue(before, 'iris_ami_frames_rejected_total', { reason })).toBe(0);

    // A header line without "Key: Value", then a frame with neither Event nor Response,
    // then a good frame: the link must survive the two bad ones.
    peer.send('Event: Newchannel\r\nthis line is not a header\r\nChannel: PJSIP/1001-00000001\r\n\r\n');
    peer.send('Privilege: call,all\r\nChannel: PJSIP/1001-00000002\r\n\r\n');
    peer.send('Event: FullyBooted\r\nPrivilege: system,all\r\nStatus: Fully Booted\r\n\r\n');

    const after = await until('both refusals on /metrics', async () => {
      const body = await scrape(running);
      const malformed = sampleValue(body, 'iris_ami_frames_rejected_total', { reason: 'malformed_line' });
      const missingType = sampleValue(body, 'iris_ami_frames_rejected_total', { reason: 'missing_type' });
      return malformed === 1 && missingType === 1 ? body : undefined;
    });
    expect(sampleValue(after, 'iris_ami_frames_rejected_total', { reason: 'truncated' })).toBe(0);
    expect(sampleValue(after, 'iris_ami_frames_rejected_total', { reason: 'oversized' })).toBe(0);
    expect(after).not.toMatch(/iris_ami_frames_rejected_total\{reason="(unspecified|other)"\}/);
    expect(sampleValue(after, 'iris_ami_link_up')).toBe(1);
    expect(sampleValue(after, 'iris_ami_reconnects_total')).toBe(0);
  });

  it('counts SMS webhook calls refused for their signature, by channel and reason', async () => {
    app = await bootApp({ SMTP_ENABLED: 'false', SMS_WEBHOOK_SECRET: 'e2e-edges-webhook-secret' });
    const before = await scrape(app);
    expect(sampleValue(before, 'iris_intake_rejected_total', { channel: 'sms', reason: 'signature' })).toBe(0);
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(`${app.url}/api/intake/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-iris-signature': 'sha256=forged', 'x-iris-timestamp': '1' },
        body: JSON.stringify({ messageId: `forged-${i}`, from: '+33612345678', text: 'Bonjour' }),
      });
      expect(response.status).toBe(401);
    }
    const after = await scrape(app);
    expect(sampleValue(after, 'iris_intake_rejected_total', { channel: 'sms', reason: 'signature' })).toBe(2);
    expect(sampleValue(after, 'iris_intake_rejected_total', { channel: 'sms', reason: 'payload' })).toBe(0);
    expect(sampleValue(after, 'iris_intake_rejected_total', { channel: 'email', reason: 'recipient' })).toBe(0);
    expect(after).not.toContain('forged');
  });

  it('exports the opening state of the configured OPENING_HOURS and CLOSED_ON_PUBLIC_HOLIDAYS', async () => {
    // Open every minute of every day, holidays included: open whatever the date of the run.
    app = await bootApp({
      SMTP_ENABLED: 'false',
      OPENING_HOURS: 'sun-sat 00:00-24:00',
      CLOSED_ON_PUBLIC_HOLIDAYS: 'false',
    });
    expect(sampleValue(await scrape(app), 'iris_front_office_open')).toBe(1);
    await app.close();
    app = undefined;
    // Open only on the weekday three days away (Paris): closed now, whatever the date.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const today = parisParts(Date.now());
    const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay();
    app = await bootApp({ SMTP_ENABLED: 'false', OPENING_HOURS: `${days[(weekday + 3) % 7]} 00:00-24:00` });
    expect(sampleValue(await scrape(app), 'iris_front_office_open')).toBe(0);
  });
});
