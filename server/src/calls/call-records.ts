import { agentIdFromInterface, type AgentMode, type DeviceState, type MemberStatus } from '@iris/shared';

/** JSON records stored in projection hashes (one place, so projections and readers agree). */

export interface QueueMetaRecord {
  readonly serviceLevelSeconds: number;
  readonly strategy: string;
}

export interface WaitingRecord {
  readonly callId: string;
  readonly linkedId: string;
  readonly callerNumber: string;
  readonly callerName: string | null;
  readonly position: number;
  readonly joinedAt: number;
}

export interface MemberRecord {
  readonly agentId: string;
  readonly interface: string;
  readonly name: string;
  readonly deviceState: DeviceState;
  readonly paused: boolean;
  readonly pausedReason: string;
  readonly inCall: boolean;
  readonly penalty: number;
  readonly callsTaken: number;
  readonly lastCallAt: number;
}

export interface CallInProgressRecord {
  readonly callId: string;
  readonly linkedId: string;
  readonly queue: string;
  readonly agentId: string;
  readonly agentInterface: string;
  readonly callerNumber: string;
  readonly answeredAt: number;
}

export interface AgentRecord {
  readonly agentId: string;
  readonly name: string;
  readonly queues: ReadonlyArray<string>;
  /** The mode IRIS confirmed (agent.mode_changed), or null: then derived from the pause state. */
  readonly mode: AgentMode | null;
  readonly paused: boolean;
  readonly pausedReason: string;
  readonly deviceState: DeviceState;
  readonly since: number;
  /** Paris day (YYYY-MM-DD) the daily counters belong to. */
  readonly day: string;
  readonly callsToday: number;
  readonly talkSecondsToday: number;
  readonly currentCall: {
    readonly callId: string;
    readonly queue: string;
    readonly callerNumber: string;
    readonly since: number;
  } | null;
}

export function memberRecordFromStatus(agent: { interface: string; name: string }, status: MemberStatus): MemberRecord {
  return {
    agentId: agentIdFromInterface(agent.interface),
    interface: agent.interface,
    name: agent.name,
    deviceState: status.deviceState,
    paused: status.paused,
    pausedReason: status.pausedReason,
    inCall: status.inCall,
    penalty: status.penalty,
    callsTaken: status.callsTaken,
    lastCallAt: status.lastCallAt,
  };
}

export function parseRecord<T>(json: string | undefined): T | null {
  if (json === undefined) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

export function parseRecords<T>(hash: Readonly<Record<string, string>>): T[] {
  const records: T[] = [];
  for (const json of Object.values(hash)) {
    const record = parseRecord<T>(json);
    if (record) records.push(record);
  }
  return records;
}
