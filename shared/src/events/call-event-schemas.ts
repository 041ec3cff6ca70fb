import { z } from 'zod';
import type { CallEvent } from './call-events.js';
import type { EventDataSchemas } from './event-schema-types.js';
import { memberRef, nonEmpty, queueCallRef, seconds, text, count } from './schema-parts.js';

export const CALL_EVENT_SCHEMAS = {
  'call.queued': z.strictObject({
    ...queueCallRef,
    callerNumber: text(100),
    callerName: text(200).nullable(),
    position: count,
  }),
  'call.ringing': z.strictObject({ ...queueCallRef, agent: memberRef }),
  'call.ring_no_answer': z.strictObject({ ...queueCallRef, agent: memberRef, ringMs: count }),
  'call.answered': z.strictObject({
    ...queueCallRef,
    agent: memberRef,
    holdSeconds: seconds,
    ringSeconds: seconds,
    serviceLevelSeconds: seconds,
  }),
  'call.ended': z.strictObject({
    ...queueCallRef,
    agent: memberRef,
    holdSeconds: seconds,
    talkSeconds: seconds,
    endedBy: z.enum(['caller', 'agent', 'transfer']),
  }),
  'call.abandoned': z.strictObject({ ...queueCallRef, waitSeconds: seconds, position: count }),
  'call.timed_out': z.strictObject({ ...queueCallRef, waitSeconds: seconds }),
  'call.exited': z.strictObject({ ...queueCallRef, waitSeconds: seconds, reason: nonEmpty(100) }),
  'call.transferred': z.strictObject({ ...queueCallRef, agent: memberRef, target: text(300) }),
} satisfies EventDataSchemas<CallEvent>;
