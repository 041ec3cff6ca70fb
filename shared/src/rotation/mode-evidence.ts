import { modeFromPauseReason, type AgentMode } from '../agents/agent-mode.js';
import { agentIdFromInterface } from '../agents/agent-id.js';
import type { AgentModeChanged } from '../events/agent-events.js';
import type { MemberAdded, MemberPaused, MemberStatus, MemberUnpaused } from '../events/member-events.js';
import type { TelephonySnapshot } from '../events/telephony-events.js';

/**
 * What Asterisk says about agents' modes, as mode changes for time-per-mode and deviations:
 * a pause made outside IRIS (from a phone, another tool) counts, and so does the state found
 * when the bridge connects (member added, queue snapshot). `iris:<mode>` gives the mode, any
 * other pause reason is a break, unpaused is the phone. For IRIS's own switches this agrees
 * with agent.mode_changed: time is measured between changes, so a repeated mode adds nothing.
 */
export type ModeEvidenceEvent = MemberPaused | MemberUnpaused | MemberAdded | TelephonySnapshot;

export const MODE_EVIDENCE_TYPES = ['member.paused', 'member.unpaused', 'member.added', 'telephony.snapshot'] as const;

export function modeFromStatus(status: Pick<MemberStatus, 'paused' | 'pausedReason'>): AgentMode {
  return status.paused ? (modeFromPauseReason(status.pausedReason) ?? 'break') : 'phone';
}

export function modeEvidence(event: ModeEvidenceEvent): AgentModeChanged[] {
  switch (event.type) {
    case 'member.paused':
      return [evidence(event, event.data.agent.interface, modeFromPauseReason(event.data.reason) ?? 'break')];
    case 'member.unpaused':
      return [evidence(event, event.data.agent.interface, 'phone')];
    case 'member.added':
      return [evidence(event, event.data.agent.interface, modeFromStatus(event.data.status))];
    case 'telephony.snapshot': {
      // One agent in several queues: on the phone if any membership is unpaused.
      const byAgent = new Map<string, { iface: string; modes: AgentMode[] }>();
      for (const queue of event.data.queues) {
        for (const member of queue.members) {
          const agentId = agentIdFromInterface(member.agent.interface);
          const entry = byAgent.get(agentId) ?? { iface: member.agent.interface, modes: [] };
          entry.modes.push(modeFromStatus(member.status));
          byAgent.set(agentId, entry);
        }
      }
      return [...byAgent.values()].map(({ iface, modes }) =>
        evidence(event, iface, modes.includes('phone') ? 'phone' : modes[0]!),
      );
    }
    default:
      return assertNeverEvidence(event);
  }
}

function evidence(event: ModeEvidenceEvent, memberInterface: string, mode: AgentMode): AgentModeChanged {
  const agentId = agentIdFromInterface(memberInterface);
  return {
    id: event.type === 'telephony.snapshot' ? `asterisk:${event.id}:${agentId}` : `asterisk:${event.id}`,
    type: 'agent.mode_changed',
    v: 1,
    at: event.at,
    source: event.source,
    data: { agentId, mode, previousMode: null, requestedBy: 'asterisk' },
  };
}

function assertNeverEvidence(value: never): never {
  throw new Error(`unhandled mode evidence: ${JSON.stringify(value)}`);
}
