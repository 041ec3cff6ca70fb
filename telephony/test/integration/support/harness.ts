import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DomainEvent } from '@iris/shared';
import { TelephonyBridge, type TelephonyBridgeOptions } from '../../../src/bridge/telephony-bridge.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root (this file is telephony/test/integration/support). */
export const repoRoot = path.resolve(here, '../../../..');
/** The recorded captures, vendored in the repository: fixtures/ami-captures. */
export const capturesDir = path.resolve(repoRoot, 'fixtures/ami-captures');

export interface BridgeUnderTest {
  readonly bridge: TelephonyBridge;
  readonly events: DomainEvent[];
  readonly warnings: string[];
  stop(): Promise<void>;
}

/** A bridge on a real socket, collecting every event it hands over. Short timers: tests should not wait on defaults. */
export function startBridge(port: number, overrides: Partial<TelephonyBridgeOptions> = {}): BridgeUnderTest {
  const events: DomainEvent[] = [];
  const warnings: string[] = [];
  const bridge = new TelephonyBridge({
    host: '127.0.0.1',
    port,
    username: 'iris',
    secret: 'iris',
    backoff: { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 },
    heartbeat: { intervalMs: 1000, timeoutMs: 5000 },
    actionTimeoutMs: 5000,
    onWarning: (message) => warnings.push(message),
    ...overrides,
  });
  bridge.onEvents((batch) => {
    events.push(...batch);
  });
  bridge.start();
  return { bridge, events, warnings, stop: () => bridge.stop() };
}

/** Polls until the condition holds (no timing assertion: jest's timeout is the only limit). */
export async function waitFor(condition: () => boolean, pollMs = 10): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, pollMs));
}
