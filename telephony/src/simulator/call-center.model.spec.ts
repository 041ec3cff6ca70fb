import type { DomainEvent } from '@iris/shared';
import type { AmiFrame } from '../ami/frame-parser.js';
import { AmiNormalizer } from '../normalize/normalizer.js';
import { replayReportFromEvents } from '../normalize/replay-figures.js';
import type { AmiFields } from './ami-message.js';
import { CallCenterModel } from './call-center.model.js';
import { defaultScenario } from './scenario.js';

const START = Date.UTC(2026, 5, 11, 6, 30); // 8:30 in Paris, the hour the arrival profile starts from

function run(seed: number, maxCalls: number) {
  const emitted: AmiFields[] = [];
  const model = new CallCenterModel(
    { scenario: defaultScenario(), seed, startAt: START, startHour: 8.5, maxCalls, arrivalScale: 2 },
    (event) => emitted.push(event),
  );
  for (let guard = 0; !model.finished() && guard < 1_000_000; guard++) {
    const next = model.nextEventAt();
    if (next === undefined) break;
    model.advanceTo(next);
  }
  return { model, emitted };
}

const toFrame = (fields: AmiFields): AmiFrame => Object.fromEntries(fields.map(([name, value]) => [name, value]));

describe('CallCenterModel', () => {
  it('given a seed, plays the same day byte for byte', () => {
    const a = run(11, 150).emitted;
    const b = run(11, 150).emitted;
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
    expect(run(12, 150).emitted).not.toEqual(a);
  });

  it('its own ground truth is what the normaliser reads from its events', () => {
    const { model, emitted } = run(3, 600);
    const normalizer = new AmiNormalizer();
    const events: DomainEvent[] = [];
    // As the bridge does: the QueueStatus items teach the normaliser each queue's service level.
    for (const item of model.queueStatusItems('resync')) normalizer.normalize(toFrame(item), START);
    emitted.forEach((fields, index) => events.push(...normalizer.normalize(toFrame(fields), START + index)));
    const truth = model.truth();
    expect(truth.inProgress).toBe(0);
    expect(truth.frontOffice.answered).toBeGreaterThan(0);
    expect(truth.frontOffice.abandoned).toBeGreaterThan(0);
    expect(truth.frontOffice.shortAbandoned).toBeGreaterThan(0);
    expect(truth.frontOffice.timedOut).toBeGreaterThan(0);
    const report = replayReportFromEvents(events);
    for (const [queue, figures] of Object.entries(truth.queues))
      expect({ queue, ...report.queues[queue] }).toEqual({ queue, ...figures });
    expect(report.frontOffice).toEqual(truth.frontOffice);
  });

  it('answers member actions as app_queue does, in its words', () => {
    const { model } = run(1, 1);
    expect(model.pause(undefined, 'Local/1005@agents/n', true, 'formation')).toMatchObject({
      ok: true,
      message: 'Interface paused successfully',
    });
    expect(
      model
        .pause(undefined, 'Local/1005@agents/n', true, 'formation')
        .events.filter((event) => event[0]?.[1] === 'QueueMemberPause'),
    ).toHaveLength(2);
    expect(model.pause('accueil', 'Local/1777@agents/n', true, '')).toMatchObject({
      ok: false,
      message: 'Interface not found',
    });
    expect(model.removeMember('accueil', 'Local/1001@agents/n')).toMatchObject({
      ok: false,
      message: 'Member not dynamic',
    });
    expect(model.addMember('accueil', 'Local/1001@agents/n', undefined, undefined, 0, false, '')).toMatchObject({
      ok: false,
      message: 'Unable to add interface: Already there',
    });
    expect(model.addMember('accueil', 'Local/1050@agents/n', 'Agent 1050', undefined, 0, false, '')).toMatchObject({
      ok: true,
      message: 'Added interface to queue',
    });
    expect(model.removeMember('accueil', 'Local/1050@agents/n')).toMatchObject({
      ok: true,
      message: 'Removed interface from queue',
    });
    expect(model.removeMember('accueil', 'Local/1050@agents/n')).toMatchObject({
      ok: false,
      message: 'Unable to remove interface: Not there',
    });
  });
});
