import { parisParts, parisWallClockToEpoch, type DomainEvent, type MemberRef } from '@iris/shared';

/**
 * Past days of front-office calls for the demo, so that a newcomer's first look at the
 * wallboard has history (the 30-day chart, yesterday's figures) and not only the minutes the
 * simulator has been running. Seeded and deterministic: the same options give the same events
 * and ids, so seeding twice counts nothing twice. Town-hall opening hours (Mon-Fri
 * 08:30-17:30, Sat 09:00-12:00, Europe/Paris), morning and early-afternoon peaks, the
 * simulator's queues and agents; each day draws its own pickup rate around the 91 % target.
 */
export interface DemoHistoryOptions {
  /** How many days before `today` to generate (today itself is left to live traffic). */
  readonly days: number;
  /** Any instant of the current day (epoch ms). */
  readonly today: number;
  readonly seed?: number;
}

const QUEUES = [
  { name: 'accueil', share: 0.8, agents: [1001, 1002, 1003, 1004, 1005, 1006], serviceLevelSeconds: 20 },
  { name: 'etat-civil', share: 0.2, agents: [1005, 1006, 1007, 1008], serviceLevelSeconds: 30 },
] as const;

/** Relative arrival weight per Paris hour: a morning peak and an early-afternoon one. */
const HOURLY_WEIGHT: Readonly<Record<number, number>> = {
  8: 0.6,
  9: 1.4,
  10: 1.6,
  11: 1.2,
  12: 0.5,
  13: 0.9,
  14: 1.3,
  15: 1.0,
  16: 0.7,
  17: 0.4,
};

function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

function member(extension: number): MemberRef {
  return { interface: `Local/${extension}@agents/n`, name: `Agent ${extension}` };
}

/** Opening hours of a Paris day as [open, close] epoch ms, or null when closed (Sunday). */
function openingHours(year: number, month: number, day: number): [number, number] | null {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 0) return null;
  if (weekday === 6)
    return [parisWallClockToEpoch(year, month, day, 9, 0), parisWallClockToEpoch(year, month, day, 12, 0)];
  return [parisWallClockToEpoch(year, month, day, 8, 30), parisWallClockToEpoch(year, month, day, 17, 30)];
}

export function demoHistory(options: DemoHistoryOptions): DomainEvent[] {
  const random = prng(options.seed ?? 2026);
  const events: DomainEvent[] = [];
  const today = parisParts(options.today);
  for (let back = options.days; back >= 1; back -= 1) {
    // Noon UTC of the calendar day `back` days ago, read back as a Paris date.
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back, 12));
    const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    const hours = openingHours(year, month, day);
    if (!hours) continue;
    const dayKey = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const saturday = new Date(Date.UTC(year, month - 1, day)).getUTCDay() === 6;
    const calls = Math.round((saturday ? 50 : 170) * (0.8 + random() * 0.4));
    const pickupRate = 0.84 + random() * 0.13;
    for (let n = 0; n < calls; n += 1) {
      const joinedAt = arrivalTime(hours, random);
      const queue = random() < QUEUES[0].share ? QUEUES[0] : QUEUES[1];
      const callId = `demo-${dayKey}-${n}`;
      const ref = { callId, linkedId: callId, queue: queue.name };
      const id = (kind: string) => `demo:${dayKey}:${n}:${kind}`;
      const callerNumber = `+3314${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
      events.push({
        id: id('queued'),
        type: 'call.queued',
        v: 1,
        at: joinedAt,
        source: 'ami',
        data: { ...ref, callerNumber, callerName: null, position: 1 },
      });
      const fate = random();
      if (fate < pickupRate) {
        const wait = Math.round(-Math.log(1 - random()) * 12);
        const talk = 60 + Math.round(random() * 300);
        const agent = member(queue.agents[Math.floor(random() * queue.agents.length)]!);
        const answeredAt = joinedAt + wait * 1000;
        const answer = {
          ...ref,
          agent,
          holdSeconds: wait,
          ringSeconds: 3,
          serviceLevelSeconds: queue.serviceLevelSeconds,
        };
        events.push({ id: id('answered'), type: 'call.answered', v: 1, at: answeredAt, source: 'ami', data: answer });
        events.push({
          id: id('ended'),
          type: 'call.ended',
          v: 1,
          at: answeredAt + talk * 1000,
          source: 'ami',
          data: { ...ref, agent, holdSeconds: wait, talkSeconds: talk, endedBy: random() < 0.6 ? 'agent' : 'caller' },
        });
      } else {
        const kind = random();
        if (kind < 0.8) {
          // A fifth of these abandons are short ones (under 5 s), shown apart.
          const wait = kind < 0.16 ? Math.floor(random() * 5) : 5 + Math.round(random() * 80);
          events.push({
            id: id('abandoned'),
            type: 'call.abandoned',
            v: 1,
            at: joinedAt + wait * 1000,
            source: 'ami',
            data: { ...ref, waitSeconds: wait, position: 1 },
          });
        } else if (kind < 0.95) {
          events.push({
            id: id('timed_out'),
            type: 'call.timed_out',
            v: 1,
            at: joinedAt + 60_000,
            source: 'ami',
            data: { ...ref, waitSeconds: 60 },
          });
        } else {
          const wait = 10 + Math.round(random() * 30);
          events.push({
            id: id('exited'),
            type: 'call.exited',
            v: 1,
            at: joinedAt + wait * 1000,
            source: 'ami',
            data: { ...ref, waitSeconds: wait, reason: 'left' },
          });
        }
      }
    }
  }
  // The log is in the order a bridge would have appended it.
  return events.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

/** An arrival inside opening hours, drawn from the hourly profile (rejection sampling). */
function arrivalTime([open, close]: [number, number], random: () => number): number {
  for (;;) {
    const at = open + Math.floor(random() * (close - open - 120_000));
    const weight = HOURLY_WEIGHT[parisParts(at).hour] ?? 0;
    if (random() * 1.6 < weight) return at;
  }
}
