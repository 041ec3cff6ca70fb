import {
  formatDurationFr,
  staffingAdvice,
  type AgentSituation,
  type StaffingSituation,
  type StaffingTargets,
} from './staffing-advice.js';

const NOW = Date.UTC(2026, 10, 26, 10, 0);
const min = 60_000;

const targets: StaffingTargets = {
  serviceLevel: 0.8,
  answerSeconds: 20,
  defaultHandleSeconds: 180,
  deskServiceLevel: 0.8,
  deskWaitSeconds: 900,
  defaultDeskServiceSeconds: 420,
};

function agent(
  agentId: string,
  mode: AgentSituation['mode'],
  sinceMinutesAgo: number,
  phoneMinutesToday: number,
  extra: Partial<AgentSituation> = {},
): AgentSituation {
  const name = agentId.charAt(0).toUpperCase() + agentId.slice(1);
  return {
    agentId,
    name,
    mode,
    since: NOW - sinceMinutesAgo * min,
    plannedMode: null,
    phoneMsToday: phoneMinutesToday * min,
    busy: false,
    pendingMode: null,
    ...extra,
  };
}

function situation(overrides: Partial<StaffingSituation>): StaffingSituation {
  return {
    now: NOW,
    phone: { arrivalsLast15Minutes: 0, meanHandleSeconds: null, waitingNow: 0 },
    desk: { arrivalsLast15Minutes: 0, waitingNow: 0, meanServiceSeconds: null },
    targets,
    agents: [],
    ...overrides,
  };
}

const phoneTeam = [agent('marc', 'phone', 90, 200), agent('paul', 'phone', 60, 180)];

