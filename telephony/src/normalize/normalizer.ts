/**
 * AMI frames -> IRIS domain events. Pure: no I/O, no clock (the receive time is passed in),
 * deterministic (the same frames in the same order always give the same events and ids).
 *
 * Feed it EVERY frame the connection reads, list items of action responses included: the
 * `QueueParams` items of a QueueStatus response teach it each queue's service level, which
 * `call.answered` carries. Everything else that is not a queue or agent fact is dropped at
 * the edge by one Map lookup on the Event name (the noise is 95% of a busy stream);
 * `VarSet` and the hangup events cost one more property read and, for the few channels
 * sitting in a queue, a Map lookup.
 *
 * ## Classifying how a caller left a queue (captures README, point 1)
 * Asterisk sends `QueueCallerAbandon` for real abandons, queue timeouts and empty-queue
 * exits alike. What really happened is told by the caller channel itself:
 * - a `HangupRequest`/`SoftHangupRequest` for the caller channel BEFORE QueueCallerAbandon:
 *   the caller hung up -> `call.abandoned`, emitted at once;
 * - otherwise the outcome waits: `VarSet QUEUESTATUS` on the caller channel (set when
 *   Queue() returns, after QueueCallerLeave) says TIMEOUT -> `call.timed_out`, any other
 *   exit status (LEAVEEMPTY, LEAVEUNAVAIL, WITHDRAW, ...) -> `call.exited`; CONTINUE
 *   belongs to answered calls and is ignored; JOINEMPTY, JOINUNAVAIL and FULL come for a
 *   caller that never joined (no QueueCallerJoin, no queue named): not a queue call, so
 *   not offered (queue_log writes no ENTERQUEUE for it either);
 * - at the latest the caller channel's `Hangup` decides: Queue() sets no QUEUESTATUS when
 *   it returns because the caller hung up, so an abandon still pending then is a real one;
 *   a caller who left without abandon and without an agent (key press) is `call.exited`
 *   with reason `left`. Never guessed: a stay first seen at its QueueCallerLeave (the
 *   bridge connected after the caller left the queue) may have had an abandon we missed,
 *   so only AgentConnect or QUEUESTATUS can still decide it; otherwise it gets no outcome
 *   and the bridge's gap report accounts for it.
 * Waits come from AMI (`HoldTime`, or the `QUEUEWAIT` variable for exits without one),
 * never from receive times, so a replay at any speed gives the same KPIs.
 * Nothing stays pending forever: a channel's state is dropped at its Hangup, at `reset()`
 * (the bridge calls it after a reconnect; the snapshot resyncs live state and the gap
 * report accounts for outcomes missed meanwhile), or when more than `maxOpenCalls`
 * channels are open (oldest first, counted as `stale_call_evicted`).
 *
 * ## Event ids (deterministic, so ingest can deduplicate a replay or a second bridge)
 * Call events: `ami:<Uniqueid>:<queue>` is the "queue call" (one caller channel's stay in
 * one queue; a channel that enters the same queue again gets `ami:<Uniqueid>:<queue>#<n>`
 * for its n-th stay), followed by
 * - `:queued`, `:ended`, `:transferred`;
 * - `:outcome` for whichever of answered / abandoned / timed_out / exited ends the stay:
 *   one id for all four, so even two bridges that classified a stay differently (say one
 *   was disconnected at the deciding frame) can never get it counted twice;
 * - `:ringing:<Interface>:<k>` and `:ring_no_answer:<Interface>:<k>` for the k-th ring of
 *   that member for this stay (rrmemory with retry rings the same member again).
 * Member events: `ami:member:<queue>:<Interface>:<kind>:<anchor>:<k>`. AMI events carry no
 * timestamp or sequence number (timestampevents = no), so the anchor is the member's own
 * state that Asterisk changes at known moments: `LoginTime` for added/removed,
 * `LastPause` (unix time of the last pause; an unpause keeps it) for paused/unpaused,
 * `LoginTime.Penalty` for penalty changes, and for device-state changes the whole status
 * (`LoginTime.CallsTaken.LastCall.LastPause.Paused:Status.InCall`). k counts the times this
 * normaliser saw that same kind+anchor for that member, so a legitimate repeat (ringing,
 * idle, ringing again with nothing else changed while a member lets calls ring out; a
 * pause, unpause and pause within one second) gets a new id instead of being deduplicated
 * away. Two bridges reading the same stream produce the same ids. A bridge that started
 * reading in the middle of such a repeat series may number that series' repeats lower; at
 * worst a device-state repeat is then dropped as a duplicate and the next state change or
 * snapshot corrects it. These counters survive `reset()` for that reason: they only
 * number repeats, and restarting them would re-issue ids already used.
 */
