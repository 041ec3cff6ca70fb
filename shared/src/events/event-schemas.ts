import { z } from 'zod';
import { CITIZEN_EVENT_SCHEMAS } from '../citizens/citizen-event-schemas.js';
import { DESK_EVENT_SCHEMAS } from '../desk/desk-event-schemas.js';
import { REQUEST_EVENT_SCHEMAS } from '../requests/request-event-schemas.js';
import { ROTATION_EVENT_SCHEMAS } from '../rotation/rotation-event-schemas.js';
import { AGENT_EVENT_SCHEMAS } from './agent-event-schemas.js';
import { CALL_EVENT_SCHEMAS } from './call-event-schemas.js';
import type { EventSource } from './domain-event.js';
import type { EventDataSchemas } from './event-schema-types.js';
import type { DomainEvent, DomainEventType } from './index.js';
import { MEMBER_EVENT_SCHEMAS } from './member-event-schemas.js';
import { TELEPHONY_EVENT_SCHEMAS } from './telephony-event-schemas.js';

/**
 * The runtime schema of every event's `data`, by type: the log's door (ingest) checks each
 * event against it, so a projection never meets a payload its type does not describe.
 * Total over DomainEvent at compile time: a new event type does not compile until its
 * schema is listed here (each feature keeps its schemas beside its event types).
 */
export const EVENT_DATA_SCHEMAS = {
  ...CALL_EVENT_SCHEMAS,
  ...MEMBER_EVENT_SCHEMAS,
  ...TELEPHONY_EVENT_SCHEMAS,
  ...AGENT_EVENT_SCHEMAS,
  ...DESK_EVENT_SCHEMAS,
  ...ROTATION_EVENT_SCHEMAS,
  ...CITIZEN_EVENT_SCHEMAS,
  ...REQUEST_EVENT_SCHEMAS,
} satisfies EventDataSchemas<DomainEvent>;

export const EVENT_SOURCES = ['ami', 'desk', 'intake', 'iris'] as const satisfies ReadonlyArray<EventSource>;

const envelopeSchema = z.strictObject({
  id: z.string().min(1).max(512),
  type: z.string().min(1).max(100),
  v: z.literal(1),
  at: z.number().finite().positive(),
  source: z.enum(EVENT_SOURCES),
  data: z.unknown(),
});

/** Why a value may not enter the log: where in the event, and what is wrong. */
export interface EventProblem {
  readonly path: string;
  readonly message: string;
}

export function isDomainEventType(type: unknown): type is DomainEventType {
  return typeof type === 'string' && Object.hasOwn(EVENT_DATA_SCHEMAS, type);
}

/**
 * Checks a value against the envelope and its type's data schema. Returns the problems
 * (empty when the value is a valid DomainEvent); never throws.
 */
export function eventProblems(value: unknown): EventProblem[] {
  const envelope = envelopeSchema.safeParse(value);
  if (!envelope.success) return issuesOf(envelope.error, '');
  const { type, data } = envelope.data;
  if (!isDomainEventType(type)) return [{ path: 'type', message: `unknown event type ${JSON.stringify(type)}` }];
  const parsed = (EVENT_DATA_SCHEMAS[type] as z.ZodType).safeParse(data);
  return parsed.success ? [] : issuesOf(parsed.error, 'data');
}

export function isDomainEvent(value: unknown): value is DomainEvent {
  return eventProblems(value).length === 0;
}

function issuesOf(error: z.ZodError, prefix: string): EventProblem[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(event)',
    message: issue.message,
  }));
}
