/**
 * Given/when/then cases for the normaliser: exits the captures do not show (empty queue,
 * key press, withdraw), re-entries, member-state repeats, transfers, bad frames, reset,
 * and determinism over every capture whatever the chunking.
 */
import type { DomainEvent, EventOfType } from '@iris/shared';
import type { AmiFrame } from '../ami/frame-parser.js';
import {
  captureFiles,
  normalizeFrames,
  parseChunks,
  readCapture,
  seededRandom,
} from '../../test/fixtures/ami-captures.js';
import { AmiNormalizer, type NormalizerRejectReason } from './normalizer.js';
import { replayReportFromEvents } from './replay-figures.js';

const UID = '1800000000.7';
const LINKED = '1800000000.6';

/** Frames shaped like the captures' (only the fields that matter, plus some noise fields). */
const f = {
  join: (queue = 'accueil', uid = UID): AmiFrame => ({
    Event: 'QueueCallerJoin',
    Privilege: 'agent,all',
    Channel: 'PJSIP/trunk-00000001',
    CallerIDNum: '0146000000',
    CallerIDName: '<unknown>',
    Uniqueid: uid,
    Linkedid: LINKED,
    Queue: queue,
    Position: '1',
    Count: '1',
  }),
  abandon: (hold: number, queue = 'accueil', uid = UID): AmiFrame => ({
    Event: 'QueueCallerAbandon',
    Uniqueid: uid,
    Linkedid: LINKED,
    Queue: queue,
    Position: '1',
    OriginalPosition: '1',
    HoldTime: String(hold),
  }),
  leave: (queue = 'accueil', uid = UID): AmiFrame => ({
    Event: 'QueueCallerLeave',
    Uniqueid: uid,
    Linkedid: LINKED,
    Queue: queue,
    Position: '1',
    Count: '0',
  }),
  varSet: (variable: string, value: string, uid = UID): AmiFrame => ({
    Event: 'VarSet',
    Uniqueid: uid,
    Linkedid: LINKED,
    Variable: variable,
    Value: value,
  }),
  hangupRequest: (uid = UID): AmiFrame => ({ Event: 'HangupRequest', Uniqueid: uid, Linkedid: LINKED, Cause: '16' }),
  hangup: (uid = UID): AmiFrame => ({ Event: 'Hangup', Uniqueid: uid, Linkedid: LINKED, Cause: '16' }),
  called: (iface: string, uid = UID): AmiFrame => ({
    Event: 'AgentCalled',
    Uniqueid: uid,
    Linkedid: LINKED,
    Queue: 'accueil',
    Interface: iface,
    MemberName: `Agent ${iface.slice(6, 10)}`,
  }),
  connect: (hold: number, queue = 'accueil', uid = UID): AmiFrame => ({
    Event: 'AgentConnect',
    Uniqueid: uid,
    Linkedid: LINKED,
    Queue: queue,
    Interface: 'Local/1001@agents/n',
    MemberName: 'Agent 1001',
    DestUniqueid: '1800000001.9',
    HoldTime: String(hold),
    RingTime: '3',
  }),
  complete: (reason: string, uid = UID): AmiFrame => ({
    Event: 'AgentComplete',
    Uniqueid: uid,
    Linkedid: LINKED,
    Queue: 'accueil',
    Interface: 'Local/1001@agents/n',
    MemberName: 'Agent 1001',
    DestUniqueid: '1800000001.9',
    HoldTime: '4',
    TalkTime: '61',
    Reason: reason,
  }),
  queueParams: (queue: string, serviceLevel: number): AmiFrame => ({
    Event: 'QueueParams',
    Queue: queue,
    Strategy: 'rrmemory',
    ServiceLevel: String(serviceLevel),
    ActionID: 'a-1',
  }),
  memberStatus: (status: number, extra: Partial<Record<string, string>> = {}): AmiFrame =>
    ({
      Event: 'QueueMemberStatus',
      Queue: 'accueil',
      MemberName: 'Agent 1009',
      Interface: 'Local/1009@agents/n',
      StateInterface: 'Custom:agent1009',
      Membership: 'static',
      Penalty: '0',
      CallsTaken: '0',
      LastCall: '0',
      LastPause: '0',
      LoginTime: '1795877052',
      InCall: '0',
      Status: String(status),
      Paused: '0',
      PausedReason: '',
      Ringinuse: '0',
      Wrapuptime: '0',
      ...extra,
    }) as AmiFrame,
};