import type {
  CallAbandoned,
  CallAnswered,
  CallEnded,
  CallExited,
  CallQueued,
  CallRingNoAnswer,
  CallRinging,
  CallTimedOut,
  CallTransferred,
  DomainEvent,
  MemberAdded,
  MemberDeviceState,
  MemberPaused,
  MemberPenaltyChanged,
  MemberRemoved,
  MemberUnpaused,
  QueueCallRef,
} from '@iris/shared';
import { DEFAULT_SERVICE_LEVEL_SECONDS } from '@iris/shared';
import type { AmiFrame } from '../ami/frame-parser.js';
import {
  FieldError,
  callerName,
  callerNumber,
  memberRef,
  memberStatus,
  optionalInt,
  required,
  requiredInt,
  type NormalizerRejectReason,
} from './ami-fields.js';

export type { NormalizerRejectReason } from './ami-fields.js';

export interface NormalizerOptions {
  /** Service level used when Asterisk's `servicelevel` is 0 or unknown (default 20, env SERVICE_LEVEL_SECONDS). */
  defaultServiceLevelSeconds?: number;
  /** A frame the normaliser had to drop (missing or invalid field, evicted stale call). Also counted in `rejected`. */
  onReject?(reason: NormalizerRejectReason, detail: string): void;
  /** Most caller channels followed at once before the oldest is evicted (default 10 000). */
  maxOpenCalls?: number;
}

type Phase = 'waiting' | 'left' | 'answered' | 'done';

/** One caller channel's stay in one queue. */
interface Stay {
  readonly ref: QueueCallRef;
  /** Id prefix of every event of this stay. */
  readonly idBase: string;
  /**
   * False for a stay first seen at its QueueCallerLeave (the bridge connected after the
   * caller left the queue): whether a QueueCallerAbandon came before is unknown, so its
   * outcome is never guessed (only AgentConnect or QUEUESTATUS can still prove it).
   */
  readonly seenWaiting: boolean;
  phase: Phase;
  /** The caller channel got a hangup request while waiting: a following abandon is a real one. */
  hangupRequested: boolean;
  /** QueueCallerAbandon seen, outcome not yet known (abandon, timeout or exit). */
  abandon: { readonly waitSeconds: number; readonly position: number } | null;
  /** QUEUEWAIT variable (seconds), the wait of an exit that has no HoldTime. */
  queueWait: number | null;
  /** Member channel (AgentConnect DestUniqueid), to recognise this call in transfer events. */
  agentUniqueid: string | null;
  transferTarget: string | null;
  rings: Map<string, number> | null;
  ringNoAnswers: Map<string, number> | null;
}

/** Everything known about one caller channel (by Uniqueid). */
interface Channel {
  current: Stay | null;
  /** Stays so far per queue, to number re-entries. */
  stays: Map<string, number>;
}

type Handler = (self: AmiNormalizer, frame: AmiFrame, at: number, out: DomainEvent[]) => void;

/** Per-member repeat counters kept per member; old anchors never recur, so only the latest few are kept. */
const MEMBER_COUNTERS_KEPT = 32;

