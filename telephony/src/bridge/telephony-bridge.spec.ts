import { IrisError } from '@iris/shared';
import { TelephonyBridge } from './telephony-bridge.js';

describe('TelephonyBridge configuration', () => {
  it('lists every bad option at once', () => {
    let error: unknown;
    try {
      new TelephonyBridge({
        host: '',
        port: 70000,
        username: '',
        secret: 's',
        actionTimeoutMs: -1,
        backoff: { jitter: 2 },
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IrisError);
    expect((error as IrisError).code).toBe('AMI_CONFIG_INVALID');
    expect((error as IrisError).details?.problems).toEqual([
      'host must be a non-empty host name or address',
      'port must be an integer from 1 to 65535, got 70000',
      'username must not be empty',
      'actionTimeoutMs must be a positive number, got -1',
      'backoff.jitter must be within 0..1, got 2',
    ]);
  });

  it('refuses to start without an event handler: events would have nowhere to go', () => {
    const bridge = new TelephonyBridge({ host: '127.0.0.1', port: 5038, username: 'iris', secret: 'iris' });
    expect(() => bridge.start()).toThrow('onEvents');
    expect(bridge.status()).toMatchObject({ state: 'stopped', reconnects: 0, lastEventAt: null, lastSnapshotAt: null });
  });
});
