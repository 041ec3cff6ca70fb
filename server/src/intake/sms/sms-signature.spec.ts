import { signSmsWebhook, verifySmsWebhook } from './sms-signature.js';

const body = Buffer.from('{"messageId":"m1","from":"+33612345678","to":"38000","text":"Bonjour"}');
const now = 1_780_000_000_000;
const ts = Math.floor(now / 1000);

function check(overrides: Partial<Parameters<typeof verifySmsWebhook>[0]>) {
  return verifySmsWebhook({
    secret: 's3cret',
    signature: signSmsWebhook('s3cret', ts, body),
    timestamp: String(ts),
    rawBody: body,
    nowMs: now,
    windowSeconds: 300,
    ...overrides,
  });
}

describe('SMS webhook signature', () => {
  it('accepts the provider signature', () => {
    expect(check({})).toEqual({ ok: true });
    expect(signSmsWebhook('s3cret', ts, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it.each([
    ['a missing signature', { signature: undefined }, 'absent'],
    ['another secret', { signature: signSmsWebhook('other', ts, body) }, 'signature incorrecte'],
    ['a changed body', { rawBody: Buffer.from(body.toString().replace('Bonjour', 'Bonsoir')) }, 'signature incorrecte'],
    ['a truncated signature', { signature: signSmsWebhook('s3cret', ts, body).slice(0, 20) }, 'signature incorrecte'],
    ['a replaced timestamp', { timestamp: String(ts + 10) }, 'signature incorrecte'],
    [
      'an old timestamp (replay)',
      { timestamp: String(ts - 301), signature: signSmsWebhook('s3cret', ts - 301, body) },
      'hors de la fenêtre',
    ],
    ['a missing timestamp', { timestamp: undefined }, 'illisible'],
  ])('refuses %s', (_name, overrides, reason) => {
    const result = check(overrides);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });
});
