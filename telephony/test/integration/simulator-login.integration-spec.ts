/**
 * The simulator's login conversation is byte-identical to real Asterisk's: the same
 * actions as in login-failure.actions.txt get the bytes of the recorded streams.
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/simulator.js';
import { capturesDir } from './support/harness.js';

/** Sends the actions and resolves with every byte received once the server closed the socket. */
function converse(port: number, actions: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1', () => socket.write(actions));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

describe('simulator login, as recorded from Asterisk', () => {
  let simulator: SimulatorHandle | undefined;

  beforeEach(async () => {
    simulator = await startSimulator({ username: 'dashboard', secret: 's3cret-dash', speed: 1 });
  });
  afterEach(async () => {
    await simulator?.stop();
  });

  const capture = (name: string) => readFileSync(path.join(capturesDir, name));

  it('wrong secret: banner, Authentication failed, then the server hangs up', async () => {
    const bytes = await converse(
      simulator!.port,
      'Action: Login\r\nActionID: bad-0001\r\nUsername: dashboard\r\nSecret: wrong-secret\r\nEvents: on\r\n\r\n',
    );
    expect(bytes.toString('utf8')).toBe(capture('login-failure.ami.txt').toString('utf8'));
  });

  it('unknown user: the same answer', async () => {
    const bytes = await converse(
      simulator!.port,
      'Action: Login\r\nActionID: bad2-0001\r\nUsername: nobody\r\nSecret: x\r\nEvents: on\r\n\r\n',
    );
    expect(bytes.toString('utf8')).toBe(capture('login-failure.unknown-user.ami.txt').toString('utf8'));
  });

  it('an action before login is denied, Logoff says goodbye', async () => {
    const bytes = await converse(
      simulator!.port,
      'Action: QueueStatus\r\nActionID: bad3-0001\r\n\r\nAction: Logoff\r\nActionID: bad3-0002\r\n\r\n',
    );
    expect(bytes.toString('utf8')).toBe(capture('login-failure.no-login.ami.txt').toString('utf8'));
  });

  it('login with events off, then Logoff', async () => {
    const bytes = await converse(
      simulator!.port,
      'Action: Login\r\nActionID: good-0001\r\nUsername: dashboard\r\nSecret: s3cret-dash\r\nEvents: off\r\n\r\nAction: Logoff\r\nActionID: good-0002\r\n\r\n',
    );
    expect(bytes.toString('utf8')).toBe(capture('login-failure.logoff.ami.txt').toString('utf8'));
  });
});
