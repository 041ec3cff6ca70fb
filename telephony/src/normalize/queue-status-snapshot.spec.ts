import type { AmiFrame } from '../ami/frame-parser.js';
import { parseChunks, readCapture } from '../../test/fixtures/ami-captures.js';
import type { NormalizerRejectReason } from './normalizer.js';
import { snapshotFromQueueStatus } from './queue-status-snapshot.js';

/** The frames of one action's response in a capture, by ActionID (what the bridge collects). */
function response(file: string, actionId: string): AmiFrame[] {
  return parseChunks(readCapture(file)).frames.filter((frame) => frame.ActionID === actionId);
}

describe('snapshotFromQueueStatus on the real QueueStatus responses of snapshot.ami.txt', () => {
  it('while 2 callers wait and 1 is connected: members with pause reason, waiting callers with their wait', () => {
    const items = response('snapshot.ami.txt', 'dash-0003');
    expect(items.map((i) => i.Event ?? i.Response)).toEqual([
      'Success',
      'QueueParams',
      'QueueMember',
      'QueueParams',
      'QueueMember',
      'QueueMember',
      'QueueEntry',
      'QueueEntry',
      'QueueStatusComplete',
    ]);
    const snapshot = snapshotFromQueueStatus(items, 1_795_877_166_754);
    expect(snapshot).toMatchObject({ type: 'telephony.snapshot', v: 1, at: 1_795_877_166_754, source: 'ami' });
    expect(snapshot.id).toMatch(/^ami:snapshot:1795877166754:[0-9a-f]{8}$/);
    const [etatCivil, accueil] = snapshot.data.queues;
    expect(etatCivil).toEqual({
      queue: 'etat-civil',
      strategy: 'rrmemory',
      serviceLevelSeconds: 30,
      asteriskCompleted: 0,
      asteriskAbandoned: 0,
      members: [
        {
          agent: { interface: 'Local/1003@agents/n', name: 'Agent 1003' },
          status: {
            deviceState: 'not_in_use',
            paused: false,
            pausedReason: '',
            inCall: false,
            callsTaken: 0,
            lastCallAt: 0,
            penalty: 0,
            membership: 'static',
          },
        },
      ],
      waiting: [],
    });
    expect(accueil!.serviceLevelSeconds).toBe(20);
    expect(
      accueil!.members.map((m) => [
        m.agent.name,
        m.status.deviceState,
        m.status.inCall,
        m.status.paused,
        m.status.pausedReason,
      ]),
    ).toEqual([
      ['Agent 1001', 'in_use', true, false, ''],
      ['Agent 1002', 'not_in_use', false, true, 'pause'],
    ]);
    expect(accueil!.waiting).toEqual([
      // QueueEntry has no Linkedid: the caller's own Uniqueid stands in.
      {
        callId: '1795877157.5',
        linkedId: '1795877157.5',
        callerNumber: '0611111111',
        callerName: null,
        position: 1,
        waitSeconds: 8,
      },
      {
        callId: '1795877160.7',
        linkedId: '1795877160.7',
        callerNumber: 'anonymous',
        callerName: 'Anonymous',
        position: 2,
        waitSeconds: 5,
      },
    ]);
  });

  it('the initial resync (no caller yet) and a one-queue QueueStatus', () => {
    const initial = snapshotFromQueueStatus(response('snapshot.ami.txt', 'dash-0002'), 1);
    expect(initial.data.queues.map((q) => [q.queue, q.members.length, q.waiting.length])).toEqual([
      ['etat-civil', 1, 0],
      ['accueil', 2, 0],
    ]);
    const oneQueue = snapshotFromQueueStatus(response('snapshot.ami.txt', 'dash-0005'), 2);
    expect(oneQueue.data.queues.map((q) => [q.queue, q.members.length, q.waiting.map((w) => w.position)])).toEqual([
      ['accueil', 2, [1, 2]],
    ]);
  });

  it('the same response gives the same id; another moment gives another', () => {
    const items = response('snapshot.ami.txt', 'dash-0003');
    expect(snapshotFromQueueStatus(items, 5).id).toBe(snapshotFromQueueStatus(items, 5).id);
    expect(snapshotFromQueueStatus(items, 6).id).not.toBe(snapshotFromQueueStatus(items, 5).id);
  });

  it('a malformed item is reported and left out; the rest stands', () => {
    const items = response('snapshot.ami.txt', 'dash-0003');
    const broken = items.map((item) =>
      item.Event === 'QueueEntry' && item.Position === '2' ? { ...item, Wait: 'soon' } : item,
    );
    const rejects: NormalizerRejectReason[] = [];
    const snapshot = snapshotFromQueueStatus(broken, 1, { onReject: (reason) => rejects.push(reason) });
    expect(rejects).toEqual(['invalid_field']);
    expect(snapshot.data.queues[1]!.waiting.map((w) => w.callId)).toEqual(['1795877157.5']);
  });
});
