/**
 * Folds normalised events into the KPI figures of DESIGN.md, per queue and for the front
 * office: the shape of `<scenario>.truth.json` and of `npm run iris -- replay --json`.
 * Pure; used by the capture tests here and by any replay tool.
 */
import {
  addCounters,
  countersForOutcome,
  emptyCounters,
  figuresFromCounters,
  frontOfficeOutcome,
  mergeFrontOfficeOutcome,
  replayFigures,
  type DomainEvent,
  type FrontOfficeOutcome,
  type KpiCounters,
  type QueueCallOutcome,
  type ReplayFigures,
} from '@iris/shared';

/** The outcome a call event decides for its queue call, or null for other events. */
export function queueCallOutcome(event: DomainEvent): QueueCallOutcome | null {
  switch (event.type) {
    case 'call.answered':
      return {
        kind: 'answered',
        waitSeconds: event.data.holdSeconds,
        serviceLevelSeconds: event.data.serviceLevelSeconds,
      };
    case 'call.abandoned':
      return { kind: 'abandoned', waitSeconds: event.data.waitSeconds };
    case 'call.timed_out':
      return { kind: 'timed_out', waitSeconds: event.data.waitSeconds };
    case 'call.exited':
      return { kind: 'exited', waitSeconds: event.data.waitSeconds };
    default:
      return null;
  }
}

export interface ReplayReport {
  readonly queues: Record<string, ReplayFigures>;
  readonly frontOffice: ReplayFigures;
}

/**
 * Queues listed: every queue a call event or a member administration event (added,
 * removed, paused, unpaused, penalty) touched, i.e. the queues that queue_log writes a line
 * for, which is how the captures' truth files list them. Device-state changes alone do not
 * list a queue (queue_log does not record them).
 * Front office: each inbound call (Linkedid) once, by shared's `mergeFrontOfficeOutcome`
 * (answered if any of its queue calls was answered, otherwise its last outcome); a call
 * without an outcome yet is not counted.
 * Events with an id already seen are skipped, as ingest does.
 */
export function replayReportFromEvents(events: Iterable<DomainEvent>, shortAbandonSeconds?: number): ReplayReport {
  const perQueue = new Map<string, KpiCounters>();
  const perCall = new Map<string, FrontOfficeOutcome>();
  const seen = new Set<string>();
  const touch = (queue: string): KpiCounters => {
    let counters = perQueue.get(queue);
    if (counters === undefined) perQueue.set(queue, (counters = emptyCounters()));
    return counters;
  };

  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    if (event.type.startsWith('call.') || (event.type.startsWith('member.') && event.type !== 'member.device_state')) {
      touch((event.data as { queue: string }).queue);
    }
    const outcome = queueCallOutcome(event);
    if (outcome === null || !('linkedId' in event.data)) continue;
    const { queue, linkedId } = event.data;
    perQueue.set(
      queue,
      addCounters(touch(queue), { ...emptyCounters(), ...countersForOutcome(outcome, shortAbandonSeconds) }),
    );
    const next = frontOfficeOutcome(outcome, event.at, shortAbandonSeconds);
    perCall.set(linkedId, mergeFrontOfficeOutcome(perCall.get(linkedId) ?? null, next).current);
  }

  let frontOffice = emptyCounters();
  for (const { counters } of perCall.values())
    frontOffice = addCounters(frontOffice, { ...emptyCounters(), ...counters });
  const queues: Record<string, ReplayFigures> = {};
  for (const [queue, counters] of [...perQueue].sort(([a], [b]) => a.localeCompare(b))) {
    queues[queue] = replayFigures(figuresFromCounters(counters));
  }
  return { queues, frontOffice: replayFigures(figuresFromCounters(frontOffice)) };
}
