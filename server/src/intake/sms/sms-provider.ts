import { IrisError } from '@iris/shared';

export interface OutboundSms {
  /** E.164 number. */
  readonly to: string;
  readonly text: string;
  /** Our id for the message (the provider echoes it in delivery reports). */
  readonly clientRef: string;
}

/** The one door to an SMS operator: swap the implementation, keep the rest. */
export interface SmsProvider {
  send(message: OutboundSms): Promise<{ readonly providerMessageId: string }>;
}

export const SMS_PROVIDER = Symbol('IRIS_SMS_PROVIDER');

/**
 * A provider with a JSON HTTP API: POST {to, text, sender, clientRef} with a bearer token,
 * answer {id}. Errors carry the provider's status and a French message.
 */
export class HttpSmsProvider implements SmsProvider {
  constructor(
    private readonly url: string | undefined,
    private readonly token: string | undefined,
    private readonly sender: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(message: OutboundSms): Promise<{ providerMessageId: string }> {
    if (!this.url)
      throw new IrisError(
        'SMS_PROVIDER_UNAVAILABLE',
        'Aucun opérateur SMS configuré (SMS_PROVIDER_URL) : envoi impossible.',
      );
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text, sender: this.sender, clientRef: message.clientRef }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      throw new IrisError(
        timeout ? 'SMS_PROVIDER_TIMEOUT' : 'SMS_PROVIDER_UNAVAILABLE',
        `Opérateur SMS injoignable : ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const body = (await response.json().catch(() => null)) as { id?: unknown; error?: unknown } | null;
    if (!response.ok || typeof body?.id !== 'string') {
      throw new IrisError(
        'SMS_PROVIDER_REJECTED',
        `L'opérateur SMS a refusé l'envoi (HTTP ${response.status}) : ${String(body?.error ?? 'réponse inattendue')}`,
      );
    }
    return { providerMessageId: body.id };
  }
}
