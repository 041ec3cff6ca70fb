import { Injectable } from '@nestjs/common';
import { IrisError, type DomainEvent } from '@iris/shared';
import { envelopeProblems } from './event-envelope.validation.js';
import { EventLogRepository, type AppendResult } from './event-log.repository.js';

/**
 * The one door into the event log: every producer (telephony bridge, desk, intake
 * channels) calls ingest(). Each event is deduplicated by its id and appended atomically;
 * a batch with a malformed event is refused whole, before anything is written, with the
 * reason for each bad event, so the caller can fix or drop it and nothing is half-stored.
 */
@Injectable()
export class IngestService {
  constructor(private readonly eventLog: EventLogRepository) {}

  async ingest(events: ReadonlyArray<DomainEvent>): Promise<AppendResult> {
    const rejected: Array<{ index: number; id: unknown; problems: string[] }> = [];
    events.forEach((event, index) => {
      const problems = envelopeProblems(event);
      if (problems.length > 0) rejected.push({ index, id: (event as { id?: unknown } | null)?.id, problems });
    });
    if (rejected.length > 0) {
      const first = rejected[0]!;
      throw new IrisError(
        'EVENT_INVALID',
        `${rejected.length} of ${events.length} events are not valid event envelopes; nothing was stored ` +
          `(first: #${first.index} ${JSON.stringify(first.id)}: ${first.problems.join('; ')})`,
        { rejected },
      );
    }
    if (events.length === 0) return { appended: 0, duplicates: 0 };
    return this.eventLog.append(events);
  }
}