function feed(frames: AmiFrame[], normalizer = new AmiNormalizer()): DomainEvent[] {
  return frames.flatMap((frame, i) => normalizer.normalize(frame, 1_000 + i));
}
function ofType<T extends DomainEvent['type']>(events: DomainEvent[], type: T): Array<EventOfType<T>> {
  return events.filter((e): e is EventOfType<T> => e.type === type);
}

describe('AmiNormalizer: how a caller left the queue', () => {
  it('hangup request, then QueueCallerAbandon: abandoned at once, wait from HoldTime', () => {
    const normalizer = new AmiNormalizer();
    feed([f.join(), f.hangupRequest()], normalizer);
    const atAbandon = normalizer.normalize(f.abandon(12), 5_000);
    expect(atAbandon).toEqual([
      {
        id: `ami:${UID}:accueil:outcome`,
        type: 'call.abandoned',
        v: 1,
        at: 5_000,
        source: 'ami',
        data: { callId: UID, linkedId: LINKED, queue: 'accueil', waitSeconds: 12, position: 1 },
      },
    ]);
    expect(feed([f.leave(), f.hangup()], normalizer)).toEqual([]);
    expect(normalizer.openCalls).toBe(0);
  });

  it('QueueCallerAbandon, leave, then QUEUESTATUS=TIMEOUT: timed out, decided on the VarSet', () => {
    const normalizer = new AmiNormalizer();
    expect(feed([f.join(), f.abandon(60), f.leave()], normalizer).map((e) => e.type)).toEqual(['call.queued']);
    const decided = normalizer.normalize(f.varSet('QUEUESTATUS', 'TIMEOUT'), 9);
    expect(decided.map((e) => [e.type, e.id, (e.data as { waitSeconds: number }).waitSeconds])).toEqual([
      ['call.timed_out', `ami:${UID}:accueil:outcome`, 60],
    ]);
    expect(feed([f.hangupRequest(), f.hangup()], normalizer)).toEqual([]);
  });

  it('QueueCallerAbandon then QUEUESTATUS=LEAVEEMPTY: an exit (queue emptied), not an abandon', () => {
    const events = feed([f.join(), f.abandon(7), f.leave(), f.varSet('QUEUESTATUS', 'LEAVEEMPTY'), f.hangup()]);
    const [exited, ...rest] = ofType(events, 'call.exited');
    expect(rest).toEqual([]);
    expect(exited!.data).toEqual({
      callId: UID,
      linkedId: LINKED,
      queue: 'accueil',
      waitSeconds: 7,
      reason: 'leaveempty',
    });
    expect(ofType(events, 'call.abandoned')).toEqual([]);
  });

  it('left without abandon or agent, QUEUESTATUS=WITHDRAW: exited, wait from QUEUEWAIT', () => {
    const events = feed([
      f.join(),
      f.leave(),
      f.varSet('QUEUEWAIT', '33'),
      f.varSet('QUEUESTATUS', 'WITHDRAW'),
      f.hangup(),
    ]);
    expect(ofType(events, 'call.exited').map((e) => [e.data.reason, e.data.waitSeconds])).toEqual([['withdraw', 33]]);
  });

  it('left without abandon, agent or status (key press), the channel hangs up later: exited "left"', () => {
    const events = feed([
      f.join(),
      f.leave(),
      f.varSet('QUEUEWAIT', '9'),
      { Event: 'Newexten', Uniqueid: UID },
      f.hangup(),
    ]);
    expect(ofType(events, 'call.exited').map((e) => [e.data.reason, e.data.waitSeconds])).toEqual([['left', 9]]);
  });

  it('QueueCallerAbandon without a prior hangup request and no QUEUESTATUS before Hangup: a real abandon', () => {
    const normalizer = new AmiNormalizer();
    expect(feed([f.join(), f.abandon(15), f.leave(), f.hangupRequest()], normalizer).map((e) => e.type)).toEqual([
      'call.queued',
    ]);
    const atHangup = normalizer.normalize(f.hangup(), 77);
    expect(atHangup.map((e) => [e.type, e.at, (e.data as { waitSeconds: number }).waitSeconds])).toEqual([
      ['call.abandoned', 77, 15],
    ]);
  });

  it('answered: QueueCallerLeave then AgentConnect; QUEUESTATUS=CONTINUE after the call changes nothing', () => {
    const normalizer = new AmiNormalizer();
    const events = feed(
      [
        f.queueParams('accueil', 30),
        f.join(),
        f.called('Local/1001@agents/n'),
        f.leave(),
        f.connect(4),
        f.complete('caller'),
        f.varSet('QUEUESTATUS', 'CONTINUE'),
        f.hangup(),
      ],
      normalizer,
    );
    expect(events.map((e) => e.type)).toEqual(['call.queued', 'call.ringing', 'call.answered', 'call.ended']);
    expect(ofType(events, 'call.answered')[0]!.data).toMatchObject({
      holdSeconds: 4,
      ringSeconds: 3,
      serviceLevelSeconds: 30,
    });
    expect(ofType(events, 'call.ended')[0]!.data).toMatchObject({ talkSeconds: 61, endedBy: 'caller' });
  });

  it('service level: Asterisk 0 or unknown falls back to the configured default', () => {
    const normalizer = new AmiNormalizer({ defaultServiceLevelSeconds: 25 });
    const unknown = feed([f.connect(3, 'etat-civil')], normalizer);
    const zero = feed([f.queueParams('accueil', 0), f.connect(3, 'accueil', '1800000002.1')], normalizer);
    expect([...unknown, ...zero].map((e) => (e as EventOfType<'call.answered'>).data.serviceLevelSeconds)).toEqual([
      25, 25,
    ]);
  });

  it('a call first seen after its join (bridge connected mid-wait) is adopted from the event itself', () => {
    const events = feed([f.called('Local/1002@agents/n'), f.leave(), f.connect(40)]);
    expect(events.map((e) => e.id)).toEqual([
      `ami:${UID}:accueil:ringing:Local/1002@agents/n:1`,
      `ami:${UID}:accueil:outcome`,
    ]);
  });

  it('the same member rung twice for one caller gets two ring ids; a re-entry into the queue is a new queue call', () => {
    const events = feed([
      f.join(),
      f.called('Local/1001@agents/n'),
      f.called('Local/1001@agents/n'),
      f.leave(),
      f.join(),
      f.abandon(3),
      f.leave(),
      f.varSet('QUEUESTATUS', 'TIMEOUT'),
      f.hangup(),
    ]);
    expect(events.map((e) => `${e.type} ${e.id}`)).toEqual([
      `call.queued ami:${UID}:accueil:queued`,
      `call.ringing ami:${UID}:accueil:ringing:Local/1001@agents/n:1`,
      `call.ringing ami:${UID}:accueil:ringing:Local/1001@agents/n:2`,
      // The first stay left without an agent or a status before the channel queued again.
      `call.exited ami:${UID}:accueil:outcome`,
      `call.queued ami:${UID}:accueil#2:queued`,
      `call.timed_out ami:${UID}:accueil#2:outcome`,
    ]);
  });

  it('a blind transfer by the agent: call.transferred with the target, then call.ended by transfer', () => {
    const events = feed([
      f.join(),
      f.leave(),
      f.connect(5),
      {
        Event: 'BlindTransfer',
        Result: 'Success',
        TransfererUniqueid: '1800000001.9',
        TransfereeUniqueid: UID,
        Extension: '2040',
        Context: 'services',
      },
      f.complete('transfer'),
    ]);
    expect(ofType(events, 'call.transferred').map((e) => [e.id, e.data.target])).toEqual([
      [`ami:${UID}:accueil:transferred`, '2040@services'],
    ]);
    expect(ofType(events, 'call.ended').map((e) => e.data.endedBy)).toEqual(['transfer']);
  });
});

