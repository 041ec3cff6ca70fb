import { DEFAULT_AGENT_QUERY, agentRows, countByMode } from './agents-grid.js';
import { agent } from '../testing/view-fixtures.js';

const now = 10_000_000;
const agents = {
  a1: agent('a1', { name: 'Hélène Martin', mode: 'desk', since: now - 600_000, callsToday: 4 }),
  a2: agent('a2', { name: 'Bruno Petit', mode: 'phone', since: now - 60_000, callsToday: 12 }),
  a3: agent('a3', {
    name: 'Amina Diallo',
    mode: 'phone',
    since: now - 1_200_000,
    callsToday: 12,
    pendingMode: 'break',
  }),
  a4: agent('a4', { name: 'Chloé Bernard', mode: 'offline', since: now - 5_000, callsToday: 0 }),
};

describe('agentRows', () => {
  it('lists every agent by name by default, with the time in state from now', () => {
    const rows = agentRows(agents, DEFAULT_AGENT_QUERY, now);
    expect(rows.map((r) => r.name)).toEqual(['Amina Diallo', 'Bruno Petit', 'Chloé Bernard', 'Hélène Martin']);
    expect(rows.find((r) => r.agentId === 'a1')!.timeInStateSeconds).toBe(600);
    expect(rows.find((r) => r.agentId === 'a3')!.pendingMode).toBe('break');
  });

  it('filters by mode', () => {
    const rows = agentRows(agents, { ...DEFAULT_AGENT_QUERY, mode: 'phone' }, now);
    expect(rows.map((r) => r.agentId)).toEqual(['a3', 'a2']);
  });

  it('finds a name without accents or case', () => {
    expect(agentRows(agents, { ...DEFAULT_AGENT_QUERY, text: 'HELENE' }, now).map((r) => r.agentId)).toEqual(['a1']);
    expect(agentRows(agents, { ...DEFAULT_AGENT_QUERY, text: 'a4' }, now).map((r) => r.agentId)).toEqual(['a4']);
    expect(agentRows(agents, { ...DEFAULT_AGENT_QUERY, text: 'personne' }, now)).toEqual([]);
  });

  it('sorts by calls today descending, ties by name so the grid never shuffles', () => {
    const rows = agentRows(agents, { ...DEFAULT_AGENT_QUERY, sortBy: 'callsToday', direction: 'descending' }, now);
    expect(rows.map((r) => r.agentId)).toEqual(['a3', 'a2', 'a1', 'a4']);
  });

  it('sorts by mode in working order (phone first) and by time in state', () => {
    expect(agentRows(agents, { ...DEFAULT_AGENT_QUERY, sortBy: 'mode' }, now).map((r) => r.mode)).toEqual([
      'phone',
      'phone',
      'desk',
      'offline',
    ]);
    expect(
      agentRows(agents, { ...DEFAULT_AGENT_QUERY, sortBy: 'timeInState', direction: 'descending' }, now).map(
        (r) => r.agentId,
      ),
    ).toEqual(['a3', 'a1', 'a2', 'a4']);
  });
});

describe('countByMode', () => {
  it('counts agents in each mode, zero for empty modes', () => {
    expect(countByMode(agents)).toEqual({ phone: 2, desk: 1, mail: 0, break: 0, offline: 1 });
  });
});
