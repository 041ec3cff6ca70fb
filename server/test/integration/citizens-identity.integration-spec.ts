import { CitizensService } from '../../src/citizens/citizens.service.js';
import { CitizenTimelineService } from '../../src/citizens/citizen-timeline.service.js';
import { RequestsService, type NewRequest } from '../../src/intake/requests.service.js';
import { startIntakeHarness, type IntakeHarness } from './intake-harness.js';

describe('citizen record: identity resolution, duplicates, reversible merges (real Redis)', () => {
  let h: IntakeHarness;
  let requests: RequestsService;
  let citizens: CitizensService;
  let timelines: CitizenTimelineService;
  let sequence = 0;

  async function receive(partial: Partial<NewRequest> & Pick<NewRequest, 'clues'>): Promise<string | null> {
    sequence += 1;
    h.clock.advance(60_000);
    const result = await requests.receive({
      channel: 'sms',
      sourceRef: `test-source-${sequence}`,
      subject: '',
      text: 'Bonjour, quels sont les horaires de la mairie annexe ?',
      recordedBy: 'agent-1',
      ...partial,
    });
    await h.project();
    return result.citizenId;
  }

  beforeEach(async () => {
    h = await startIntakeHarness();
    requests = h.moduleRef.get(RequestsService);
    citizens = h.moduleRef.get(CitizensService);
    timelines = h.moduleRef.get(CitizenTimelineService);
  });

  afterEach(async () => {
    await h.close();
  });

  it('recognises one caller whatever the form of the French number', async () => {
    const forms = [
      '01 46 55 27 83',
      '+33 1 46 55 27 83',
      '0033146552783',
      '+33146552783',
      '01.46.55.27.83',
      '+33 (0)1 46 55 27 83',
      '146552783',
    ];
    const ids = new Set<string | null>();
    for (const phone of forms) ids.add(await receive({ channel: 'phone', clues: { phone } }));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(id).toMatch(/^C-/);
    const record = await citizens.get(id!);
    expect(record.phones).toEqual(['+33146552783']);
    expect((await timelines.timeline(id!)).requests).toHaveLength(forms.length);
    // Screen pop: the agent panel looks the caller up by the caller ID in any form.
    expect((await citizens.lookupByPhone('0033 1 46 55 27 83'))?.citizenId).toBe(id);
    expect(await citizens.lookupByPhone('01 46 55 27 84')).toBeNull();
  });

  it('case-folds emails and learns a new identifier on a recognised record', async () => {
    const first = await receive({
      channel: 'email',
      clues: { email: 'Jean.Dupont@Exemple.FR', fullName: 'Jean Dupont' },
    });
    const second = await receive({
      channel: 'email',
      clues: { email: '  jean.dupont@exemple.fr ', phone: '06 12 34 56 78' },
    });
    expect(second).toBe(first);
    const record = await citizens.get(first!);
    expect(record.emails).toEqual(['jean.dupont@exemple.fr']);
    expect(record.phones).toEqual(['+33612345678']);
    // The phone learnt by email now recognises an SMS.
    expect(await receive({ clues: { phone: '+33 6 12 34 56 78' } })).toBe(first);
    const types = (await h.events()).filter((e) => e.type.startsWith('citizen.')).map((e) => e.type);
    expect(types).toEqual(['citizen.created', 'citizen.identified']);
  });

  it('matches a name and postal address written differently (accents, case, order, abbreviations)', async () => {
    const letter = await receive({
      channel: 'mail',
      clues: {
        fullName: 'M. Jean-Pierre DUPONT',
        address: { street: '12 av. de la République', postalCode: '92130', city: 'Issy-les-Moulineaux' },
      },
    });
    const desk = await receive({
      channel: 'desk',
      clues: {
        fullName: 'dupont jean pierre',
        address: { street: '12, Avenue de la REPUBLIQUE', postalCode: '92 130' },
      },
    });
    expect(desk).toBe(letter);
    // Same name elsewhere: another person (homonym), not matched and not even suggested.
    const homonym = await receive({
      channel: 'desk',
      clues: { fullName: 'Jean-Pierre Dupont', address: { street: '4 rue Diderot', postalCode: '92130' } },
    });
    expect(homonym).not.toBe(letter);
    expect((await citizens.duplicates(letter!)).map((d) => d.citizenId)).not.toContain(homonym);
  });

  it('searches by phone, email, name or postal address in any form', async () => {
    const id = await receive({
      channel: 'email',
      clues: { email: 'helene.lefevre@exemple.fr', fullName: 'Hélène Lefèvre', phone: '01 46 55 27 83' },
    });
    await receive({ channel: 'email', clues: { email: 'marc.petit@exemple.fr', fullName: 'Marc Petit' } });
    expect((await citizens.search('LEFEVRE helene')).map((c) => c.citizenId)).toEqual([id]);
    expect((await citizens.search('HELENE.LEFEVRE@EXEMPLE.FR')).map((c) => c.citizenId)).toEqual([id]);
    expect((await citizens.search('+33 1 46 55 27 83')).map((c) => c.citizenId)).toEqual([id]);
    expect(await citizens.search('Durand')).toEqual([]);
    const resident = await receive({
      channel: 'mail',
      clues: { fullName: 'Paul Durand', address: { street: '12 av. de la République', postalCode: '92130' } },
    });
    expect((await citizens.search('12 avenue de la REPUBLIQUE')).map((c) => c.citizenId)).toEqual([resident]);
    expect((await citizens.search('république 92130')).map((c) => c.citizenId)).toEqual([resident]);
    expect(await citizens.search('14 avenue de la République')).toEqual([]);
  });

  it('suggests a likely duplicate with its reasons; merge then unmerge keeps every event and request', async () => {
    const address = { street: '3 bd Gambetta', postalCode: '92130' };
    const a = await receive({
      channel: 'phone',
      clues: { phone: '06 11 22 33 44', fullName: 'Nathalie Lefebvre', address },
    });
    await receive({
      channel: 'sms',
      clues: { phone: '06 11 22 33 44' },
      text: 'Un lampadaire est éteint devant chez moi',
    });
    const b = await receive({
      channel: 'email',
      clues: {
        email: 'n.lefevre@exemple.fr',
        fullName: 'LEFEVRE Nathalie',
        address: { street: '3 boulevard Gambetta', postalCode: '92130' },
      },
    });
    expect(b).not.toBe(a);

    const suggestions = await citizens.duplicates(a!);
    expect(suggestions).toEqual([{ citizenId: b, score: expect.any(Number), reasons: ['nom proche et même adresse'] }]);
    expect(suggestions[0]!.score).toBeGreaterThanOrEqual(0.6);

    const before = await h.events();
    const timelineA = await timelines.timeline(a!);
    const timelineB = await timelines.timeline(b!);
    expect(timelineA.requests).toHaveLength(2);
    expect(timelineB.requests).toHaveLength(1);

    h.clock.advance(60_000);
    const merge = await citizens.merge(b!, a!, 'superviseur-1', 'même personne, confirmé au téléphone');
    await h.project();
    const merged = await timelines.timeline(a!);
    expect(merged.requests.map((r) => r.reference).sort()).toEqual(
      [...timelineA.requests, ...timelineB.requests].map((r) => r.reference).sort(),
    );
    expect(merged.entries.length).toBe(timelineA.entries.length + timelineB.entries.length);
    expect((await citizens.effective(b!)).citizenId).toBe(a);
    expect((await citizens.search('n.lefevre@exemple.fr')).map((c) => c.citizenId)).toEqual([a]);
    // A new email from B's address now lands on the merged record.
    const later = await receive({ channel: 'email', clues: { email: 'n.lefevre@exemple.fr' } });
    expect(later).toBe(a);
    await expect(citizens.merge(b!, a!, 'superviseur-1', 'encore')).rejects.toMatchObject({ code: 'MERGE_CONFLICT' });

    h.clock.advance(60_000);
    await citizens.unmerge(merge.mergeId, 'superviseur-1', 'homonymes, erreur de fusion');
    await h.project();
    const afterA = await timelines.timeline(a!);
    const afterB = await timelines.timeline(b!);
    expect(afterB.citizen.mergedInto).toBeNull();
    expect(afterB.requests.map((r) => r.reference)).toEqual(timelineB.requests.map((r) => r.reference));
    // A keeps its own requests plus the one that arrived while merged.
    expect(afterA.requests).toHaveLength(3);
    expect((await citizens.search('n.lefevre@exemple.fr')).map((c) => c.citizenId)).toEqual([b]);

    // Nothing was removed from the log: every earlier event is still there, in order.
    const after = await h.events();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((e) => e.type)).toEqual([
      'citizen.merged',
      'request.received',
      'citizen.unmerged',
    ]);
    await expect(citizens.unmerge(merge.mergeId, 'superviseur-1', 'encore')).rejects.toMatchObject({
      code: 'MERGE_CONFLICT',
    });

    // Every projection (records, indexes, merges, timelines) is rebuilt identical from the log.
    const rebuilt = await h.rebuild();
    expect(rebuilt.differences).toEqual([]);
    expect(rebuilt.equal).toBe(true);
    expect(rebuilt.keysCompared).toBeGreaterThan(10);
  });

  it('files a request without identity clues on no record, and rejects an unreadable phone lookup clearly', async () => {
    expect(await receive({ channel: 'desk', clues: {} })).toBeNull();
    await expect(citizens.lookupByPhone('anonymous')).rejects.toMatchObject({ code: 'PHONE_INVALID' });
  });
});
