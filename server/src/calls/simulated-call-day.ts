import type { DomainEvent, MemberRef } from '@iris/shared';

/**
 * A deterministic simulated day of call-centre traffic as domain events (what the
 * telephony bridge would emit), for durability tests and the store benchmark. Seeded: the
 * same options always give the same events, ids included.
 */
export interface SimulatedDayOptions {
  readonly calls: number;
  /** Epoch ms of the first arrival. */
  readonly start: number;
  /** Span of arrivals (ms). */
  readonly spanMs: number;
  readonly seed?: number;
  readonly queues?: ReadonlyArray<string>;
  /** Prefix of call ids, so several days never share ids. */
  readonly idPrefix?: string;
}

const AGENTS: MemberRef[] = Array.from({ length: 12 }, (_, i) => ({
  interface: `Local/${1001 + i}@agents/n`,
  name: `Agent ${1001 + i}`,
}));

function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export function simulatedCallDay(options: SimulatedDayOptions): DomainEvent[] {
  const random = prng(options.seed ?? 42);
  const queues = options.queues ?? ['accueil', 'etat-civil', 'urbanisme'];
  const prefix = options.idPrefix ?? 'sim';
  const events: DomainEvent[] = [];
  const at = (t: number) => Math.round(t);
  for (let n = 0; n < options.calls; n++) {
    const joined = options.start + (options.spanMs * n) / options.calls + random() * 1000;
    const queue = queues[Math.floor(random() * queues.length)]!;
    const callId = `${prefix}.${n}`;
    const linkedId = `${prefix}.${n}`;
    const ref = { callId, linkedId, queue };
    const agent = AGENTS[Math.floor(random() * AGENTS.length)]!;
    const wait = Math.floor(random() * 60);
    const id = (kind: string) => `ami:${callId}:${queue}:${kind}`;
    events.push({
      id: id('join'),
      type: 'call.queued',
      v: 1,
      at: at(joined),
      source: 'ami',
      data: { ...ref, callerNumber: `+3314655${String(n % 10000).padStart(4, '0')}`, callerName: null, position: 1 },
    });
    events.push({
      id: id('ring'),
      type: 'call.ringing',
      v: 1,
      at: at(joined + 500),
      source: 'ami',
      data: { ...ref, agent },
    });
    const fate = random();
    const left = joined + wait * 1000;
    if (fate < 0.6) {
      const talk = 30 + Math.floor(random() * 300);
      events.push({
        id: id('connect'),
        type: 'call.answered',
        v: 1,
        at: at(left),
        source: 'ami',
        data: { ...ref, agent, holdSeconds: wait, ringSeconds: 2, serviceLevelSeconds: 20 },
      });
      events.push({
        id: id('complete'),
        type: 'call.ended',
        v: 1,
        at: at(left + talk * 1000),
        source: 'ami',
        data: { ...ref, agent, holdSeconds: wait, talkSeconds: talk, endedBy: random() < 0.5 ? 'agent' : 'caller' },
      });
    } else if (fate < 0.85) {
      events.push({
        id: id('abandon'),
        type: 'call.abandoned',
        v: 1,
        at: at(left),
        source: 'ami',
        data: { ...ref, waitSeconds: wait, position: 1 },
      });
    } else if (fate < 0.95) {
      events.push({
        id: id('timeout'),
        type: 'call.timed_out',
        v: 1,
        at: at(left),
        source: 'ami',
        data: { ...ref, waitSeconds: wait },
      });
    } else {
      events.push({
        id: id('exit'),
        type: 'call.exited',
        v: 1,
        at: at(left),
        source: 'ami',
        data: { ...ref, waitSeconds: wait, reason: 'key' },
      });
    }
  }
  // The log is in arrival order, as a bridge would append it.
  return events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}
