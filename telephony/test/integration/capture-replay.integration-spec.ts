/**
 * Every recorded capture, replayed byte for byte over TCP by the simulator's replay mode,
 * read by the real bridge (asterisk-manager socket, frame parser, normaliser, resync),
 * gives per-queue outcome counts equal to the capture's truth.json.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/simulator.js';
import { replayReportFromEvents } from '../../src/normalize/replay-figures.js';
import { capturesDir, startBridge, type BridgeUnderTest } from './support/harness.js';

const SCENARIOS = ['answered', 'abandon', 'ringnoanswer', 'pause-unpause', 'timeout', 'snapshot', 'busy-a'] as const;

interface Truth {
  queues: Record<
    string,
    {
      offered: number;
      answered: number;
      abandoned: number;
      shortAbandoned: number;
      timedOut: number;
      exited: number;
      answeredWithinServiceLevel: number;
    }
  >;
  frontOffice: Record<string, number | null>;
}

describe('captures replayed over TCP through the bridge', () => {
  let simulator: SimulatorHandle | undefined;
  let under: BridgeUnderTest | undefined;

  afterEach(async () => {
    await under?.stop();
    await simulator?.stop();
    under = undefined;
    simulator = undefined;
  });

  it.each(SCENARIOS)('%s: per-queue outcomes equal truth.json', async (scenario) => {
    const truth = JSON.parse(readFileSync(path.join(capturesDir, `${scenario}.truth.json`), 'utf8')) as Truth;
    const offeredInTruth = Object.values(truth.queues).reduce((sum, q) => sum + q.offered + q.shortAbandoned, 0);
    expect(offeredInTruth).toBeGreaterThan(0);

    simulator = await startSimulator({
      username: 'iris',
      secret: 'iris',
      replay: { file: path.join(capturesDir, `${scenario}.ami.txt`), timing: 'fast' },
    });
    under = startBridge(simulator.port);
    await simulator.whenFinished();
    // The Pong comes after the last replayed byte: once it went through the pipeline, every event has been handed over.
    await under.bridge.ping();

    const snapshots = under.events.filter((event) => event.type === 'telephony.snapshot');
    expect(snapshots.length).toBe(1);
    const report = replayReportFromEvents(under.events);
    for (const [queue, expected] of Object.entries(truth.queues)) {
      const got = report.queues[queue];
      expect({ queue, ...got }).toEqual({ queue, ...expected });
    }
    expect(report.frontOffice).toEqual(truth.frontOffice);
    expect(under.bridge.status().framesRejected).toEqual({
      malformed_line: 0,
      oversized: 0,
      truncated: 0,
      missing_type: 0,
    });
    expect(under.events.some((event) => event.type === 'telephony.gap')).toBe(false);
  });
});
