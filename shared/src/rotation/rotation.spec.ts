import type { AgentMode } from '../agents/agent-mode.js';
import type { AgentModeChanged } from '../events/agent-events.js';
import { parisWallClockToEpoch } from '../kpi/paris-time.js';
import { fairnessReport, modeIntervals, planDeviations, timeInModes } from './mode-time.js';
import { PLAN_CSV_HEADERS, planFromCsv, planToCsv } from './plan-csv.js';
import { plannedModeAt, slotInterval, validatePlanSlots, weekDates, type PlanSlot } from './rotation-plan.js';

const at = (hour: number, minute = 0, day = 26): number => parisWallClockToEpoch(2026, 11, day, hour, minute);
const min = 60_000;

let seq = 0;
function change(agentId: string, mode: AgentMode, when: number): AgentModeChanged {
  seq += 1;
  return {
    id: `mode:${agentId}:${seq}`,
    type: 'agent.mode_changed',
    v: 1,
    at: when,
    source: 'iris',
    data: { agentId, mode, previousMode: null, requestedBy: 'test' },
  };
}

const plan: PlanSlot[] = [
  { agentId: 'claire', date: '2026-11-26', start: '09:00', end: '10:30', mode: 'desk' },
  { agentId: 'claire', date: '2026-11-26', start: '10:30', end: '12:00', mode: 'phone' },
  { agentId: 'marc', date: '2026-11-26', start: '09:00', end: '12:00', mode: 'phone' },
];

describe('rotation plan', () => {
  it('finds the planned mode by Paris wall clock, null outside any slot', () => {
    expect(plannedModeAt(plan, 'claire', at(9, 15))).toBe('desk');
    expect(plannedModeAt(plan, 'claire', at(10, 30))).toBe('phone');
    expect(plannedModeAt(plan, 'claire', at(12, 0))).toBeNull();
    expect(plannedModeAt(plan, 'nobody', at(9, 15))).toBeNull();
  });

  it('turns a slot into epochs, 23 hours on the spring DST day', () => {
    const { from, to } = slotInterval({
      agentId: 'a',
      date: '2026-03-29',
      start: '00:00',
      end: '24:00',
      mode: 'phone',
    });
    expect((to - from) / 3_600_000).toBe(23);
  });

  it('lists every problem: bad fields and overlapping slots', () => {
    const problems = validatePlanSlots([
      ...plan,
      { agentId: 'claire', date: '2026-11-26', start: '10:00', end: '11:00', mode: 'mail' },
      { agentId: 'x y', date: '2026-02-30', start: '9h', end: '25:00', mode: 'nap' as AgentMode },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('agent id must be'),
        expect.stringContaining('date must be a real day'),
        expect.stringContaining('start must be HH:MM'),
        expect.stringContaining('end must be HH:MM'),
        expect.stringContaining('mode must be one of'),
        'claire 2026-11-26: slots 09:00-10:30 and 10:00-11:00 overlap',
      ]),
    );
    expect(validatePlanSlots(plan)).toEqual([]);
  });

  it('gives the Monday-first week of a date', () => {
    expect(weekDates('2026-11-26')).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
  });
});

