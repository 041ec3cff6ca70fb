import { RequestsService } from '../../src/intake/requests.service.js';
import { RequestsRepository } from '../../src/intake/requests.repository.js';
import { RoutingService } from '../../src/routing/routing.service.js';
import { CatalogueService } from '../../src/routing/catalogue.service.js';
import { QualificationService } from '../../src/routing/qualification.service.js';
import { IngestService } from '../../src/events/ingest.service.js';
import { startIntakeHarness, type IntakeHarness } from './intake-harness.js';

describe('qualification and routing (real Redis)', () => {
  let h: IntakeHarness;
  let requests: RequestsService;
  let routing: RoutingService;
  let n = 0;

  async function receive(text: string, channel: 'desk' | 'email' = 'email') {
    n += 1;
    h.clock.advance(60_000);
    const result = await requests.receive({
      channel,
      sourceRef: `routing-test-${n}`,
      subject: '',
      text,
      clues: { email: `usager${n}@exemple.fr` },
      recordedBy: 'smtp',
    });
    await h.project();
    return result;
  }

  beforeEach(async () => {
    h = await startIntakeHarness();
    requests = h.moduleRef.get(RequestsService);
    routing = h.moduleRef.get(RoutingService);
  });

  afterEach(async () => {
    await h.close();
  });

  it('routes a confident suggestion at once to the service inbox, with a due date from the service contract', async () => {
    const result = await receive(
      "Bonjour, il y a un gros nid de poule sur la chaussée devant le 12 rue Diderot, j'ai failli tomber.",
    );
    expect(result.suggestion).toMatchObject({ category: 'chaussee-trottoir', service: 'voirie' });
    expect(result.suggestion!.confidence).toBeGreaterThanOrEqual(0.8);
    expect(result.routedTo).toBe('voirie');
    const record = await requests.get(result.reference);
    expect(record).toMatchObject({ status: 'routed', service: 'voirie', category: 'chaussee-trottoir' });
    expect(record.dueAt).toBeGreaterThan(record.receivedAt);
    expect((await routing.inbox('voirie')).map((l) => l.reference)).toEqual([result.reference]);
    expect(record.reference).toMatch(/^IRIS-2026-\d{6}$/);
  });

  it('keeps an unsure request for an agent, who qualifies it; the classifier learns the confirmed category', async () => {
    const qualification = h.moduleRef.get(QualificationService);
    const text =
      'Je voudrais savoir à qui je dois m’adresser pour le bruit du chantier de la nouvelle école, le matin très tôt.';
    const result = await receive(text, 'desk');
    expect(result.routedTo).toBeNull();
    const waiting = await requests.get(result.reference);
    expect(waiting.status).toBe('received');
    expect(waiting.suggestion).not.toBeNull();
    for (const service of ['voirie', 'police-municipale', 'education'])
      expect(await routing.inbox(service)).toEqual([]);

    const before = await qualification.trainingSize();
    await routing.qualify(result.reference, 'nuisances', 'agent-7');
    await h.project();
    const routed = await requests.get(result.reference);
    expect(routed).toMatchObject({ status: 'routed', category: 'nuisances', service: 'police-municipale' });
    expect(routed.history.map((e) => e.type)).toEqual(['request.received', 'request.qualified', 'request.routed']);
    expect(routed.history[1]!.by).toBe('agent-7');
    expect(await qualification.trainingSize()).toBe(before + 1);
    // Counted once per request, under the service it was first routed to.
    expect(await h.moduleRef.get(RequestsRepository).totals()).toEqual(
      expect.arrayContaining([
        { channel: 'desk', service: '', count: 0 },
        { channel: 'desk', service: 'police-municipale', count: 1 },
      ]),
    );
    await expect(routing.qualify(result.reference, 'nuisances', 'agent-8')).rejects.toMatchObject({
      code: 'REQUEST_CONFLICT',
    });
  });

  it('re-routes with who and why, moves the request between inboxes and counts one mis-route, even when replayed', async () => {
    const result = await receive(
      'Des tags et graffitis insultants ont été peints cette nuit sur le mur de l’école primaire rue Séverine.',
    );
    expect(result.routedTo).toBe('proprete');
    await expect(routing.reroute(result.reference, 'nuisances', 'agent-3', '')).rejects.toMatchObject({
      code: 'REROUTE_INVALID',
    });
    await routing.reroute(
      result.reference,
      'nuisances',
      'agent-3',
      'propos menaçants : à traiter par la police municipale',
    );
    await h.project();
    await h.project();
    const record = await requests.get(result.reference);
    expect(record).toMatchObject({ service: 'police-municipale', category: 'nuisances', status: 'routed' });
    const last = record.history.at(-1)!;
    expect(last).toMatchObject({ type: 'request.rerouted', by: 'agent-3' });
    expect(last.summary).toContain('propos menaçants');
    expect(await routing.inbox('proprete')).toEqual([]);
    expect((await routing.inbox('police-municipale')).map((l) => l.reference)).toEqual([result.reference]);
    expect(await routing.misroutes()).toEqual({ 'tags-graffitis': 1 });

    // The same step sent again (same id) is a duplicate: never a second mis-route.
    const rerouted = (await h.events()).filter((e) => e.type === 'request.rerouted');
    expect(rerouted).toHaveLength(1);
    const again = await h.moduleRef.get(IngestService).ingest(rerouted as never);
    expect(again).toEqual({ appended: 0, duplicates: 1 });
    await h.project();
    expect(await routing.misroutes()).toEqual({ 'tags-graffitis': 1 });
    const rebuilt = await h.rebuild();
    expect(rebuilt.differences).toEqual([]);
    expect(rebuilt.equal).toBe(true);
    expect((await h.moduleRef.get(RequestsRepository).totals()).filter((t) => t.count > 0)).toEqual([
      { channel: 'email', service: 'proprete', count: 1 },
    ]);
  });

  it('answers, closes and empties the inbox; intake is counted per channel and day; backlog per service', async () => {
    const a = await receive(
      'Le lampadaire devant le 22 rue Gambetta est éteint depuis une semaine, la rue est dans le noir.',
    );
    const b = await receive(
      'Le réverbère de l’allée du parc clignote toute la nuit, éclairage public à réparer.',
      'desk',
    );
    expect(a.routedTo).toBe('eclairage-public');
    expect(b.routedTo).toBe('eclairage-public');
    expect((await routing.backlog())['eclairage-public']).toBe(2);
    await requests.answer(a.reference, 'agent-eclairage', false);
    await h.project();
    await requests.close(a.reference, 'agent-eclairage', 'lampe changée');
    await h.project();
    expect((await routing.inbox('eclairage-public')).map((l) => l.reference)).toEqual([b.reference]);
    expect((await requests.get(a.reference)).status).toBe('closed');
    await expect(requests.close(a.reference, 'x', 'y')).rejects.toMatchObject({ code: 'REQUEST_CONFLICT' });
    const day = await h.moduleRef.get(RequestsRepository).intakeOfDay('2026-11-26');
    expect(day).toEqual({ email: 1, desk: 1 });
  });

  it('lets an admin add a category that routes at once, and refuses an invalid catalogue with every problem', async () => {
    const catalogue = h.moduleRef.get(CatalogueService);
    const voirie = await catalogue.service('voirie');
    await catalogue.upsertService({
      ...voirie,
      categories: [
        ...voirie.categories,
        {
          id: 'trottinettes',
          label: 'Trottinettes en libre-service',
          keywords: ['trottinette en libre-service', 'trottinettes en libre-service', 'opérateur de trottinettes'],
        },
      ],
    });
    const result = await receive(
      'Des trottinettes en libre-service bloquent le trottoir, appelez l’opérateur de trottinettes.',
    );
    expect(result.suggestion?.category).toBe('trottinettes');
    await expect(
      catalogue.upsertService({
        ...voirie,
        responseDays: 0,
        categories: [{ id: 'encombrants', label: '', keywords: [] }],
      }),
    ).rejects.toMatchObject({
      code: 'CATALOGUE_INVALID',
      details: {
        problems: [
          'délai de réponse invalide pour voirie',
          'catégorie encombrants sans libellé',
          'catégorie en double : encombrants',
        ],
      },
    });
  });

  it('gives a redelivered source the same reference and stores nothing twice', async () => {
    const input = {
      channel: 'email' as const,
      sourceRef: '<same@exemple.fr>',
      subject: 'Acte de naissance',
      text: 'Copie intégrale de mon acte de naissance svp',
      clues: { email: 'a@exemple.fr' },
      recordedBy: 'smtp',
    };
    const first = await requests.receive(input);
    await h.project();
    const second = await requests.receive(input);
    expect(second).toMatchObject({ reference: first.reference, duplicate: true });
    expect((await h.events()).filter((e) => e.type === 'request.received')).toHaveLength(1);
  });
});
