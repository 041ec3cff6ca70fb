import type { DeskEvent, DeskTicketTaken } from './desk-events.js';
import { deskEventId } from './desk-events.js';
import type { DeskError } from './desk-error.js';
import { assertClosable, deskFigures, evolveDeskTicket, nextTicketToCall, type DeskTicket } from './desk-queue.js';
import { DEFAULT_DESK_REASONS, deskTicketId, formatTicketNumber, validateDeskReasons } from './desk-reasons.js';

const DAY = '2026-11-28';
const T0 = Date.UTC(2026, 10, 28, 8, 0); // 09:00 Paris

function taken(number: string, reason: string, at: number): DeskEvent {
  const ticketId = deskTicketId(DAY, number);
  return {
    id: deskEventId.taken(ticketId),
    type: 'desk.ticket_taken',
    v: 1,
    at,
    source: 'desk',
    data: { ticketId, number, reason, day: DAY },
  };
}
function called(number: string, counter: string, at: number, attempt = 1): DeskEvent {
  const ticketId = deskTicketId(DAY, number);
  return {
    id: deskEventId.called(ticketId, attempt),
    type: 'desk.ticket_called',
    v: 1,
    at,
    source: 'desk',
    data: { ticketId, number, counter, agentId: 'claire', attempt },
  };
}
function served(number: string, at: number): DeskEvent {
  const ticketId = deskTicketId(DAY, number);
  return {
    id: deskEventId.served(ticketId),
    type: 'desk.ticket_served',
    v: 1,
    at,
    source: 'desk',
    data: { ticketId, agentId: 'claire', counter: '2' },
  };
}
function redirected(number: string, at: number, service: string): DeskEvent {
  const ticketId = deskTicketId(DAY, number);
  return {
    id: deskEventId.redirected(ticketId),
    type: 'desk.ticket_redirected',
    v: 1,
    at,
    source: 'desk',
    data: { ticketId, agentId: 'claire', counter: '2', service },
  };
}

function fold(events: DeskEvent[]): Map<string, DeskTicket> {
  const tickets = new Map<string, DeskTicket>();
  for (const event of events) {
    const id = event.data.ticketId;
    const next = evolveDeskTicket(tickets.get(id), event);
    if (next) tickets.set(id, next);
  }
  return tickets;
}

const min = 60_000;

describe('ticket numbers and reasons', () => {
  it('pads numbers to three digits per reason prefix', () => {
    expect(formatTicketNumber('A', 42)).toBe('A-042');
    expect(formatTicketNumber('F', 1000)).toBe('F-1000');
    expect(() => formatTicketNumber('A', 0)).toThrow(/positive integer/);
  });

  it('accepts the default reasons and reports every problem of a bad list', () => {
    expect(validateDeskReasons(DEFAULT_DESK_REASONS)).toEqual([]);
    const problems = validateDeskReasons([
      { id: 'x', prefix: 'A', label: 'X' },
      { id: 'x', prefix: 'A', label: '' },
      { id: 'Bad Id', prefix: 'ab', label: 'Y' },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'reason id "x" is repeated',
        'prefix "A" is used twice',
        'reason "x" has no label',
        'reason id "Bad Id" must be lower-case letters, digits and dashes',
        'reason "Bad Id" prefix must be one capital letter, got "ab"',
      ]),
    );
  });
});

