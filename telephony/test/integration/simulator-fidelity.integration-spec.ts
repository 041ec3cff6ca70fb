/**
 * The simulator cannot drift from real Asterisk: every message it sends (events, list
 * items, action responses) has an event type (or response kind) seen in the recorded
 * captures, with exactly the field names, in the order, of one recorded variant.
 * Read with a plain TCP client, no IRIS code in between.
 */
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { startSimulator, type SimulatorHandle } from '../../src/simulator/simulator.js';
import { capturesDir, waitFor } from './support/harness.js';

/** `Event: X` -> X, `Response: Y` -> `Response: Y`; field names in order. */
function messagesOf(text: string): Array<{ kind: string; fields: string[]; headers: Map<string, string> }> {
  const messages = [];
  for (const block of text.split('\r\n\r\n')) {
    const lines = block.split('\r\n').filter((line) => line.includes(': ') || line.endsWith(':'));
    if (lines.length === 0) continue;
    const headers = new Map<string, string>();
    const fields: string[] = [];
    for (const line of lines) {
      const name = line.slice(0, line.indexOf(':'));
      fields.push(name);
      if (!headers.has(name)) headers.set(name, line.slice(name.length + 2));
    }
    const kind = headers.has('Event') ? (headers.get('Event') as string) : `Response: ${headers.get('Response')}`;
    messages.push({ kind, fields, headers });
  }
  return messages;
}

function captureInventory(): Map<string, Set<string>> {
  const inventory = new Map<string, Set<string>>();
  for (const file of readdirSync(capturesDir).filter((name) => name.endsWith('.ami.txt'))) {
    for (const message of messagesOf(readFileSync(path.join(capturesDir, file), 'utf8'))) {
      if (!inventory.has(message.kind)) inventory.set(message.kind, new Set());
      inventory.get(message.kind)?.add(message.fields.join(','));
    }
  }
  return inventory;
}

describe('simulator fidelity to the captures', () => {
  let simulator: SimulatorHandle | undefined;
  let client: net.Socket | undefined;

  afterEach(async () => {
    client?.destroy();
    await simulator?.stop();
  });

  it('emits only event types and field lists that real Asterisk emitted', async () => {
    const inventory = captureInventory();
    expect(inventory.size).toBeGreaterThan(40);

    simulator = await startSimulator({
      username: 'iris',
      secret: 'iris',
      seed: 5,
      speed: 'max',
      maxCalls: 400,
      arrivalScale: 2,
      holdUntilFirstClient: true,
    });
    const sim = simulator;
    let received = '';
    const socket = net.connect(sim.port, '127.0.0.1');
    client = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const send = (lines: string[]) => socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    send(['Action: Login', 'ActionID: t-1', 'Username: iris', 'Secret: iris', 'Events: on']);
    send(['Action: QueueStatus', 'ActionID: t-2']);
    send(['Action: QueueSummary', 'ActionID: t-3']);
    send([
      'Action: QueuePause',
      'ActionID: t-4',
      'Interface: Local/1005@agents/n',
      'Paused: true',
      'Reason: formation',
    ]);
    send(['Action: QueuePause', 'ActionID: t-5', 'Interface: Local/1005@agents/n', 'Paused: false']);
    send([
      'Action: QueueAdd',
      'ActionID: t-6',
      'Queue: accueil',
      'Interface: Local/1044@agents/n',
      'MemberName: Agent 1044',
      'StateInterface: Custom:agent1044',
    ]);
    send(['Action: QueueAdd', 'ActionID: t-7', 'Queue: accueil', 'Interface: Local/1044@agents/n']);
    send(['Action: QueueRemove', 'ActionID: t-8', 'Queue: accueil', 'Interface: Local/1044@agents/n']);
    send(['Action: QueueRemove', 'ActionID: t-9', 'Queue: accueil', 'Interface: Local/1001@agents/n']);
    // A second client with a wrong secret: the first one sees the security event.
    const intruder = net.connect(sim.port, '127.0.0.1');
    intruder.on('error', () => undefined);
    intruder.write('Action: Login\r\nActionID: bad-1\r\nUsername: iris\r\nSecret: nope\r\n\r\n');
    await sim.whenFinished();
    send(['Action: QueueStatus', 'ActionID: t-10']);
    send(['Action: Logoff', 'ActionID: t-11']);
    await waitFor(() => received.includes('Thanks for all the fish.'));
    intruder.destroy();

    const messages = messagesOf(received.replace(/^Asterisk Call Manager\/12\.0\.0\r\n/, ''));
    expect(received.startsWith('Asterisk Call Manager/12.0.0\r\n')).toBe(true);
    const unknown = new Set<string>();
    const kinds = new Map<string, number>();
    for (const message of messages) {
      kinds.set(message.kind, (kinds.get(message.kind) ?? 0) + 1);
      const variants = inventory.get(message.kind);
      if (!variants?.has(message.fields.join(','))) unknown.add(`${message.kind}: ${message.fields.join(',')}`);
    }
    expect([...unknown]).toEqual([]);

    // Not a vacuous pass: the queue vocabulary is all there, with noise around it as on a real system.
    for (const kind of [
      'QueueCallerJoin',
      'QueueCallerLeave',
      'QueueCallerAbandon',
      'AgentCalled',
      'AgentConnect',
      'AgentComplete',
      'AgentRingNoAnswer',
      'QueueMemberStatus',
      'QueueMemberPause',
      'QueueMemberAdded',
      'QueueMemberRemoved',
      'QueueParams',
      'QueueMember',
      'QueueSummary',
      'InvalidPassword',
      'Response: Error',
      'Response: Goodbye',
    ]) {
      expect({ kind, seen: (kinds.get(kind) ?? 0) > 0 }).toEqual({ kind, seen: true });
    }
    const queueEvents = [
      'QueueCallerJoin',
      'QueueCallerLeave',
      'QueueCallerAbandon',
      'AgentCalled',
      'AgentConnect',
      'AgentComplete',
      'AgentRingNoAnswer',
      'QueueMemberStatus',
    ].reduce((sum, kind) => sum + (kinds.get(kind) ?? 0), 0);
    // Real Asterisk: about 7 % in busy-a (read = all); the simulator stays close to that.
    expect(queueEvents / messages.length).toBeLessThan(0.15);
    // The timeout pattern: QUEUESTATUS=TIMEOUT after the caller's QueueCallerLeave.
    expect(
      messages.some(
        (m) =>
          m.kind === 'VarSet' && m.headers.get('Variable') === 'QUEUESTATUS' && m.headers.get('Value') === 'TIMEOUT',
      ),
    ).toBe(true);
    expect(sim.truth().frontOffice.timedOut).toBeGreaterThan(0);
  });
});
