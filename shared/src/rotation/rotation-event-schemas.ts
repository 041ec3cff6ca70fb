import { z } from 'zod';
import { AGENT_MODES } from '../agents/agent-mode.js';
import type { EventDataSchemas } from '../events/event-schema-types.js';
import { count, nonEmpty, parisDay } from '../events/schema-parts.js';
import type { RotationEvent } from './rotation-events.js';

const clockTime = z.string().regex(/^\d{2}:\d{2}$/);

export const ROTATION_EVENT_SCHEMAS = {
  'rotation.plan_set': z.strictObject({
    date: parisDay,
    revision: count.min(1),
    slots: z
      .array(
        z.strictObject({
          agentId: nonEmpty(100),
          date: parisDay,
          start: clockTime,
          end: clockTime,
          mode: z.enum(AGENT_MODES),
        }),
      )
      .max(10_000),
    setBy: nonEmpty(200),
  }),
} satisfies EventDataSchemas<RotationEvent>;
