import { z } from 'zod';
import type { TelephonyEvent } from './telephony-events.js';
import type { EventDataSchemas } from './event-schema-types.js';
import { memberStatusSchema } from './member-event-schemas.js';
import { count, epochMs, memberRef, nonEmpty, seconds, text } from './schema-parts.js';

const queueSnapshot = z.strictObject({
  queue: nonEmpty(200),
  strategy: text(100),
  serviceLevelSeconds: seconds,
  asteriskCompleted: count,
  asteriskAbandoned: count,
  members: z.array(z.strictObject({ agent: memberRef, status: memberStatusSchema })).max(10_000),
  waiting: z
    .array(
      z.strictObject({
        callId: nonEmpty(),
        linkedId: nonEmpty(),
        callerNumber: text(100),
        callerName: text(200).nullable(),
        position: count,
        waitSeconds: seconds,
      }),
    )
    .max(100_000),
});

export const TELEPHONY_EVENT_SCHEMAS = {
  'telephony.snapshot': z.strictObject({ queues: z.array(queueSnapshot).max(10_000) }),
  'telephony.gap': z.strictObject({
    queue: nonEmpty(200),
    missedCompleted: count,
    missedAbandoned: count,
    disconnectedAt: epochMs,
    reconnectedAt: epochMs,
  }),
} satisfies EventDataSchemas<TelephonyEvent>;