describe('plan CSV', () => {
  it('exports French headers, semicolons, BOM, French dates and modes, and reads its own output back', () => {
    const csv = planToCsv(plan);
    expect(csv.startsWith('\uFEFFAgent;Date;Début;Fin;Mode\r\n')).toBe(true);
    expect(csv).toContain('claire;26/11/2026;09:00;10:30;accueil\r\n');
    expect(csv).toContain('marc;26/11/2026;09:00;12:00;téléphone\r\n');
    const back = planFromCsv(csv);
    expect(back.errors).toEqual([]);
    expect(back.slots).toEqual(plan);
  });

  it('accepts ISO dates, English modes and no BOM', () => {
    const result = planFromCsv('agentId;date;start;end;mode\nmarc;2026-11-26;14:00;15:00;mail\n');
    expect(result.errors).toEqual([]);
    expect(result.slots).toEqual([{ agentId: 'marc', date: '2026-11-26', start: '14:00', end: '15:00', mode: 'mail' }]);
  });

  it('rejects the whole file with one message per bad line (nothing half imported)', () => {
    const result = planFromCsv(
      [
        PLAN_CSV_HEADERS.join(';'),
        'claire;26/11/2026;09:00;10:00;accueil',
        'marc;31/02/2026;09:00;10:00;accueil',
        'paul;26/11/2026;11:00;10:00;dodo',
        'trop;de;colonnes;ici;x;y',
      ].join('\n'),
    );
    expect(result.slots).toEqual([]);
    expect(result.errors).toEqual([
      'ligne 3 : date « 31/02/2026 » invalide (JJ/MM/AAAA ou AAAA-MM-JJ)',
      'ligne 4 : mode « dodo » inconnu (téléphone, accueil, courrier, pause, absent)',
      'ligne 5 : 5 colonnes attendues séparées par « ; », 6 trouvée(s)',
    ]);
  });

  it('rejects a file without the expected header', () => {
    expect(planFromCsv('nom,date\n').errors[0]).toMatch(/^ligne 1 : en-tête attendu/);
  });

  it('quotes a field holding a semicolon and reads it back', () => {
    const odd: PlanSlot[] = [{ agentId: 'a.b', date: '2026-11-26', start: '08:00', end: '08:30', mode: 'break' }];
    expect(planFromCsv(planToCsv(odd)).slots).toEqual(odd);
    expect(planFromCsv('Agent;Date;Début;Fin;Mode\n"a;b";26/11/2026;08:00;08:30;pause\n').errors[0]).toContain(
      'agent id must be',
    );
  });

  it('reports overlaps across lines', () => {
    const result = planFromCsv(
      'Agent;Date;Début;Fin;Mode\nclaire;26/11/2026;09:00;10:00;accueil\nclaire;26/11/2026;09:30;10:30;téléphone\n',
    );
    expect(result.errors).toEqual(['claire 2026-11-26: slots 09:00-10:00 and 09:30-10:30 overlap']);
  });
});

describe('time per mode and fairness', () => {
  const changes = [
    change('claire', 'phone', at(8, 0, 25)), // the day before: sets her mode at midnight
    change('claire', 'desk', at(9, 0)),
    change('claire', 'phone', at(10, 0)),
    change('marc', 'desk', at(9, 30)),
  ];

  it('carries the mode in force across midnight and never counts a duplicate twice', () => {
    const intervals = modeIntervals([...changes, changes[1]!], at(0, 0), at(11, 0));
    expect(intervals.filter((i) => i.agentId === 'claire')).toEqual([
      { agentId: 'claire', mode: 'phone', from: at(0, 0), to: at(9, 0) },
      { agentId: 'claire', mode: 'desk', from: at(9, 0), to: at(10, 0) },
      { agentId: 'claire', mode: 'phone', from: at(10, 0), to: at(11, 0) },
    ]);
  });

  it('sums each agent time per mode per day and per week, up to now', () => {
    const report = fairnessReport(changes, '2026-11-26', at(11, 0));
    const claire = report.find((r) => r.agentId === 'claire')!;
    expect(claire.days['2026-11-26']!.phone).toBe(10 * 60 * min);
    expect(claire.days['2026-11-26']!.desk).toBe(60 * min);
    expect(claire.days['2026-11-25']!.phone).toBe(16 * 60 * min);
    expect(claire.week.phone).toBe(26 * 60 * min);
    expect(claire.days['2026-11-27']!.phone).toBe(0);
    const marc = report.find((r) => r.agentId === 'marc')!;
    expect(marc.week.desk).toBe(90 * min);
    expect(timeInModes(changes, 'claire', at(0, 0), at(11, 0))).toMatchObject({
      phone: 600 * min,
      desk: 60 * min,
      mail: 0,
    });
  });

  it('shows where the plan was not followed, merging adjacent stretches', () => {
    const deviations = planDeviations(plan, changes, at(11, 0));
    expect(deviations).toEqual([
      // planned desk 9:00-10:30, back on phone from 10:00
      { agentId: 'claire', from: at(10, 0), to: at(10, 30), planned: 'desk', actual: 'phone' },
      // marc planned on phone: unknown before 9:30, at the desk after
      { agentId: 'marc', from: at(9, 0), to: at(9, 30), planned: 'phone', actual: null },
      { agentId: 'marc', from: at(9, 30), to: at(11, 0), planned: 'phone', actual: 'desk' },
    ]);
  });
});
