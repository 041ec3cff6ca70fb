import { ProjectorService } from '../../src/projector/projector.service.js';
import type { IrisApp } from '../../src/app/create-app.js';
import { api, bootApp, createUser, login } from '../e2e/iris-e2e-support.js';

/**
 * The desk, rotation and staffing REST routes in the real app (guard, filter, validation)
 * against real Redis: who may do what, and the error each bad input gets.
 */
describe('desk, rotation and staffing over HTTP (real app, real Redis)', () => {
  let iris: IrisApp;
  let url: string;
  let supervisor: string;
  let agent: string;
  let expert: string;

  beforeAll(async () => {
    iris = await bootApp({ DESK_KIOSK_TICKETS_PER_MINUTE: '3' });
    url = iris.url;
    await createUser(iris, 'sup', ['supervisor']);
    await createUser(iris, 'a1001', ['agent'], '1001');
    await createUser(iris, 'expert', ['service']);
    [supervisor, agent, expert] = await Promise.all([login(url, 'sup'), login(url, 'a1001'), login(url, 'expert')]);
  });

  afterAll(async () => {
    await iris?.close();
  });

  const project = () => iris.app.get(ProjectorService).catchUp();

  it('lets the kiosk and the hall display work without sign-in, and nothing else', async () => {
    const reasons = await api(url, null, 'GET', '/api/desk/reasons');
    expect(reasons.status).toBe(200);
    expect(reasons.body.map((r: { prefix: string }) => r.prefix)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);

    const taken = await api(url, null, 'POST', '/api/desk/tickets', { reason: 'identite' });
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({
      number: 'B-001',
      reason: 'identite',
      reasonLabel: "Carte d'identité et passeport",
      waitingAhead: 0,
    });
    await project();
    expect((await api(url, null, 'GET', '/api/desk/display')).body).toMatchObject({ lastCalled: [], waiting: 1 });

    expect((await api(url, null, 'GET', '/api/desk/figures')).status).toBe(401);
    expect((await api(url, null, 'POST', '/api/desk/call-next', { counter: '1' })).status).toBe(401);
    expect((await api(url, expert, 'POST', '/api/desk/call-next', { counter: '1' })).body.code).toBe('FORBIDDEN');

    const called = await api(url, agent, 'POST', '/api/desk/call-next', { counter: '3' });
    expect(called.status).toBe(200);
    expect(called.body.ticket).toMatchObject({ number: 'B-001', counter: '3', agentId: '1001', status: 'called' });
    await project();
    expect((await api(url, null, 'GET', '/api/desk/display')).body.lastCalled).toMatchObject([
      { number: 'B-001', counter: '3' },
    ]);

    const served = await api(
      url,
      agent,
      'POST',
      `/api/desk/tickets/${encodeURIComponent(called.body.ticket.ticketId)}/served`,
    );
    expect(served.status).toBe(200);
    await project();
    const figures = await api(url, supervisor, 'GET', '/api/desk/figures');
    expect(figures.body).toMatchObject({ waiting: 0, served: 1 });
    expect((await api(url, agent, 'POST', '/api/desk/call-next', { counter: '3' })).body).toEqual({ ticket: null });
  });

  it('answers bad desk input with a code and a French message, and rate-limits a kiosk', async () => {
    const noReason = await api(url, null, 'POST', '/api/desk/tickets', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    const unknown = await api(url, null, 'POST', '/api/desk/tickets', { reason: 'piscine' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'DESK_REASON_INVALID', message: 'motif inconnu : piscine' });
    const badCounter = await api(url, agent, 'POST', '/api/desk/call-next', { counter: '<script>' });
    expect(badCounter.body.code).toBe('VALIDATION_FAILED');
    const missing = await api(url, agent, 'POST', '/api/desk/tickets/2020-01-01:A-001/served');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('DESK_TICKET_NOT_FOUND');

    // The limit is 3 a minute per address; the first test took one already this minute, maybe.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1)
      statuses.push((await api(url, null, 'POST', '/api/desk/tickets', { reason: 'autre' })).status);
    expect(statuses).toContain(429);
    const refused = await api(url, null, 'POST', '/api/desk/tickets', { reason: 'autre' });
    expect(refused.body).toMatchObject({ code: 'DESK_KIOSK_RATE_LIMITED' });
    const waiting = statuses.filter((status) => status === 201).length;
    await project();
    const agentTickets = await api(url, agent, 'GET', '/api/desk/tickets');
    expect(agentTickets.body.filter((t: { reason: string }) => t.reason === 'autre')).toHaveLength(waiting);
  });

  it('keeps the plan for supervisors, with clear errors for bad plans and CSV files', async () => {
    const slots = [{ agentId: '1001', date: '2026-11-26', start: '09:00', end: '12:00', mode: 'desk' }];
    expect((await api(url, agent, 'PUT', '/api/rotation/plans/2026-11-26', { slots })).body.code).toBe('FORBIDDEN');
    const saved = await api(url, supervisor, 'PUT', '/api/rotation/plans/2026-11-26', { slots, revision: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ date: '2026-11-26', revision: 1, slots });
    await project();
    expect((await api(url, supervisor, 'GET', '/api/rotation/plans?from=2026-11-26&to=2026-11-26')).body).toEqual([
      saved.body,
    ]);
    // An agent sees its own schedule, not the team's (staff schedules are personal data).
    expect((await api(url, agent, 'GET', '/api/rotation/plans?from=2026-11-26&to=2026-11-26')).status).toBe(403);
    expect((await api(url, agent, 'GET', '/api/rotation/my-plan/2026-11-26')).body).toEqual(slots);
    expect((await api(url, agent, 'GET', '/api/rotation/my-plan/26-11-2026')).body.code).toBe('VALIDATION_FAILED');

    const stale = await api(url, supervisor, 'PUT', '/api/rotation/plans/2026-11-26', { slots, revision: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('ROTATION_PLAN_CONFLICT');
    const overlap = await api(url, supervisor, 'PUT', '/api/rotation/plans/2026-11-26', {
      slots: [...slots, { ...slots[0], start: '11:00', end: '13:00', mode: 'phone' }],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.code).toBe('ROTATION_PLAN_INVALID');
    expect(overlap.body.message).toContain('overlap');
    const badMode = await api(url, supervisor, 'PUT', '/api/rotation/plans/2026-11-26', {
      slots: [{ ...slots[0], mode: 'sieste' }],
    });
    expect(badMode.body.code).toBe('VALIDATION_FAILED');

    const badCsv = await api(url, supervisor, 'POST', '/api/rotation/plans.csv', {
      csv: 'Agent;Date;Début;Fin;Mode\n1001;32/13/2026;09:00;10:00;accueil\n',
    });
    expect(badCsv.status).toBe(400);
    expect(badCsv.body.code).toBe('ROTATION_CSV_INVALID');
    expect(badCsv.body.details.errors).toEqual(['ligne 2 : date « 32/13/2026 » invalide (JJ/MM/AAAA ou AAAA-MM-JJ)']);
    expect((await api(url, supervisor, 'GET', '/api/rotation/plans?from=2026-11-26&to=2027-03-01')).body.code).toBe(
      'ROTATION_PERIOD_INVALID',
    );
  });

  it('gives advice to supervisors only; only a supervisor applies it or turns the automatic switch on', async () => {
    expect((await api(url, agent, 'GET', '/api/staffing/advice')).body.code).toBe('FORBIDDEN');
    expect((await api(url, agent, 'GET', '/api/staffing/automatic')).body.code).toBe('FORBIDDEN');
    // The desk tickets above were closed at once (0 s at the counter): the advice uses its default then.
    const advice = await api(url, supervisor, 'GET', '/api/staffing/advice');
    expect(advice.status).toBe(200);
    expect(advice.body).toMatchObject({
      phoneNeeded: expect.any(Number),
      deskNeeded: expect.any(Number),
      message: expect.any(String),
    });
    expect((await api(url, agent, 'POST', '/api/staffing/apply', {})).body.code).toBe('FORBIDDEN');
    expect((await api(url, supervisor, 'GET', '/api/staffing/automatic')).body).toMatchObject({ enabled: false });
    expect((await api(url, agent, 'PUT', '/api/staffing/automatic', { enabled: true })).body.code).toBe('FORBIDDEN');
    const on = await api(url, supervisor, 'PUT', '/api/staffing/automatic', { enabled: true });
    expect(on.body).toMatchObject({ enabled: true, changedBy: 'sup' });
    // No agent known to telephony here: nothing to move, so applying is refused with the advice's words.
    const apply = await api(url, supervisor, 'POST', '/api/staffing/apply', {});
    expect(apply.status).toBe(409);
    expect(apply.body.code).toBe('STAFFING_ADVICE_CONFLICT');
  });
});
