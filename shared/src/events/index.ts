export * from './domain-event.js';
export * from './call-events.js';
export * from './member-events.js';
export * from './telephony-events.js';
export * from './agent-events.js';

import type { CallEvent } from './call-events.js';
import type { MemberEvent } from './member-events.js';
import type { TelephonyEvent } from './telephony-events.js';
import type { AgentEvent } from './agent-events.js';
import type { CitizenEvent } from '../citizens/citizen-events.js';
import type { RequestEvent } from '../requests/request-events.js';
import type { DeskEvent } from '../desk/desk-events.js';
import type { RotationEvent } from '../rotation/rotation-events.js';

/**
 * The union of every event the log holds. Features that add events (desk, intake) extend
 * it here so the projector's exhaustive switch keeps compiling only when each is handled.
 */
export type DomainEvent =
  CallEvent | MemberEvent | TelephonyEvent | AgentEvent | DeskEvent | RotationEvent | CitizenEvent | RequestEvent;
export type DomainEventType = DomainEvent['type'];
export type EventOfType<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** Compile-time exhaustiveness guard for `switch (event.type)`. */
export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}

export * from './event-schemas.js';
export type { EventDataSchemas } from './event-schema-types.js';