describe('AmiNormalizer: member events', () => {
  it('legitimate repeats of one device state get new ids; a second normaliser on the same stream gives the same ids', () => {
    // A member that lets calls ring out: idle, ringing, idle, ringing, idle with nothing else changing.
    const stream = [1, 6, 1, 6, 1].map((status) => f.memberStatus(status));
    const first = feed(stream);
    const second = feed(stream);
    expect(first.map((e) => e.id)).toEqual([
      'ami:member:accueil:Local/1009@agents/n:device_state:1795877052.0.0.0.0:1.0:1',
      'ami:member:accueil:Local/1009@agents/n:device_state:1795877052.0.0.0.0:6.0:1',
      'ami:member:accueil:Local/1009@agents/n:device_state:1795877052.0.0.0.0:1.0:2',
      'ami:member:accueil:Local/1009@agents/n:device_state:1795877052.0.0.0.0:6.0:2',
      'ami:member:accueil:Local/1009@agents/n:device_state:1795877052.0.0.0.0:1.0:3',
    ]);
    expect(second).toEqual(first);
    expect(ofType(first, 'member.device_state').map((e) => e.data.status.deviceState)).toEqual([
      'not_in_use',
      'ringing',
      'not_in_use',
      'ringing',
      'not_in_use',
    ]);
  });

  it('pause, unpause and pause again within the same second: three distinct ids', () => {
    const pause = (paused: '0' | '1', reason: string) => ({
      ...f.memberStatus(1, { LastPause: '1795877200', Paused: paused, PausedReason: reason }),
      Event: 'QueueMemberPause',
    });
    const events = feed([pause('1', 'iris:desk'), pause('0', ''), pause('1', 'iris:desk')]);
    expect(events.map((e) => `${e.type} ${e.id}`)).toEqual([
      'member.paused ami:member:accueil:Local/1009@agents/n:paused:1795877200:1',
      'member.unpaused ami:member:accueil:Local/1009@agents/n:unpaused:1795877200:1',
      'member.paused ami:member:accueil:Local/1009@agents/n:paused:1795877200:2',
    ]);
    expect(ofType(events, 'member.paused')[0]!.data).toEqual({
      queue: 'accueil',
      agent: { interface: 'Local/1009@agents/n', name: 'Agent 1009' },
      reason: 'iris:desk',
    });
  });

  it('penalty 3 -> 1 -> 3: the second change to 3 is not a duplicate', () => {
    const penalty = (p: number) => ({ ...f.memberStatus(1, { Penalty: String(p) }), Event: 'QueueMemberPenalty' });
    const ids = feed([penalty(3), penalty(1), penalty(3)]).map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('AmiNormalizer: bad input, reset, bounds', () => {
  it('a frame missing a required field or with a bad number is counted and reported, never thrown', () => {
    const seen: Array<[NormalizerRejectReason, string]> = [];
    const normalizer = new AmiNormalizer({ onReject: (reason, detail) => seen.push([reason, detail]) });
    const { HoldTime: _drop, ...noHold } = f.connect(4);
    expect(normalizer.normalize(noHold, 1)).toEqual([]);
    expect(normalizer.normalize({ ...f.abandon(5), HoldTime: 'five' }, 2)).toEqual([]);
    expect(normalizer.normalize(f.memberStatus(42), 3)).toEqual([]);
    expect(normalizer.normalize({ Event: 'QueueCallerJoin', Queue: 'accueil' }, 4)).toEqual([]);
    expect(seen.map(([reason]) => reason)).toEqual([
      'missing_field',
      'invalid_field',
      'invalid_field',
      'missing_field',
    ]);
    expect(seen[0]![1]).toBe('AgentConnect without HoldTime');
    expect(normalizer.rejected).toEqual({
      missing_field: 2,
      invalid_field: 2,
      internal_error: 0,
      stale_call_evicted: 0,
    });
  });

  it('mangled capture frames (fields dropped, values corrupted) never throw out of normalize()', () => {
    const frames = parseChunks(readCapture('busy-a.ami.txt')).frames;
    const random = seededRandom(42);
    const normalizer = new AmiNormalizer();
    let produced = 0;
    for (const frame of frames) {
      const mangled: Record<string, string> = {};
      for (const [key, value] of Object.entries(frame)) {
        const dice = random();
        if (dice < 0.1) continue;
        mangled[key] =
          dice < 0.2 ? String.fromCharCode(...Array.from({ length: 5 }, () => Math.floor(random() * 0xffff))) : value;
      }
      produced += normalizer.normalize(mangled, 0).length;
    }
    const rejected = Object.values(normalizer.rejected).reduce((a, b) => a + b, 0);
    expect(produced).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
    expect(normalizer.rejected.internal_error).toBe(0);
  });

  it('noise costs nothing and yields nothing', () => {
    const normalizer = new AmiNormalizer();
    for (const name of ['Newexten', 'DeviceStateChange', 'Newstate', 'MusicOnHoldStart', 'QueueMember', 'QueueEntry']) {
      expect(normalizer.normalize({ Event: name, Uniqueid: UID, Queue: 'accueil' }, 0)).toEqual([]);
    }
    expect(normalizer.normalize(f.varSet('__CALLTALK', '30'), 0)).toEqual([]);
    expect(normalizer.normalize({ Response: 'Success', ActionID: 'x' }, 0)).toEqual([]);
    expect(Object.values(normalizer.rejected).every((n) => n === 0)).toBe(true);
  });

  it('reset() after a reconnect forgets calls that can no longer complete', () => {
    const normalizer = new AmiNormalizer();
    feed([f.join(), f.abandon(20), f.leave()], normalizer);
    expect(normalizer.openCalls).toBe(1);
    normalizer.reset();
    expect(normalizer.openCalls).toBe(0);
    expect(feed([f.varSet('QUEUESTATUS', 'TIMEOUT'), f.hangup()], normalizer)).toEqual([]);
  });

  it('more open calls than maxOpenCalls: the oldest is evicted and counted', () => {
    const normalizer = new AmiNormalizer({ maxOpenCalls: 2 });
    feed([f.join('accueil', 'a.1'), f.join('accueil', 'b.2'), f.join('accueil', 'c.3')], normalizer);
    expect(normalizer.openCalls).toBe(2);
    expect(normalizer.rejected.stale_call_evicted).toBe(1);
    expect(feed([f.abandon(9, 'accueil', 'a.1'), f.hangup('a.1')], normalizer).map((e) => e.type)).toEqual([
      'call.abandoned',
    ]);
  });
});

describe('AmiNormalizer: two bridges, reconnects', () => {
  const frames = parseChunks(readCapture('busy-a.ami.txt')).frames;
  const full = new Map(feed(frames).map((e) => [e.id, e]));
  const truth = replayReportFromEvents(full.values());

  /** What the normaliser may never do: give an id another meaning than the full stream gives it. */
  function expectConsistent(partial: DomainEvent[]): void {
    for (const event of partial) {
      const reference = full.get(event.id);
      expect({ id: event.id, type: reference?.type }).toEqual({ id: event.id, type: event.type });
      if (event.type === 'call.abandoned' || event.type === 'call.answered') {
        // The figures that decide short abandons and service level come from AMI fields alone.
        expect(event.data).toEqual(reference!.data);
      }
    }
  }

  it.each([1, 2, 3, 4, 5, 6])(
    'a second bridge that starts reading mid-stream (seed %i) agrees on every id it emits',
    (seed) => {
      const random = seededRandom(seed);
      const start = Math.floor(random() * frames.length);
      const late = feed(frames.slice(start));
      expect(late.length).toBeGreaterThan(0);
      expectConsistent(late);
      // Ingest deduplicates by id: whichever bridge delivers first, the counts are the truth.
      expect(replayReportFromEvents([...late, ...full.values()])).toEqual(truth);
    },
  );

  it('a bridge starting just after any QueueCallerAbandon, HangupRequest or QueueCallerLeave (the deciding frames) agrees too', () => {
    const deciding = new Set(['QueueCallerAbandon', 'HangupRequest', 'QueueCallerLeave', 'AgentConnect']);
    const starts = frames.flatMap((frame, index) => (deciding.has(frame.Event ?? '') ? [index + 1] : []));
    expect(starts.length).toBeGreaterThan(200);
    for (const start of starts) {
      const late = feed(frames.slice(start));
      expectConsistent(late);
      expect(replayReportFromEvents([...late, ...full.values()])).toEqual(truth);
    }
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'a bridge that loses the link and resets (seed %i) never contradicts the full stream',
    (seed) => {
      const random = seededRandom(100 + seed);
      const normalizer = new AmiNormalizer();
      const cut = Math.floor(random() * frames.length);
      const back = Math.min(frames.length, cut + Math.floor(random() * 400));
      const before = feed(frames.slice(0, cut), normalizer);
      normalizer.reset();
      const after = feed(frames.slice(back), normalizer);
      expectConsistent([...before, ...after]);
      const outcomes = [...before, ...after].filter((e) => e.id.endsWith(':outcome'));
      expect(new Set(outcomes.map((e) => e.id)).size).toBe(outcomes.length);
    },
  );
});

describe('AmiNormalizer: deterministic over every capture', () => {
  it.each(captureFiles())('%s: random chunking and a second run give identical events and ids', (file) => {
    const bytes = readCapture(file);
    const whole = normalizeFrames(parseChunks(bytes).frames);
    const random = seededRandom(bytes.length);
    const chunked = normalizeFrames(parseChunks(bytes, () => 1 + Math.floor(random() * 65_536)).frames);
    const again = normalizeFrames(parseChunks(bytes, () => 1 + Math.floor(random() * 512)).frames);
    expect(chunked).toEqual(whole);
    expect(again.map((e) => e.id)).toEqual(whole.map((e) => e.id));
  });

  it('busy-a: each outcome is decided on the frame that proves it', () => {
    const frames = parseChunks(readCapture('busy-a.ami.txt')).frames;
    const normalizer = new AmiNormalizer();
    const decidedBy = new Map<string, string[]>();
    for (const frame of frames) {
      for (const event of normalizer.normalize(frame, 0)) {
        if (!event.id.endsWith(':outcome')) continue;
        const key = `${event.type} <- ${frame.Event}${frame.Variable ? ` ${frame.Variable}=${frame.Value}` : ''}`;
        decidedBy.set(key, [...(decidedBy.get(key) ?? []), event.id]);
      }
    }
    expect(Object.fromEntries([...decidedBy].map(([k, ids]) => [k, ids.length]))).toEqual({
      'call.answered <- AgentConnect': 23,
      'call.abandoned <- QueueCallerAbandon': 33,
      'call.timed_out <- VarSet QUEUESTATUS=TIMEOUT': 4,
    });
    expect(normalizer.openCalls).toBe(0);
  });
});
