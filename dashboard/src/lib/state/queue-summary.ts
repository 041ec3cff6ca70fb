import type { QueueMemberView, QueueView } from '@iris/shared';

/** One queue as the wallboard shows it: who waits, for how long, and who can pick up. */
export interface QueueSummary {
  readonly queue: string;
  readonly waiting: number;
  /** Seconds the oldest caller still waiting has waited, null when nobody waits. */
  readonly longestWaitSeconds: number | null;
  readonly available: number;
  readonly busy: number;
  readonly paused: number;
  readonly unavailable: number;
  readonly callsInProgress: number;
}

export type MemberAvailability = 'available' | 'busy' | 'paused' | 'unavailable';

/** Paused wins over everything (a paused member gets no call), then busy, then reachable. */
export function memberAvailability(member: QueueMemberView): MemberAvailability {
  if (member.paused) return 'paused';
  if (member.inCall) return 'busy';
  switch (member.deviceState) {
    case 'not_in_use':
      return 'available';
    case 'in_use':
    case 'busy':
    case 'ringing':
    case 'ring_in_use':
    case 'on_hold':
      return 'busy';
    case 'unknown':
    case 'invalid':
    case 'unavailable':
      return 'unavailable';
  }
}

/** `now` is the server's clock as the client estimates it (see server-clock.ts). */
export function summarizeQueue(queue: QueueView, now: number): QueueSummary {
  const counts = { available: 0, busy: 0, paused: 0, unavailable: 0 };
  for (const member of queue.members) counts[memberAvailability(member)] += 1;
  const oldestJoin = queue.waiting.reduce<number | null>(
    (oldest, c) => (oldest === null || c.joinedAt < oldest ? c.joinedAt : oldest),
    null,
  );
  return {
    queue: queue.queue,
    waiting: queue.waiting.length,
    longestWaitSeconds: oldestJoin === null ? null : Math.max(0, Math.floor((now - oldestJoin) / 1000)),
    ...counts,
    callsInProgress: queue.callsInProgress,
  };
}

/** Queues in a stable, readable order (by name, French collation). */
export function summarizeQueues(queues: Readonly<Record<string, QueueView>>, now: number): QueueSummary[] {
  return Object.values(queues)
    .map((q) => summarizeQueue(q, now))
    .sort((a, b) => a.queue.localeCompare(b.queue, 'fr'));
}

/** Callers waiting across all queues. */
export function totalWaiting(queues: Readonly<Record<string, QueueView>>): number {
  let total = 0;
  for (const q of Object.values(queues)) total += q.waiting.length;
  return total;
}
