import { startSimulator, type SimulatorHandle } from '@iris/telephony';
import { createClient } from 'redis';
import type { IrisApp } from '../../src/app/create-app.js';
import { StoreKeys } from '../../src/redis/keys.js';
import { TelephonyService } from '../../src/telephony/telephony.service.js';
import { bootApp, testPrefix } from './iris-e2e-support.js';

describe('graceful shutdown', () => {
  let simulator: SimulatorHandle;
  let iris: IrisApp;

  afterAll(async () => {
    await simulator?.stop();
  });

  it('stores every event the bridge handed over before closing, even when stopped mid-stream', async () => {
    simulator = await startSimulator({
      username: 'iris',
      secret: 'e2e-secret',
      seed: 31,
      speed: 'max',
      maxCalls: 3000,
      holdUntilFirstClient: true,
    });
    const prefix = testPrefix();
    iris = await bootApp({
      IRIS_KEY_PREFIX: prefix,
      AMI_ENABLED: 'true',
      AMI_HOST: '127.0.0.1',
      AMI_PORT: String(simulator.port),
      AMI_USERNAME: 'iris',
      AMI_SECRET: 'e2e-secret',
    });
    const telephony = iris.app.get(TelephonyService);
    const deadline = Date.now() + 60_000;
    while (telephony.status().eventsIngested < 2000) {
      if (Date.now() > deadline) throw new Error('the stream did not start');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Stop while AMI events are still flowing (what SIGTERM does through the shutdown hooks).
    await iris.close();
    expect(simulator.callsOffered()).toBeLessThan(3000);
    const status = telephony.status();
    expect(status.state).toBe('stopped');
    expect(status.ingestFailures).toBe(0);
    // Everything the bridge counts as handed over was stored, and the log holds exactly that.
    expect(status.eventsIngested).toBe(status.eventsEmitted);
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    try {
      expect(await redis.xLen(new StoreKeys(prefix).eventLog())).toBe(status.eventsAppended);
    } finally {
      await redis.close();
    }
    expect(status.eventsAppended).toBeGreaterThanOrEqual(2000);
  });
});
