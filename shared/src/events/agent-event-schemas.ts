import { z } from 'zod';
import { AGENT_MODES } from '../agents/agent-mode.js';
import type { AgentEvent } from './agent-events.js';
import type { EventDataSchemas } from './event-schema-types.js';
import { nonEmpty } from './schema-parts.js';

export const AGENT_EVENT_SCHEMAS = {
  'agent.mode_changed': z.strictObject({
    agentId: nonEmpty(100),
    mode: z.enum(AGENT_MODES),
    previousMode: z.enum(AGENT_MODES).nullable(),
    requestedBy: nonEmpty(200),
  }),
} satisfies EventDataSchemas<AgentEvent>;
