import type { MemberStatus } from '../events/member-events.js';
import { modeEvidence } from './mode-evidence.js';

const status = (paused: boolean, pausedReason = ''): MemberStatus => ({
  deviceState: 'not_in_use',
  paused,
  pausedReason,
  inCall: false,
  callsTaken: 0,
  lastCallAt: 0,
  penalty: 0,
  membership: 'static',
});
const agent = (ext: string) => ({ interface: `Local/${ext}@agents/n`, name: `Agent ${ext}` });

describe('mode evidence from Asterisk', () => {
  it('reads IRIS pause reasons as modes, any other pause as a break, unpaused as the phone', () => {
    const modes = [
      modeEvidence({
        id: 'p1',
        type: 'member.paused',
        v: 1,
        at: 1,
        source: 'ami',
        data: { queue: 'q', agent: agent('1001'), reason: 'iris:desk' },
      }),
      modeEvidence({
        id: 'p2',
        type: 'member.paused',
        v: 1,
        at: 2,
        source: 'ami',
        data: { queue: 'q', agent: agent('1001'), reason: 'déjeuner' },
      }),
      modeEvidence({
        id: 'u1',
        type: 'member.unpaused',
        v: 1,
        at: 3,
        source: 'ami',
        data: { queue: 'q', agent: agent('1001'), reason: '' },
      }),
      modeEvidence({
        id: 'a1',
        type: 'member.added',
        v: 1,
        at: 4,
        source: 'ami',
        data: { queue: 'q', agent: agent('1002'), status: status(true, 'iris:mail') },
      }),
    ].flat();
    expect(modes.map((m) => [m.id, m.data.agentId, m.data.mode, m.data.requestedBy])).toEqual([
      ['asterisk:p1', '1001', 'desk', 'asterisk'],
      ['asterisk:p2', '1001', 'break', 'asterisk'],
      ['asterisk:u1', '1001', 'phone', 'asterisk'],
      ['asterisk:a1', '1002', 'mail', 'asterisk'],
    ]);
  });

  it('takes one mode per agent from a snapshot: the phone if any membership is unpaused', () => {
    const modes = modeEvidence({
      id: 's1',
      type: 'telephony.snapshot',
      v: 1,
      at: 10,
      source: 'ami',
      data: {
        queues: [
          {
            queue: 'a',
            strategy: 'rrmemory',
            serviceLevelSeconds: 20,
            asteriskCompleted: 0,
            asteriskAbandoned: 0,
            waiting: [],
            members: [
              { agent: agent('1001'), status: status(true, 'iris:desk') },
              { agent: agent('1003'), status: status(true, 'iris:desk') },
            ],
          },
          {
            queue: 'b',
            strategy: 'rrmemory',
            serviceLevelSeconds: 20,
            asteriskCompleted: 0,
            asteriskAbandoned: 0,
            waiting: [],
            members: [{ agent: agent('1001'), status: status(false) }],
          },
        ],
      },
    });
    expect(modes.map((m) => [m.id, m.data.agentId, m.data.mode])).toEqual([
      ['asterisk:s1:1001', '1001', 'phone'],
      ['asterisk:s1:1003', '1003', 'desk'],
    ]);
  });
});