describe('staffing advice on hand-built situations', () => {
  it('calls piling up with an idle desk: moves the desk agent with least phone time today', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 4, meanHandleSeconds: 180, waitingNow: 3 },
        agents: [...phoneTeam, agent('claire', 'desk', 100, 30), agent('sophie', 'desk', 20, 120)],
      }),
    );
    expect(advice).toMatchObject({ status: 'move', phoneNeeded: 3, phonePresent: 2, deskNeeded: 0, deskPresent: 2 });
    expect(advice.moves.map((m) => [m.agentId, m.from, m.to])).toEqual([['claire', 'desk', 'phone']]);
    expect(advice.message).toBe(
      "3 agents nécessaires au téléphone, 2 présents : déplacer Claire (à l'accueil depuis 1 h 40)",
    );
    expect(advice.moves[0]!.why).toBe("30 min au téléphone aujourd'hui, à l'accueil depuis 1 h 40");
  });

  it('prefers whoever the plan puts on the phone now, over fairness', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 4, meanHandleSeconds: 180, waitingNow: 0 },
        agents: [
          ...phoneTeam,
          agent('claire', 'desk', 100, 30),
          agent('sophie', 'desk', 20, 120, { plannedMode: 'phone' }),
        ],
      }),
    );
    expect(advice.moves.map((m) => m.agentId)).toEqual(['sophie']);
    expect(advice.moves[0]!.why).toMatch(/^prévu au téléphone à cette heure/);
  });

  it('never moves someone with a visitor at the counter', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 4, meanHandleSeconds: 180, waitingNow: 0 },
        agents: [...phoneTeam, agent('claire', 'desk', 100, 30, { busy: true }), agent('sophie', 'desk', 20, 120)],
      }),
    );
    expect(advice.moves.map((m) => m.agentId)).toEqual(['sophie']);
  });

  it('both queues busy: moves nobody off the desk, says why', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 8, meanHandleSeconds: 180, waitingNow: 4 },
        desk: { arrivalsLast15Minutes: 4, waitingNow: 3, meanServiceSeconds: 420 },
        agents: [...phoneTeam, agent('claire', 'desk', 100, 30), agent('sophie', 'desk', 20, 120)],
      }),
    );
    expect(advice).toMatchObject({
      status: 'understaffed',
      phoneNeeded: 4,
      phonePresent: 2,
      deskNeeded: 3,
      deskPresent: 2,
      moves: [],
    });
    expect(advice.message).toBe(
      "4 agents nécessaires au téléphone, 2 présents ; 3 agents nécessaires à l'accueil, 2 présents : personne ne peut être déplacé sans dégrader l'autre file.",
    );
  });

  it('says why nobody can move: everyone else on a break, or busy with someone', () => {
    const onBreak = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 8, meanHandleSeconds: 180, waitingNow: 4 },
        agents: [...phoneTeam, agent('claire', 'break', 10, 30), agent('sophie', 'offline', 100, 0)],
      }),
    );
    expect(onBreak).toMatchObject({ status: 'understaffed', moves: [] });
    expect(onBreak.message).toMatch(/ : aucun agent à déplacer, les autres sont en pause ou hors ligne\.$/);
    const busy = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 8, meanHandleSeconds: 180, waitingNow: 4 },
        agents: [...phoneTeam, agent('claire', 'desk', 10, 30, { busy: true })],
      }),
    );
    expect(busy.message).toMatch(
      / : les agents qui pourraient changer de poste sont en communication ou avec un visiteur\.$/,
    );
  });

  it('both busy but someone on the back office: takes the mail agent, not the desk', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 4, meanHandleSeconds: 180, waitingNow: 2 },
        desk: { arrivalsLast15Minutes: 4, waitingNow: 3, meanServiceSeconds: 420 },
        agents: [
          ...phoneTeam,
          agent('claire', 'desk', 100, 30),
          agent('sophie', 'desk', 20, 120),
          agent('julie', 'mail', 50, 300),
        ],
      }),
    );
    expect(advice.moves.map((m) => [m.agentId, m.from])).toEqual([['julie', 'mail']]);
  });

  it('takes from the desk only down to what the desk itself needs', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 12, meanHandleSeconds: 180, waitingNow: 5 },
        desk: { arrivalsLast15Minutes: 2, waitingNow: 1, meanServiceSeconds: 420 },
        agents: [
          ...phoneTeam,
          agent('claire', 'desk', 100, 30),
          agent('sophie', 'desk', 20, 120),
          agent('lea', 'desk', 10, 60),
        ],
      }),
    );
    // phones need 5 (3 missing); the desk needs 2 of its 3: only one can go.
    expect(advice).toMatchObject({ phoneNeeded: 5, deskNeeded: 2, status: 'move' });
    expect(advice.moves.map((m) => m.agentId)).toEqual(['claire']);
    expect(advice.message).toContain('(il manquera encore 2)');
  });

  it('night: no calls and no visitors, no advice to move anyone', () => {
    const advice = staffingAdvice(
      situation({ agents: [...phoneTeam, agent('claire', 'desk', 600, 0), agent('julie', 'mail', 50, 0)] }),
    );
    expect(advice).toMatchObject({ status: 'idle', phoneNeeded: 0, deskNeeded: 0, moves: [] });
    expect(advice.message).toBe('Aucun appel ni visiteur en attente : aucun déplacement nécessaire.');
  });

  it('visitors piling up with quiet phones: sends spare phone agents to the desk, most phone time first, never mid-call', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 1, meanHandleSeconds: 120, waitingNow: 0 },
        desk: { arrivalsLast15Minutes: 4, waitingNow: 6, meanServiceSeconds: 420 },
        agents: [
          agent('marc', 'phone', 90, 200, { busy: true }),
          agent('paul', 'phone', 60, 180),
          agent('anne', 'phone', 60, 240),
          agent('claire', 'desk', 100, 30),
        ],
      }),
    );
    expect(advice).toMatchObject({ phoneNeeded: 1, phonePresent: 3, deskNeeded: 3, deskPresent: 1, status: 'move' });
    expect(advice.moves.map((m) => [m.agentId, m.to])).toEqual([
      ['anne', 'desk'],
      ['paul', 'desk'],
    ]);
    expect(advice.message).toMatch(
      /^3 agents nécessaires à l'accueil, 1 présent : envoyer à l'accueil Anne \(au téléphone depuis 1 h\), Paul/,
    );
  });

  it('counts a mode change already asked for, so the same move is not advised twice', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 4, meanHandleSeconds: 180, waitingNow: 0 },
        agents: [
          ...phoneTeam,
          agent('claire', 'desk', 100, 30, { pendingMode: 'phone' }),
          agent('sophie', 'desk', 20, 120),
        ],
      }),
    );
    expect(advice).toMatchObject({ status: 'balanced', phonePresent: 3, moves: [] });
  });

  it('balanced when each side has what it needs', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 2, meanHandleSeconds: 180, waitingNow: 0 },
        agents: [...phoneTeam, agent('claire', 'desk', 10, 0)],
      }),
    );
    expect(advice.status).toBe('balanced');
    expect(advice.message).toBe(
      "2 agents nécessaires au téléphone, 2 présents ; 0 agent nécessaire à l'accueil, 1 présent : effectifs suffisants.",
    );
  });
});

describe('measured times of zero', () => {
  it('fall back to the configured defaults instead of failing (tickets closed at once, calls of 0 s)', () => {
    const advice = staffingAdvice(
      situation({
        phone: { arrivalsLast15Minutes: 4, meanHandleSeconds: 0, waitingNow: 0 },
        desk: { arrivalsLast15Minutes: 2, waitingNow: 1, meanServiceSeconds: 0 },
        agents: [...phoneTeam, agent('claire', 'desk', 100, 30)],
      }),
    );
    // Same as with the defaults (180 s on the phone, 420 s at the desk).
    expect(advice).toMatchObject({ phoneNeeded: 3, deskNeeded: 2 });
  });
});

describe('formatDurationFr', () => {
  it.each([
    [100 * min, '1 h 40'],
    [25 * min, '25 min'],
    [120 * min, '2 h'],
    [65 * min, '1 h 05'],
    [20_000, "moins d'une minute"],
  ])('%i ms reads %s', (ms, text) => expect(formatDurationFr(ms)).toBe(text));
});
