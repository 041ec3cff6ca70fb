/**
 * A message refused at the SMTP dialogue: the relay gets the code (and bounces to the sender
 * with the text), nothing of the message is stored.
 * 552: too large; 554: content refused (malformed, forbidden attachment); 451: our side
 * failed for now, the relay retries later (so nothing is lost).
 */
import type { RejectionReason } from '../intake-rejections.js';

export class EmailRejection extends Error {
  constructor(
    readonly reason: RejectionReason,
    readonly responseCode: 451 | 550 | 552 | 554,
    /** RFC 3463 enhanced status code, e.g. 5.6.0. */
    readonly enhancedCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmailRejection';
  }
}
