import { z } from 'zod';
import type { MemberEvent } from './member-events.js';
import type { EventDataSchemas } from './event-schema-types.js';
import { count, memberRef, nonEmpty, text } from './schema-parts.js';

export const DEVICE_STATES = [
  'unknown',
  'not_in_use',
  'in_use',
  'busy',
  'invalid',
  'unavailable',
  'ringing',
  'ring_in_use',
  'on_hold',
] as const;

export const memberStatusSchema = z.strictObject({
  deviceState: z.enum(DEVICE_STATES),
  paused: z.boolean(),
  pausedReason: text(300),
  inCall: z.boolean(),
  callsTaken: count,
  lastCallAt: count,
  penalty: z.number().int(),
  membership: z.enum(['static', 'dynamic', 'realtime']),
});

const member = { queue: nonEmpty(200), agent: memberRef } as const;

export const MEMBER_EVENT_SCHEMAS = {
  'member.added': z.strictObject({ ...member, status: memberStatusSchema }),
  'member.removed': z.strictObject(member),
  'member.paused': z.strictObject({ ...member, reason: text(300) }),
  'member.unpaused': z.strictObject({ ...member, reason: text(300) }),
  'member.device_state': z.strictObject({ ...member, status: memberStatusSchema }),
  'member.penalty_changed': z.strictObject({ ...member, penalty: z.number().int() }),
} satisfies EventDataSchemas<MemberEvent>;