describe('desk ticket life', () => {
  it('given two waiting tickets, calls the oldest first, whatever its reason', () => {
    const tickets = fold([taken('B-001', 'identite', T0), taken('A-001', 'etat-civil', T0 + min)]);
    expect(nextTicketToCall(tickets.values())?.number).toBe('B-001');
    expect(nextTicketToCall(tickets.values(), ['etat-civil'])?.number).toBe('A-001');
    expect(nextTicketToCall([])).toBeNull();
  });

  it('measures the desk wait from taking to the first call, and counts served and redirected', () => {
    const tickets = fold([
      taken('A-001', 'etat-civil', T0),
      taken('A-002', 'etat-civil', T0 + 1 * min),
      taken('B-001', 'identite', T0 + 2 * min),
      called('A-001', '2', T0 + 4 * min),
      served('A-001', T0 + 10 * min),
      called('A-002', '3', T0 + 7 * min),
      redirected('A-002', T0 + 9 * min, 'urbanisme'),
    ]);
    const figures = deskFigures(DAY, tickets.values(), T0 + 12 * min);
    expect(figures.waiting).toBe(1);
    expect(figures.oldestWaitingSince).toBe(T0 + 2 * min);
    expect(figures.served).toBe(1);
    expect(figures.redirected).toBe(1);
    expect(figures.inService).toBe(0);
    // waits: 4 min and 6 min -> mean 5 min
    expect(figures.meanWaitSeconds).toBe(300);
    // at the counter: 6 min and 2 min
    expect(figures.meanServiceSeconds).toBe(240);
    expect(figures.takenLast15Minutes).toBe(3);
    expect(figures.perReason['etat-civil']).toEqual({
      waiting: 0,
      served: 1,
      redirected: 1,
      meanWaitSeconds: 300,
      oldestWaitingSince: null,
    });
    expect(figures.perReason.identite).toEqual({
      waiting: 1,
      served: 0,
      redirected: 0,
      meanWaitSeconds: null,
      oldestWaitingSince: T0 + 2 * min,
    });
    expect(figures.lastCalled.map((c) => `${c.number}@${c.counter}`)).toEqual(['A-002@3', 'A-001@2']);
    expect(tickets.get(deskTicketId(DAY, 'A-002'))?.redirectedTo).toBe('urbanisme');
  });

  it('counts nothing twice when the same events are replayed', () => {
    const events = [taken('A-001', 'etat-civil', T0), called('A-001', '1', T0 + min), served('A-001', T0 + 3 * min)];
    const once = fold(events);
    const twice = fold([...events, ...events]);
    expect([...twice.values()]).toEqual([...once.values()]);
    expect(deskFigures(DAY, twice.values(), T0 + 5 * min).served).toBe(1);
  });

  it('a replayed "taken" never sends a called ticket back to waiting', () => {
    const tickets = fold([
      taken('A-001', 'etat-civil', T0),
      called('A-001', '1', T0 + min),
      taken('A-001', 'etat-civil', T0),
    ]);
    expect(tickets.get(deskTicketId(DAY, 'A-001'))?.status).toBe('called');
  });

  it('a recall moves the ticket to the new counter and keeps the first-call wait', () => {
    const tickets = fold([
      taken('A-001', 'etat-civil', T0),
      called('A-001', '1', T0 + 2 * min),
      called('A-001', '4', T0 + 5 * min, 2),
    ]);
    const ticket = tickets.get(deskTicketId(DAY, 'A-001'))!;
    expect(ticket).toMatchObject({
      counter: '4',
      attempts: 2,
      firstCalledAt: T0 + 2 * min,
      lastCalledAt: T0 + 5 * min,
    });
  });

  it('refuses to close a ticket that is unknown, still waiting or already closed, with a code', () => {
    const tickets = fold([
      taken('A-001', 'etat-civil', T0),
      taken('A-002', 'etat-civil', T0),
      called('A-002', '1', T0),
      served('A-002', T0 + min),
    ]);
    const codeOf = (ticketId: string): string => {
      try {
        assertClosable(tickets.get(ticketId), ticketId);
        return 'ok';
      } catch (error) {
        return (error as DeskError).code;
      }
    };
    expect(codeOf('nope')).toBe('DESK_TICKET_NOT_FOUND');
    expect(codeOf(deskTicketId(DAY, 'A-001'))).toBe('DESK_TICKET_WAITING_CONFLICT');
    expect(codeOf(deskTicketId(DAY, 'A-002'))).toBe('DESK_TICKET_CLOSED_CONFLICT');
  });

  it('keeps other days out of the figures', () => {
    const other: DeskEvent = {
      ...(taken('A-001', 'etat-civil', T0) as DeskTicketTaken),
      data: { ticketId: '2026-11-27:A-001', number: 'A-001', reason: 'etat-civil', day: '2026-11-27' },
    };
    const tickets = fold([other, taken('A-001', 'etat-civil', T0)]);
    expect(deskFigures(DAY, tickets.values(), T0).waiting).toBe(1);
  });
});
