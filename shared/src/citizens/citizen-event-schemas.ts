import { z } from 'zod';
import type { EventDataSchemas } from '../events/event-schema-types.js';
import { nonEmpty, text } from '../events/schema-parts.js';
import type { CitizenEvent } from './citizen-events.js';

export const postalAddressSchema = z.strictObject({
  street: nonEmpty(300),
  postalCode: text(20).optional(),
  city: text(200).optional(),
});

const identifiers = z.strictObject({
  fullName: text(300).nullable(),
  phones: z.array(nonEmpty(40)).max(50),
  emails: z.array(nonEmpty(320)).max(50),
  addresses: z.array(postalAddressSchema).max(50),
});

export const CITIZEN_EVENT_SCHEMAS = {
  'citizen.created': z.strictObject({ citizenId: nonEmpty(100), identifiers, createdBy: nonEmpty(200) }),
  'citizen.identified': z.strictObject({
    citizenId: nonEmpty(100),
    matchedBy: z.enum(['phone', 'email', 'name_address', 'agent']),
    added: identifiers,
  }),
  'citizen.merged': z.strictObject({
    mergeId: nonEmpty(100),
    sourceId: nonEmpty(100),
    targetId: nonEmpty(100),
    mergedBy: nonEmpty(200),
    reason: text(1000),
  }),
  'citizen.unmerged': z.strictObject({
    mergeId: nonEmpty(100),
    sourceId: nonEmpty(100),
    targetId: nonEmpty(100),
    unmergedBy: nonEmpty(200),
    reason: text(1000),
  }),
} satisfies EventDataSchemas<CitizenEvent>;
