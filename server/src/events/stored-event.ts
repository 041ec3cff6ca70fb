import type { DomainEvent, EventEnvelope } from '@iris/shared';

/**
 * An event as the log holds it. `event` is typed as the known union for convenience, but
 * the log also keeps types no projection knows yet (they are skipped, never dropped), so
 * projections switch on `event.type` and ignore the rest.
 */
export interface StoredEvent {
  /** Stream entry id (`<ms>-<seq>`): the log's order. */
  readonly streamId: string;
  readonly event: DomainEvent | EventEnvelope<string, unknown>;
}
