import { Injectable } from '@nestjs/common';
import { eventProblems, IrisError, isDomainEventType, type DomainEvent, type EventProblem } from '@iris/shared';
import { EventLogRepository, type AppendResult } from './event-log.repository.js';

/** An event the door refused, and why. */
export interface RefusedEvent {
  readonly index: number;
  readonly id: unknown;
  readonly type: unknown;
  readonly problems: ReadonlyArray<EventProblem>;
}

/** Why an event was refused, as a bounded label for /metrics. */
export type RefusalReason = 'envelope' | 'unknown_type' | 'data';

export interface IngestEachResult extends AppendResult {
  readonly refused: ReadonlyArray<RefusedEvent>;
}

/**
 * The one door into the event log: every producer (telephony bridge, desk, intake
 * channels) calls it. Each event is checked against its type's schema (shared's
 * EVENT_DATA_SCHEMAS: the envelope and the whole payload), deduplicated by its id and
 * appended atomically. A refused event is counted by type and reason
 * (`iris_events_refused_total`) and never reaches the log, so no projection meets it.
 *
 * Two ways in: `ingest` is all or nothing (a user action's events, e.g. a request and its
 * citizen, are stored together or not at all, and the caller gets EVENT_INVALID);
 * `ingestEach` stores the valid events of a stream and hands back the refused ones (the
 * AMI bridge: one bad event must neither block nor drop the calls around it).
 */
@Injectable()
export class IngestService {
  private readonly refusals = new Map<string, number>();

  constructor(private readonly eventLog: EventLogRepository) {}

  async ingest(events: ReadonlyArray<DomainEvent>): Promise<AppendResult> {
    const refused = this.check(events);
    if (refused.length > 0) {
      const first = refused[0]!;
      throw new IrisError(
        'EVENT_INVALID',
        `${refused.length} of ${events.length} events are not valid; nothing was stored ` +
          `(first: #${first.index} ${JSON.stringify(first.id)}: ${describe(first.problems)})`,
        { refused },
      );
    }
    if (events.length === 0) return { appended: 0, duplicates: 0 };
    return this.eventLog.append(events);
  }

  async ingestEach(events: ReadonlyArray<DomainEvent>): Promise<IngestEachResult> {
    const refused = this.check(events);
    const refusedIndexes = new Set(refused.map((r) => r.index));
    const valid = refused.length === 0 ? events : events.filter((_, index) => !refusedIndexes.has(index));
    const result = valid.length === 0 ? { appended: 0, duplicates: 0 } : await this.eventLog.append(valid);
    return { ...result, refused };
  }

  /** Events refused since this replica started, by type (`unknown` for a type IRIS does not know) and reason. */
  refusalCounts(): Array<{ type: string; reason: RefusalReason; count: number }> {
    return [...this.refusals].map(([key, count]) => {
      const [type, reason] = key.split('\n') as [string, RefusalReason];
      return { type, reason, count };
    });
  }

  private check(events: ReadonlyArray<DomainEvent>): RefusedEvent[] {
    const refused: RefusedEvent[] = [];
    events.forEach((event, index) => {
      const problems = eventProblems(event);
      if (problems.length === 0) return;
      const type = (event as { type?: unknown } | null)?.type;
      refused.push({ index, id: (event as { id?: unknown } | null)?.id, type, problems });
      const label = isDomainEventType(type) ? type : 'unknown';
      const reason: RefusalReason = !isDomainEventType(type)
        ? problems.some((p) => p.path === 'type')
          ? 'unknown_type'
          : 'envelope'
        : problems.every((p) => p.path.startsWith('data'))
          ? 'data'
          : 'envelope';
      const key = `${label}\n${reason}`;
      this.refusals.set(key, (this.refusals.get(key) ?? 0) + 1);
    });
    return refused;
  }
}

function describe(problems: ReadonlyArray<EventProblem>): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
