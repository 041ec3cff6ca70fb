import type { RequestChannel } from './request.js';

/** What the wallboard shows of the intake: today's requests per channel and each service's backlog. */
export interface IntakeFigures {
  /** Europe/Paris day, YYYY-MM-DD. */
  readonly day: string;
  readonly byChannel: Readonly<Partial<Record<RequestChannel, number>>>;
  /** Open requests in each service's inbox (routed, not closed). */
  readonly backlog: Readonly<Record<string, number>>;
  /** Requests received and not yet routed (waiting for an agent's qualification), all days. */
  readonly awaitingQualification: number;
}
