/**
 * The KPI definitions of DESIGN.md, as pure maths. A queue call (one caller's stay in one
 * queue) has exactly one outcome; counters add outcomes up; figures derive rates from
 * counters. Asterisk's own counters mean other things and never enter here.
 */

export const DEFAULT_SHORT_ABANDON_SECONDS = 5;
export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

export type QueueCallOutcome =
  | { readonly kind: 'answered'; readonly waitSeconds: number; readonly serviceLevelSeconds: number }
  | { readonly kind: 'abandoned'; readonly waitSeconds: number }
  | { readonly kind: 'timed_out'; readonly waitSeconds: number }
  | { readonly kind: 'exited'; readonly waitSeconds: number };

/** Additive counters: what buckets store. Every field sums across buckets and queues. */
export interface KpiCounters {
  answered: number;
  /** Abandons after at least the short-abandon threshold. */
  abandoned: number;
  /** Abandons before the threshold: shown apart, left out of offered. */
  shortAbandoned: number;
  timedOut: number;
  exited: number;
  answeredWithinServiceLevel: number;
  /** Sum of waits of answered calls (seconds), for ASA. */
  answeredWaitSeconds: number;
  /** Sum of waits of (non-short) abandons, for the mean abandon wait. */
  abandonedWaitSeconds: number;
  /** Completed conversations and their talk time, for AHT. */
  completed: number;
  talkSeconds: number;
}

export const KPI_COUNTER_FIELDS = [
  'answered',
  'abandoned',
  'shortAbandoned',
  'timedOut',
  'exited',
  'answeredWithinServiceLevel',
  'answeredWaitSeconds',
  'abandonedWaitSeconds',
  'completed',
  'talkSeconds',
] as const satisfies ReadonlyArray<keyof KpiCounters>;

export function emptyCounters(): KpiCounters {
  return {
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    timedOut: 0,
    exited: 0,
    answeredWithinServiceLevel: 0,
    answeredWaitSeconds: 0,
    abandonedWaitSeconds: 0,
    completed: 0,
    talkSeconds: 0,
  };
}

export function addCounters(a: KpiCounters, b: KpiCounters): KpiCounters {
  const sum = emptyCounters();
  for (const field of KPI_COUNTER_FIELDS) sum[field] = a[field] + b[field];
  return sum;
}

/** Is this abandon short? Strictly less than the threshold: waiting exactly 5 s is not short. */
export function isShortAbandon(waitSeconds: number, shortAbandonSeconds = DEFAULT_SHORT_ABANDON_SECONDS): boolean {
  return waitSeconds < shortAbandonSeconds;
}

/** Asterisk's own within-SL test is `holdtime <= servicelevel`, in whole seconds; so is ours. */
export function isWithinServiceLevel(waitSeconds: number, serviceLevelSeconds: number): boolean {
  return waitSeconds <= serviceLevelSeconds;
}

/** The counter increments one outcome contributes. */
export function countersForOutcome(
  outcome: QueueCallOutcome,
  shortAbandonSeconds = DEFAULT_SHORT_ABANDON_SECONDS,
): Partial<KpiCounters> {
  switch (outcome.kind) {
    case 'answered':
      return {
        answered: 1,
        answeredWaitSeconds: outcome.waitSeconds,
        answeredWithinServiceLevel: isWithinServiceLevel(outcome.waitSeconds, outcome.serviceLevelSeconds) ? 1 : 0,
      };
    case 'abandoned':
      return isShortAbandon(outcome.waitSeconds, shortAbandonSeconds)
        ? { shortAbandoned: 1 }
        : { abandoned: 1, abandonedWaitSeconds: outcome.waitSeconds };
    case 'timed_out':
      return { timedOut: 1 };
    case 'exited':
      return { exited: 1 };
  }
}

/** The figures people read. Rates are fractions 0..1, null when nothing was offered (shown "—", never 100%). */
export interface KpiFigures {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
  exited: number;
  answeredWithinServiceLevel: number;
  pickupRate: number | null;
  serviceLevel: number | null;
  /** Mean wait of answered calls, seconds. */
  averageSpeedOfAnswer: number | null;
  meanAbandonWait: number | null;
  /** Mean talk time of completed calls, seconds. */
  averageHandleTime: number | null;
}

export function offeredCalls(c: KpiCounters): number {
  return c.answered + c.abandoned + c.timedOut + c.exited;
}

export function figuresFromCounters(c: KpiCounters): KpiFigures {
  const offered = offeredCalls(c);
  const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
  return {
    offered,
    answered: c.answered,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    timedOut: c.timedOut,
    exited: c.exited,
    answeredWithinServiceLevel: c.answeredWithinServiceLevel,
    pickupRate: ratio(c.answered, offered),
    serviceLevel: ratio(c.answeredWithinServiceLevel, offered),
    averageSpeedOfAnswer: ratio(c.answeredWaitSeconds, c.answered),
    meanAbandonWait: ratio(c.abandonedWaitSeconds, c.abandoned),
    averageHandleTime: ratio(c.talkSeconds, c.completed),
  };
}

/** The shape `npm run iris -- replay --json` prints and the captures' truth.json holds. */
export interface ReplayFigures {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
  exited: number;
  answeredWithinServiceLevel: number;
  pickupRate: number | null;
  serviceLevel: number | null;
}

export function replayFigures(f: KpiFigures): ReplayFigures {
  const {
    offered,
    answered,
    abandoned,
    shortAbandoned,
    timedOut,
    exited,
    answeredWithinServiceLevel,
    pickupRate,
    serviceLevel,
  } = f;
  return {
    offered,
    answered,
    abandoned,
    shortAbandoned,
    timedOut,
    exited,
    answeredWithinServiceLevel,
    pickupRate,
    serviceLevel,
  };
}
