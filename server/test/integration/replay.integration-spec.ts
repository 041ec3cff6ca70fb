import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { replayCapture } from '../../src/cli/replay.command.js';
import { capturesDir } from './kpi-test-support.js';

/**
 * Every capture recorded from a real Asterisk, replayed through the live path (simulator
 * over TCP -> TelephonyBridge -> ingest -> projector -> KPI query, in a private
 * redis-server), gives exactly its truth.json.
 */
const scenarios = readdirSync(capturesDir)
  .filter((file) => file.endsWith('.truth.json'))
  .map((file) => file.slice(0, -'.truth.json'.length))
  .sort();

describe('iris replay: every capture gives its truth', () => {
  it('finds the captures', () => {
    expect(scenarios).toEqual(
      expect.arrayContaining([
        'abandon',
        'answered',
        'busy-a',
        'login-failure',
        'pause-unpause',
        'ringnoanswer',
        'snapshot',
        'timeout',
      ]),
    );
  });

  it.each(scenarios)('%s', async (scenario) => {
    const truth = JSON.parse(readFileSync(path.join(capturesDir, `${scenario}.truth.json`), 'utf8'));
    const output = await replayCapture({
      capture: path.join(capturesDir, `${scenario}.ami.txt`),
      shortAbandonSeconds: 5,
      defaultServiceLevelSeconds: 20,
    });
    expect(output).toEqual(truth);
  });

  it('with a 10 s short-abandon threshold, busy-a moves short abandons out of offered', async () => {
    const output = await replayCapture({
      capture: path.join(capturesDir, 'busy-a.ami.txt'),
      shortAbandonSeconds: 10,
      defaultServiceLevelSeconds: 20,
    });
    const figures = output.frontOffice;
    expect(figures.shortAbandoned).toBeGreaterThan(2);
    expect(figures.offered + figures.shortAbandoned).toBe(60);
    expect(figures.answered).toBe(23);
  });

  it('says clearly when the capture does not exist', async () => {
    await expect(
      replayCapture({
        capture: path.join(capturesDir, 'nope.ami.txt'),
        shortAbandonSeconds: 5,
        defaultServiceLevelSeconds: 20,
      }),
    ).rejects.toThrow(/capture not found: .*nope\.ami\.txt/);
  });
});
