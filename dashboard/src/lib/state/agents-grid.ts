import type { AgentMode, AgentView, DeviceState } from '@iris/shared';

/** The agents grid: filter by mode and by name, sort by a column; pure so it is unit-tested. */
export type AgentSortKey = 'name' | 'mode' | 'timeInState' | 'callsToday';
export type SortDirection = 'ascending' | 'descending';

export interface AgentGridQuery {
  readonly mode: AgentMode | 'all';
  readonly text: string;
  readonly sortBy: AgentSortKey;
  readonly direction: SortDirection;
}

export const DEFAULT_AGENT_QUERY: AgentGridQuery = { mode: 'all', text: '', sortBy: 'name', direction: 'ascending' };

export interface AgentRow {
  readonly agentId: string;
  readonly name: string;
  readonly mode: AgentMode;
  readonly pendingMode: AgentMode | null;
  readonly deviceState: DeviceState;
  readonly timeInStateSeconds: number;
  readonly callsToday: number;
  readonly onCall: boolean;
}

/** Order of modes when sorting by mode: who answers the phone first. */
const MODE_ORDER: Record<AgentMode, number> = { phone: 0, desk: 1, mail: 2, break: 3, offline: 4 };

/** Case- and accent-insensitive, so "helene" finds "Hélène". */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

export function agentRows(agents: Readonly<Record<string, AgentView>>, query: AgentGridQuery, now: number): AgentRow[] {
  const needle = fold(query.text);
  const rows: AgentRow[] = [];
  for (const agent of Object.values(agents)) {
    if (query.mode !== 'all' && agent.mode !== query.mode) continue;
    if (needle && !fold(agent.name).includes(needle) && !fold(agent.agentId).includes(needle)) continue;
    rows.push({
      agentId: agent.agentId,
      name: agent.name,
      mode: agent.mode,
      pendingMode: agent.pendingMode,
      deviceState: agent.deviceState,
      timeInStateSeconds: Math.max(0, Math.floor((now - agent.since) / 1000)),
      callsToday: agent.callsToday,
      onCall: agent.currentCall !== null,
    });
  }
  const sign = query.direction === 'ascending' ? 1 : -1;
  const byName = (a: AgentRow, b: AgentRow) => a.name.localeCompare(b.name, 'fr') || a.agentId.localeCompare(b.agentId);
  const compare: Record<AgentSortKey, (a: AgentRow, b: AgentRow) => number> = {
    name: byName,
    mode: (a, b) => MODE_ORDER[a.mode] - MODE_ORDER[b.mode],
    timeInState: (a, b) => a.timeInStateSeconds - b.timeInStateSeconds,
    callsToday: (a, b) => a.callsToday - b.callsToday,
  };
  // Ties always fall back to the name, ascending, so the grid never shuffles on a patch.
  return rows.sort((a, b) => sign * compare[query.sortBy](a, b) || byName(a, b));
}

/** How many agents are in each mode (the grid's filter shows the counts). */
export function countByMode(agents: Readonly<Record<string, AgentView>>): Record<AgentMode, number> {
  const counts: Record<AgentMode, number> = { phone: 0, desk: 0, mail: 0, break: 0, offline: 0 };
  for (const agent of Object.values(agents)) counts[agent.mode] += 1;
  return counts;
}
