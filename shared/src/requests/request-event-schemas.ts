import { z } from 'zod';
import type { EventDataSchemas } from '../events/event-schema-types.js';
import { count, epochMs, nonEmpty, text } from '../events/schema-parts.js';
import { REQUEST_CHANNELS } from './request.js';
import type { RequestEvent } from './request-events.js';

const reference = z.string().regex(/^IRIS-\d{4}-\d{6}$/);
const channel = z.enum(REQUEST_CHANNELS);

export const attachmentRefSchema = z.strictObject({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  filename: nonEmpty(300),
  contentType: nonEmpty(200),
  size: count,
});

export const requestMessageSchema = z.strictObject({
  messageId: nonEmpty(1000),
  direction: z.enum(['in', 'out']),
  channel,
  at: epochMs,
  from: text(1000),
  to: text(1000),
  subject: text(1000).nullable(),
  text: text(1_000_000),
  attachments: z.array(attachmentRefSchema).max(100),
  sentBy: text(200).nullable(),
});

const suggestion = z.strictObject({
  category: nonEmpty(100),
  confidence: z.number().min(0).max(1),
  method: z.enum(['rules', 'classifier']),
});

const contact = z.strictObject({
  email: text(320).nullable(),
  phone: text(40).nullable(),
  name: text(300).nullable(),
});

export const REQUEST_EVENT_SCHEMAS = {
  'request.received': z.strictObject({
    reference,
    channel,
    citizenId: nonEmpty(100).nullable(),
    subject: text(1000),
    text: text(1_000_000),
    attachments: z.array(attachmentRefSchema).max(100),
    sourceRef: nonEmpty(1000),
    message: requestMessageSchema.nullable(),
    recordedBy: nonEmpty(200),
    contact,
    suggestion: suggestion.nullable(),
  }),
  'request.qualified': z.strictObject({
    reference,
    category: nonEmpty(100),
    service: nonEmpty(100),
    confidence: z.number().min(0).max(1),
    method: z.enum(['rules', 'classifier', 'agent']),
    qualifiedBy: nonEmpty(200),
    suggestedCategory: nonEmpty(100).nullable(),
  }),
  'request.routed': z.strictObject({
    reference,
    service: nonEmpty(100),
    category: nonEmpty(100),
    automatic: z.boolean(),
    routedBy: nonEmpty(200),
    dueAt: epochMs,
  }),
  'request.rerouted': z.strictObject({
    reference,
    fromService: nonEmpty(100),
    fromCategory: nonEmpty(100),
    toService: nonEmpty(100),
    toCategory: nonEmpty(100),
    reroutedBy: nonEmpty(200),
    reason: text(1000),
    dueAt: epochMs,
  }),
  'request.message_added': z.strictObject({ reference, message: requestMessageSchema }),
  'request.described': z.strictObject({
    reference,
    subject: text(1000),
    text: text(1_000_000),
    describedBy: nonEmpty(200),
    suggestion: suggestion.nullable(),
  }),
  'request.answered': z.strictObject({ reference, answeredBy: nonEmpty(200), firstLevel: z.boolean() }),
  'request.closed': z.strictObject({ reference, closedBy: nonEmpty(200), reason: text(1000) }),
} satisfies EventDataSchemas<RequestEvent>;