export class AmiNormalizer {
  private readonly defaultServiceLevelSeconds: number;
  private readonly onReject: ((reason: NormalizerRejectReason, detail: string) => void) | undefined;
  private readonly maxOpenCalls: number;

  /** Caller channels in or recently out of a queue, by Uniqueid. */
  private readonly channels = new Map<string, Channel>();
  /** Member channel Uniqueid -> stay it answered (transfers name the member's channel). */
  private readonly agentLegs = new Map<string, Stay>();
  /** Asterisk `servicelevel` per queue, from QueueParams. */
  private readonly serviceLevels = new Map<string, number>();
  /** `<queue>\n<interface>` -> `<kind>:<anchor>` -> times seen. */
  private readonly memberRepeats = new Map<string, Map<string, number>>();

  private readonly rejectCounts: Record<NormalizerRejectReason, number> = {
    missing_field: 0,
    invalid_field: 0,
    internal_error: 0,
    stale_call_evicted: 0,
  };

  /** Raw AMI event name -> handler. Anything not here is noise and costs one Map miss. */
  private static readonly handlers = new Map<string, Handler>([
    ['QueueCallerJoin', (n, f, at, out) => n.onJoin(f, at, out)],
    ['AgentCalled', (n, f, at, out) => n.onAgentCalled(f, at, out)],
    ['AgentRingNoAnswer', (n, f, at, out) => n.onRingNoAnswer(f, at, out)],
    ['QueueCallerAbandon', (n, f, at, out) => n.onAbandon(f, at, out)],
    ['QueueCallerLeave', (n, f) => n.onLeave(f)],
    ['AgentConnect', (n, f, at, out) => n.onConnect(f, at, out)],
    ['AgentComplete', (n, f, at, out) => n.onComplete(f, at, out)],
    ['BlindTransfer', (n, f) => n.onTransfer(f)],
    ['AttendedTransfer', (n, f) => n.onTransfer(f)],
    ['VarSet', (n, f, at, out) => n.onVarSet(f, at, out)],
    ['HangupRequest', (n, f) => n.onHangupRequest(f)],
    ['SoftHangupRequest', (n, f) => n.onHangupRequest(f)],
    ['Hangup', (n, f, at, out) => n.onHangup(f, at, out)],
    ['QueueMemberAdded', (n, f, at, out) => n.onMemberEvent(f, at, out)],
    ['QueueMemberRemoved', (n, f, at, out) => n.onMemberEvent(f, at, out)],
    ['QueueMemberPause', (n, f, at, out) => n.onMemberEvent(f, at, out)],
    ['QueueMemberPenalty', (n, f, at, out) => n.onMemberEvent(f, at, out)],
    ['QueueMemberStatus', (n, f, at, out) => n.onMemberEvent(f, at, out)],
    ['QueueParams', (n, f) => n.onQueueParams(f)],
  ]);

  constructor(options: NormalizerOptions = {}) {
    const sl = options.defaultServiceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS;
    if (!Number.isInteger(sl) || sl <= 0)
      throw new RangeError(`defaultServiceLevelSeconds must be a positive integer, got ${sl}`);
    this.defaultServiceLevelSeconds = sl;
    this.onReject = options.onReject;
    this.maxOpenCalls = options.maxOpenCalls ?? 10_000;
  }

  /** Frames dropped so far, by reason (for the `iris_ami_frames_rejected_total{reason}` metric). */
  get rejected(): Readonly<Record<NormalizerRejectReason, number>> {
    return this.rejectCounts;
  }

  /** Caller channels currently followed (waiting, or left with the outcome not yet known). */
  get openCalls(): number {
    return this.channels.size;
  }

