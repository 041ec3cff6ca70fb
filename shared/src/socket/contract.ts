import type { AgentMode } from '../agents/agent-mode.js';
import type { AgentPanelState, QueueView, SupervisorState } from './views.js';

/** Room names: the supervisor view, one per queue, one per agent. */
export type RoomName = 'supervisor' | `queue:${string}` | `agent:${string}`;

export interface RoomStates {
  supervisor: SupervisorState;
  queue: QueueView;
  agent: AgentPanelState;
}

export type RoomKind = keyof RoomStates;

export function roomKind(room: RoomName): RoomKind {
  if (room === 'supervisor') return 'supervisor';
  return room.startsWith('queue:') ? 'queue' : 'agent';
}

/**
 * A patch replaces top-level fields; for keyed collections (queues, agents) it replaces
 * the listed entries, and `null` removes one. Patches of a room carry consecutive seq
 * numbers after the snapshot's; a client that sees a gap asks for a fresh snapshot.
 */
export type StatePatch<S> = {
  [K in keyof S]?: S[K] extends Readonly<Record<string, infer V>>
    ? string extends keyof S[K]
      ? Readonly<Record<string, V | null>>
      : S[K]
    : S[K];
};

export interface SnapshotMessage<S = unknown> {
  readonly room: RoomName;
  readonly seq: number;
  readonly state: S;
}

export interface PatchMessage<S = unknown> {
  readonly room: RoomName;
  readonly seq: number;
  readonly patch: StatePatch<S>;
}

export interface SocketErrorMessage {
  readonly code: string;
  readonly message: string;
}

export type Ack<T = unknown> = (response: { ok: true; data?: T } | { ok: false; error: SocketErrorMessage }) => void;

export interface ServerToClientEvents {
  snapshot: (message: SnapshotMessage) => void;
  patch: (message: PatchMessage) => void;
  /** Result of a mode change once Asterisk confirmed it or it failed. */
  'agent:mode-result': (result: { agentId: string; mode: AgentMode; ok: boolean; error?: SocketErrorMessage }) => void;
}

export interface ClientToServerEvents {
  join: (room: RoomName, ack: Ack) => void;
  leave: (room: RoomName, ack: Ack) => void;
  /** Asks for a fresh snapshot (after a seq gap). */
  resync: (room: RoomName, ack: Ack) => void;
  'agent:set-mode': (request: { agentId: string; mode: AgentMode }, ack: Ack) => void;
}

/** Applies a patch to a state: the one merge rule, used by the server's coalescer and the dashboard. */
export function applyPatch<S extends object>(state: S, patch: StatePatch<S>): S {
  const next: Record<string, unknown> = { ...(state as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    const current = next[key];
    if (KEYED_COLLECTIONS.has(key) && isPlainObject(current) && isPlainObject(value)) {
      const merged: Record<string, unknown> = { ...current };
      for (const [id, entry] of Object.entries(value)) {
        if (entry === null) delete merged[id];
        else merged[id] = entry;
      }
      next[key] = merged;
    } else {
      next[key] = value;
    }
  }
  return next as S;
}

/** Merges two consecutive patches into one with the same effect (for coalescing bursts). */
export function mergePatches<S extends object>(first: StatePatch<S>, second: StatePatch<S>): StatePatch<S> {
  const merged: Record<string, unknown> = { ...(first as Record<string, unknown>) };
  for (const [key, value] of Object.entries(second as Record<string, unknown>)) {
    const earlier = merged[key];
    merged[key] =
      KEYED_COLLECTIONS.has(key) && isPlainObject(earlier) && isPlainObject(value) ? { ...earlier, ...value } : value;
  }
  return merged as StatePatch<S>;
}

/** Top-level fields that are keyed collections: patched entry by entry, `null` removes. */
export const KEYED_COLLECTIONS: ReadonlySet<string> = new Set(['queues', 'agents']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
