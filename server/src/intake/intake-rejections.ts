import { Injectable } from '@nestjs/common';

export type RejectionReason =
  | 'recipient'
  | 'too_large'
  | 'malformed'
  | 'attachment_type'
  | 'attachment_too_large'
  | 'signature'
  | 'payload'
  | 'scan';

/**
 * Input refused at an intake edge, counted by channel and reason since this replica
 * started (each refusal is also logged once with its detail). /metrics can expose it as
 * iris_intake_rejected_total{channel,reason}.
 */
@Injectable()
export class IntakeRejections {
  private readonly counts = new Map<string, number>();

  record(channel: 'email' | 'sms' | 'mail', reason: RejectionReason): void {
    const key = `${channel}|${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): Array<{ channel: string; reason: string; count: number }> {
    return [...this.counts].map(([key, count]) => {
      const [channel = '', reason = ''] = key.split('|');
      return { channel, reason, count };
    });
  }
}
