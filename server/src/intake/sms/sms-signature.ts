import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers the SMS provider signs its webhooks with. */
export const SMS_SIGNATURE_HEADER = 'x-iris-signature';
export const SMS_TIMESTAMP_HEADER = 'x-iris-timestamp';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`: the timestamp is signed, so it cannot be replaced. */
export function signSmsWebhook(secret: string, timestampSeconds: number, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestampSeconds}.`).update(rawBody).digest('hex');
  return `sha256=${mac}`;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks a webhook's signature in constant time and refuses replays: a timestamp outside
 * the window (default five minutes either way) is refused even when correctly signed, and
 * within the window a replayed message is a duplicate of the same provider message id.
 */
export function verifySmsWebhook(input: {
  readonly secret: string;
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly rawBody: Buffer;
  readonly nowMs: number;
  readonly windowSeconds: number;
}): SignatureCheck {
  if (!input.signature) return { ok: false, reason: `en-tête ${SMS_SIGNATURE_HEADER} absent` };
  if (!input.timestamp || !/^\d{9,11}$/.test(input.timestamp))
    return { ok: false, reason: `en-tête ${SMS_TIMESTAMP_HEADER} absent ou illisible (secondes Unix)` };
  const timestamp = Number(input.timestamp);
  const skew = Math.abs(input.nowMs / 1000 - timestamp);
  if (skew > input.windowSeconds)
    return { ok: false, reason: `horodatage hors de la fenêtre de ${input.windowSeconds} s (rejeu ?)` };
  const expected = Buffer.from(signSmsWebhook(input.secret, timestamp, input.rawBody));
  const given = Buffer.from(input.signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature incorrecte' };
  return { ok: true };
}
