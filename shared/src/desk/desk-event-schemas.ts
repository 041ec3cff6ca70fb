import { z } from 'zod';
import type { EventDataSchemas } from '../events/event-schema-types.js';
import { count, nonEmpty, parisDay } from '../events/schema-parts.js';
import type { DeskEvent } from './desk-events.js';

export const DESK_EVENT_SCHEMAS = {
  'desk.ticket_taken': z.strictObject({
    ticketId: nonEmpty(100),
    number: nonEmpty(20),
    reason: nonEmpty(100),
    day: parisDay,
  }),
  'desk.ticket_called': z.strictObject({
    ticketId: nonEmpty(100),
    number: nonEmpty(20),
    counter: nonEmpty(50),
    agentId: nonEmpty(100),
    attempt: count.min(1),
  }),
  'desk.ticket_served': z.strictObject({ ticketId: nonEmpty(100), agentId: nonEmpty(100), counter: nonEmpty(50) }),
  'desk.ticket_redirected': z.strictObject({
    ticketId: nonEmpty(100),
    agentId: nonEmpty(100),
    counter: nonEmpty(50),
    service: nonEmpty(200),
  }),
} satisfies EventDataSchemas<DeskEvent>;