  /**
   * One frame in, zero or more domain events out. `receivedAt` (epoch ms) becomes each
   * event's `at`. Never throws: a frame it cannot read is counted in `rejected`.
   */
  normalize(frame: AmiFrame, receivedAt: number): DomainEvent[] {
    const out: DomainEvent[] = [];
    const name = frame.Event;
    if (name === undefined) return out;
    const handler = AmiNormalizer.handlers.get(name);
    if (handler === undefined) return out;
    try {
      handler(this, frame, receivedAt, out);
    } catch (error) {
      if (error instanceof FieldError) this.reject(error.reason, error.message);
      else this.reject('internal_error', `${name}: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
    return out;
  }

  /** After a reconnect: forget per-call state that can no longer complete. */
  reset(): void {
    this.channels.clear();
    this.agentLegs.clear();
  }

  // ---- handlers (called through the table above) ----------------------------------

  private onQueueParams(frame: AmiFrame): void {
    this.serviceLevels.set(required(frame, 'Queue'), optionalInt(frame, 'ServiceLevel', 0));
  }

  private onJoin(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const uid = required(frame, 'Uniqueid');
    const queue = required(frame, 'Queue');
    const linkedId = frame.Linkedid || uid;
    const position = requiredInt(frame, 'Position');
    let channel = this.channels.get(uid);
    if (channel?.current) this.closeBeforeRejoin(channel.current, at, out);
    if (!channel) channel = this.openChannel(uid);
    const stay = this.newStay(channel, uid, linkedId, queue, true);
    out.push({
      id: `${stay.idBase}:queued`,
      type: 'call.queued',
      v: 1,
      at,
      source: 'ami',
      data: {
        ...stay.ref,
        callerNumber: callerNumber(frame.CallerIDNum),
        callerName: callerName(frame.CallerIDName),
        position,
      },
    } satisfies CallQueued);
  }

  private onAgentCalled(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const agent = memberRef(frame);
    const stay = this.stayOf(frame);
    const k = bump((stay.rings ??= new Map()), agent.interface);
    out.push({
      id: `${stay.idBase}:ringing:${agent.interface}:${k}`,
      type: 'call.ringing',
      v: 1,
      at,
      source: 'ami',
      data: { ...stay.ref, agent },
    } satisfies CallRinging);
  }

  private onRingNoAnswer(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const agent = memberRef(frame);
    const ringMs = requiredInt(frame, 'RingTime'); // milliseconds here, unlike AgentConnect
    const stay = this.stayOf(frame);
    const k = bump((stay.ringNoAnswers ??= new Map()), agent.interface);
    out.push({
      id: `${stay.idBase}:ring_no_answer:${agent.interface}:${k}`,
      type: 'call.ring_no_answer',
      v: 1,
      at,
      source: 'ami',
      data: { ...stay.ref, agent, ringMs },
    } satisfies CallRingNoAnswer);
  }

  private onAbandon(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const waitSeconds = requiredInt(frame, 'HoldTime');
    const position = optionalInt(frame, 'Position', 0);
    const stay = this.stayOf(frame);
    if (stay.phase === 'done' || stay.phase === 'answered') return;
    stay.abandon = { waitSeconds, position };
    if (stay.hangupRequested) this.emitAbandoned(stay, at, out);
  }

  private onLeave(frame: AmiFrame): void {
    const stay = this.stayOf(frame, false);
    if (stay.phase === 'waiting') stay.phase = 'left';
  }

  private onConnect(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const agent = memberRef(frame);
    const holdSeconds = requiredInt(frame, 'HoldTime');
    const ringSeconds = optionalInt(frame, 'RingTime', 0); // seconds here, unlike AgentRingNoAnswer
    const stay = this.stayOf(frame);
    if (stay.phase === 'done' || stay.phase === 'answered') return;
    stay.phase = 'answered';
    const agentUid = frame.DestUniqueid;
    if (agentUid) {
      stay.agentUniqueid = agentUid;
      this.agentLegs.set(agentUid, stay);
    }
    out.push({
      id: `${stay.idBase}:outcome`,
      type: 'call.answered',
      v: 1,
      at,
      source: 'ami',
      data: { ...stay.ref, agent, holdSeconds, ringSeconds, serviceLevelSeconds: this.serviceLevelOf(stay.ref.queue) },
    } satisfies CallAnswered);
  }

  private onComplete(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const agent = memberRef(frame);
    const holdSeconds = requiredInt(frame, 'HoldTime');
    const talkSeconds = requiredInt(frame, 'TalkTime');
    const reason = frame.Reason;
    const endedBy = reason === 'caller' || reason === 'transfer' ? reason : 'agent';
    const stay = this.stayOf(frame);
    if (endedBy === 'transfer') {
      out.push({
        id: `${stay.idBase}:transferred`,
        type: 'call.transferred',
        v: 1,
        at,
        source: 'ami',
        data: { ...stay.ref, agent, target: stay.transferTarget ?? 'unknown' },
      } satisfies CallTransferred);
    }
    out.push({
      id: `${stay.idBase}:ended`,
      type: 'call.ended',
      v: 1,
      at,
      source: 'ami',
      data: { ...stay.ref, agent, holdSeconds, talkSeconds, endedBy },
    } satisfies CallEnded);
    stay.phase = 'done';
    if (stay.agentUniqueid) this.agentLegs.delete(stay.agentUniqueid);
  }

  /** BlindTransfer / AttendedTransfer: remember where the answered call went, for AgentComplete(transfer). */
  private onTransfer(frame: AmiFrame): void {
    if (frame.Result !== undefined && frame.Result !== 'Success') return;
    const candidates = [
      frame.TransfererUniqueid,
      frame.TransfereeUniqueid,
      frame.OrigTransfererUniqueid,
      frame.SecondTransfererUniqueid,
    ];
    for (const uid of candidates) {
      if (!uid) continue;
      const stay = this.agentLegs.get(uid) ?? this.channels.get(uid)?.current;
      if (!stay) continue;
      const target =
        frame.Event === 'BlindTransfer'
          ? `${frame.Extension ?? ''}@${frame.Context ?? ''}`
          : frame.TransferTargetCallerIDNum || frame.SecondTransfererConnectedLineNum || frame.DestType || 'attended';
      stay.transferTarget = target;
      return;
    }
  }

  /** VarSet: only QUEUESTATUS and QUEUEWAIT of a caller channel we follow matter. */
  private onVarSet(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const variable = frame.Variable;
    if (variable !== 'QUEUESTATUS' && variable !== 'QUEUEWAIT') return;
    const uid = frame.Uniqueid;
    if (!uid) return;
    const stay = this.channels.get(uid)?.current;
    if (!stay) return;
    const value = frame.Value ?? '';
    if (variable === 'QUEUEWAIT') {
      const seconds = Number(value);
      if (value !== '' && Number.isInteger(seconds)) stay.queueWait = seconds;
      return;
    }
    // QUEUESTATUS: how Queue() returned. Only a stay that left without an agent takes it.
    if (stay.phase !== 'waiting' && stay.phase !== 'left') return;
    if (value === 'CONTINUE' || value === '') return;
    if (value === 'TIMEOUT') this.emitTimedOut(stay, at, out);
    else this.emitExited(stay, value.toLowerCase(), at, out);
  }

  private onHangupRequest(frame: AmiFrame): void {
    const uid = frame.Uniqueid;
    if (!uid) return;
    const stay = this.channels.get(uid)?.current;
    if (stay && (stay.phase === 'waiting' || stay.phase === 'left') && stay.abandon === null)
      stay.hangupRequested = true;
  }

  private onHangup(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const uid = frame.Uniqueid;
    if (!uid) return;
    const channel = this.channels.get(uid);
    if (channel) {
      if (channel.current) this.settleAtHangup(channel.current, at, out);
      this.channels.delete(uid);
    }
    // A member channel that hangs up ends its link to the call.
    this.agentLegs.delete(uid);
  }

  private onMemberEvent(frame: AmiFrame, at: number, out: DomainEvent[]): void {
    const queue = required(frame, 'Queue');
    const agent = memberRef(frame);
    const base = { v: 1 as const, at, source: 'ami' as const };
    switch (frame.Event) {
      case 'QueueMemberAdded': {
        const status = memberStatus(frame);
        const id = this.memberId(queue, agent.interface, 'added', frame.LoginTime ?? '');
        out.push({ ...base, id, type: 'member.added', data: { queue, agent, status } } satisfies MemberAdded);
        return;
      }
      case 'QueueMemberRemoved': {
        const id = this.memberId(queue, agent.interface, 'removed', frame.LoginTime ?? '');
        out.push({ ...base, id, type: 'member.removed', data: { queue, agent } } satisfies MemberRemoved);
        return;
      }
      case 'QueueMemberPause': {
        const paused = required(frame, 'Paused') === '1';
        const reason = frame.PausedReason ?? '';
        const anchor = frame.LastPause ?? '';
        if (paused) {
          const id = this.memberId(queue, agent.interface, 'paused', anchor);
          out.push({ ...base, id, type: 'member.paused', data: { queue, agent, reason } } satisfies MemberPaused);
        } else {
          const id = this.memberId(queue, agent.interface, 'unpaused', anchor);
          out.push({ ...base, id, type: 'member.unpaused', data: { queue, agent, reason } } satisfies MemberUnpaused);
        }
        return;
      }
      case 'QueueMemberPenalty': {
        const penalty = requiredInt(frame, 'Penalty');
        const id = this.memberId(queue, agent.interface, 'penalty', `${frame.LoginTime ?? ''}.${penalty}`);
        out.push({
          ...base,
          id,
          type: 'member.penalty_changed',
          data: { queue, agent, penalty },
        } satisfies MemberPenaltyChanged);
        return;
      }
      case 'QueueMemberStatus': {
        const status = memberStatus(frame);
        const anchor =
          `${frame.LoginTime ?? ''}.${status.callsTaken}.${status.lastCallAt}.${frame.LastPause ?? ''}.${status.paused ? 1 : 0}` +
          `:${frame.Status}.${status.inCall ? 1 : 0}`;
        const id = this.memberId(queue, agent.interface, 'device_state', anchor);
        out.push({
          ...base,
          id,
          type: 'member.device_state',
          data: { queue, agent, status },
        } satisfies MemberDeviceState);
        return;
      }
    }
  }

  // ---- outcomes -------------------------------------------------------------------

  private emitAbandoned(stay: Stay, at: number, out: DomainEvent[]): void {
    const waitSeconds = stay.abandon?.waitSeconds ?? stay.queueWait ?? 0;
    const position = stay.abandon?.position ?? 0;
    stay.phase = 'done';
    out.push({
      id: `${stay.idBase}:outcome`,
      type: 'call.abandoned',
      v: 1,
      at,
      source: 'ami',
      data: { ...stay.ref, waitSeconds, position },
    } satisfies CallAbandoned);
  }

  private emitTimedOut(stay: Stay, at: number, out: DomainEvent[]): void {
    stay.phase = 'done';
    out.push({
      id: `${stay.idBase}:outcome`,
      type: 'call.timed_out',
      v: 1,
      at,
      source: 'ami',
      data: { ...stay.ref, waitSeconds: stay.abandon?.waitSeconds ?? stay.queueWait ?? 0 },
    } satisfies CallTimedOut);
  }

  private emitExited(stay: Stay, reason: string, at: number, out: DomainEvent[]): void {
    stay.phase = 'done';
    out.push({
      id: `${stay.idBase}:outcome`,
      type: 'call.exited',
      v: 1,
      at,
      source: 'ami',
      data: { ...stay.ref, waitSeconds: stay.abandon?.waitSeconds ?? stay.queueWait ?? 0, reason },
    } satisfies CallExited);
  }

  /** The caller channel is gone: whatever was still undecided is decided now. */
  private settleAtHangup(stay: Stay, at: number, out: DomainEvent[]): void {
    if (stay.phase === 'done' || stay.phase === 'answered') return;
    if (stay.abandon === null && !stay.seenWaiting) return; // nothing proves what happened: never guess
    if (stay.abandon !== null || (stay.phase === 'left' && stay.hangupRequested)) {
      // Queue() sets no QUEUESTATUS when it returns because the caller hung up.
      this.emitAbandoned(stay, at, out);
    } else if (stay.phase === 'left') {
      // Left without abandon, without an agent and without a status: a key press (EXITWITHKEY).
      this.emitExited(stay, 'left', at, out);
    }
    // Still 'waiting' without any leave event: frames were lost; the gap report covers it.
  }

  /** The channel enters a queue again while its previous stay is not settled (its QUEUESTATUS was not seen). */
  private closeBeforeRejoin(stay: Stay, at: number, out: DomainEvent[]): void {
    if (stay.phase === 'left' && (stay.seenWaiting || stay.abandon !== null)) this.emitExited(stay, 'left', at, out);
  }

  // ---- state ----------------------------------------------------------------------

  private openChannel(uid: string): Channel {
    if (this.channels.size >= this.maxOpenCalls) this.evictOldest();
    const channel: Channel = { current: null, stays: new Map() };
    this.channels.set(uid, channel);
    return channel;
  }

  private evictOldest(): void {
    for (const [uid, channel] of this.channels) {
      this.channels.delete(uid);
      if (channel.current?.agentUniqueid) this.agentLegs.delete(channel.current.agentUniqueid);
      this.reject(
        'stale_call_evicted',
        `caller channel ${uid} dropped: more than ${this.maxOpenCalls} open calls (Hangup missed?)`,
      );
      return;
    }
  }

  private newStay(channel: Channel, uid: string, linkedId: string, queue: string, seenWaiting: boolean): Stay {
    const n = bump(channel.stays, queue);
    const stay: Stay = {
      ref: { callId: uid, linkedId, queue },
      idBase: n === 1 ? `ami:${uid}:${queue}` : `ami:${uid}:${queue}#${n}`,
      seenWaiting,
      phase: 'waiting',
      hangupRequested: false,
      abandon: null,
      queueWait: null,
      agentUniqueid: null,
      transferTarget: null,
      rings: null,
      ringNoAnswers: null,
    };
    channel.current = stay;
    return stay;
  }

  /**
   * The stay a call event is about. When the join was not seen (the bridge connected while
   * the caller was already waiting), the stay is adopted from this event's own fields.
   */
  private stayOf(frame: AmiFrame, stillWaiting = true): Stay {
    const uid = required(frame, 'Uniqueid');
    const queue = required(frame, 'Queue');
    const channel = this.channels.get(uid) ?? this.openChannel(uid);
    const current = channel.current;
    if (current !== null && current.ref.queue === queue) return current;
    return this.newStay(channel, uid, frame.Linkedid || uid, queue, stillWaiting);
  }

  private serviceLevelOf(queue: string): number {
    const sl = this.serviceLevels.get(queue);
    return sl === undefined || sl <= 0 ? this.defaultServiceLevelSeconds : sl;
  }

  private memberId(queue: string, iface: string, kind: string, anchor: string): string {
    const memberKey = `${queue}\n${iface}`;
    let counters = this.memberRepeats.get(memberKey);
    if (counters === undefined) this.memberRepeats.set(memberKey, (counters = new Map()));
    const key = `${kind}:${anchor}`;
    const k = (counters.get(key) ?? 0) + 1;
    counters.delete(key); // re-insert at the end: the Map's order is recency
    counters.set(key, k);
    if (counters.size > MEMBER_COUNTERS_KEPT) {
      const oldest = counters.keys().next().value;
      if (oldest !== undefined) counters.delete(oldest);
    }
    return `ami:member:${queue}:${iface}:${key}:${k}`;
  }

  private reject(reason: NormalizerRejectReason, detail: string): void {
    this.rejectCounts[reason]++;
    this.onReject?.(reason, detail);
  }
}

function bump(counts: Map<string, number>, key: string): number {
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  return n;
}
