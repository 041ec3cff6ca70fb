/**
 * IRIS's one contact with Asterisk: keeps the AMI link (AmiConnection), turns frames into
 * domain events (AmiNormalizer), resynchronises after every (re)connect, measures what it
 * missed, and runs queue member actions that resolve on Asterisk's confirming event.
 *
 * Order and backpressure: frames are handled strictly in arrival order, and each batch of
 * events is handed to the `onEvents` handler and awaited before the next batch is read; a
 * failing handler is retried (never skipped), holding the socket paused meanwhile, so
 * nothing read from Asterisk is lost on our side.
 *
 * On every link: login, `Events: on`, QueueStatus and QueueSummary. The QueueStatus list
 * (collected by ActionID up to QueueStatusComplete) becomes a `telephony.snapshot`, emitted
 * in stream order, and its cumulative counters feed the GapAccountant, which emits a
 * `telephony.gap` per queue for calls that ended while the bridge was away.
 */
import {
  DEFAULT_SERVICE_LEVEL_SECONDS,
  IrisError,
  type CallAnswered,
  type DomainEvent,
  type QueueSnapshot,
} from '@iris/shared';
import {
  AmiConnection,
  type AmiConnectionStatus,
  type BackoffOptions,
  type HeartbeatOptions,
} from '../ami/ami-connection.js';
import type { AmiFrame, AmiRejectReason } from '../ami/frame-parser.js';
import { AmiNormalizer, type NormalizerRejectReason } from '../normalize/normalizer.js';
import { snapshotFromQueueStatus } from '../normalize/queue-status-snapshot.js';
import { GapAccountant } from './gap-accountant.js';
import {
  MemberActionTracker,
  type AddMemberRequest,
  type ConfirmingEvent,
  type MemberActionResult,
  type PauseMemberRequest,
  type RemoveMemberRequest,
  type UnpauseMemberRequest,
} from './member-actions.js';

export interface TelephonyBridgeOptions {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
  /** Service level when Asterisk's `servicelevel` is 0 (env SERVICE_LEVEL_SECONDS, default 20). */
  readonly defaultServiceLevelSeconds?: number;
  readonly heartbeat?: Partial<HeartbeatOptions>;
  readonly backoff?: Partial<BackoffOptions>;
  readonly connectTimeoutMs?: number;
  /**
   * QueueStatus again every so often while connected (default 300 000 ms; 0 = only on
   * connect): a fresh snapshot, and calls missed without a disconnect (a frame rejected as
   * malformed, say) reported as a gap within minutes rather than at the next reconnect.
   */
  readonly resyncIntervalMs?: number;
  /** How long a member action waits for Asterisk's confirming event (default 5000 ms). */
  readonly actionTimeoutMs?: number;
  /** Epoch ms; becomes each event's `at` (AMI events carry no timestamp). */
  readonly clock?: () => number;
  /** See AmiConnectionOptions.detachManagerReader (default true). */
  readonly detachManagerReader?: boolean;
  /** Warnings worth a log line (rejected frames, handler failures being retried). */
  readonly onWarning?: (message: string) => void;
}

export type EventsHandler = (events: DomainEvent[]) => Promise<void> | void;

export interface TelephonyBridgeStatus extends AmiConnectionStatus {
  /** Epoch ms of the last snapshot emitted (null before the first resync). */
  readonly lastSnapshotAt: number | null;
  readonly gapsReported: number;
  readonly eventsEmitted: number;
  /** Frames the normaliser could not read, by reason (the parser's are in framesRejected). */
  readonly normalizerRejected: Readonly<Record<NormalizerRejectReason, number>>;
}

type ListKind = 'QueueStatus' | 'QueueSummary';

interface ListCollector {
  readonly kind: ListKind;
  readonly items: AmiFrame[];
}

/** Outcome ids remembered to recognise calls whose answer the bridge missed. */
const OUTCOME_IDS_KEPT = 200_000;
const HANDLER_RETRY_MAX_MS = 5_000;

export class TelephonyBridge {
  private readonly connection: AmiConnection;
  private readonly normalizer: AmiNormalizer;
  private readonly gaps = new GapAccountant();
  private readonly memberActions = new MemberActionTracker();
  private readonly clock: () => number;
  private readonly defaultServiceLevelSeconds: number;
  private readonly actionTimeoutMs: number;
  private handler: EventsHandler | undefined;
  private readonly lists = new Map<string, ListCollector>();
  private readonly pings = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  /** Queues each member interface belongs to (snapshot + added/removed events). */
  private readonly membership = new Map<string, Set<string>>();
  private readonly serviceLevels = new Map<string, number>();
  private readonly outcomeIds = new Set<string>();
  private lastSnapshotAt: number | null = null;
  /** Epoch ms Asterisk started, from the last FullyBooted (Uptime). */
  private asteriskStartedAt: number | null = null;
  private gapsReported = 0;
  private eventsEmitted = 0;
  private stopped = true;
  private resyncTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: TelephonyBridgeOptions) {
    assertValidOptions(options);
    this.clock = options.clock ?? Date.now;
    this.defaultServiceLevelSeconds = options.defaultServiceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS;
    this.actionTimeoutMs = options.actionTimeoutMs ?? 5_000;
    this.normalizer = new AmiNormalizer({
      defaultServiceLevelSeconds: this.defaultServiceLevelSeconds,
      onReject: (reason, detail) => this.warn(`AMI frame dropped by the normaliser (${reason}): ${detail}`),
    });
    this.connection = new AmiConnection({
      host: options.host,
      port: options.port,
      username: options.username,
      secret: options.secret,
      heartbeat: options.heartbeat,
      backoff: options.backoff,
      connectTimeoutMs: options.connectTimeoutMs,
      detachManagerReader: options.detachManagerReader,
      clock: this.clock,
      onReject: (reason: AmiRejectReason, detail) => this.warn(`AMI frame rejected (${reason}): ${detail}`),
      handler: {
        onLinkUp: () => this.onLinkUp(),
        onFrames: (frames, receivedAt) => this.onFrames(frames, receivedAt),
        onLinkDown: (_link, at, reason) => this.onLinkDown(at, reason),
      },
    });
  }

  /** The event sink. Awaited for every batch: a slow handler slows reading (backpressure), a failing one is retried. */
  onEvents(handler: EventsHandler): void {
    this.handler = handler;
  }

  start(): void {
    if (!this.handler) throw new Error('TelephonyBridge.onEvents(handler) must be called before start()');
    this.stopped = false;
    this.connection.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopResyncTimer();
    await this.connection.stop();
  }

  status(): TelephonyBridgeStatus {
    return {
      ...this.connection.status(),
      lastSnapshotAt: this.lastSnapshotAt,
      gapsReported: this.gapsReported,
      eventsEmitted: this.eventsEmitted,
      normalizerRejected: { ...this.normalizer.rejected },
    };
  }

  /**
   * Round trip through Asterisk. Resolves once the Pong went through the frame pipeline,
   * i.e. after every event read before it was handed to the handler.
   */
  ping(): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        const id = this.connection.send('Ping');
        this.pings.set(id, { resolve, reject });
      } catch (error) {
        reject(notConnected(error));
      }
    });
  }

  pauseMember(request: PauseMemberRequest): Promise<MemberActionResult> {
    return this.memberAction('QueuePause', 'QueueMemberPause', request.interface, request.queue, '1', {
      ...(request.queue !== undefined ? { Queue: request.queue } : {}),
      Interface: request.interface,
      Paused: 'true',
      Reason: request.reason,
    });
  }

  unpauseMember(request: UnpauseMemberRequest): Promise<MemberActionResult> {
    return this.memberAction('QueuePause', 'QueueMemberPause', request.interface, request.queue, '0', {
      ...(request.queue !== undefined ? { Queue: request.queue } : {}),
      Interface: request.interface,
      Paused: 'false',
      ...(request.reason ? { Reason: request.reason } : {}),
    });
  }

  addMember(request: AddMemberRequest): Promise<MemberActionResult> {
    return this.memberAction('QueueAdd', 'QueueMemberAdded', request.interface, request.queue, undefined, {
      Queue: request.queue,
      Interface: request.interface,
      MemberName: request.name,
      ...(request.stateInterface ? { StateInterface: request.stateInterface } : {}),
      ...(request.penalty !== undefined ? { Penalty: String(request.penalty) } : {}),
      ...(request.paused ? { Paused: 'true', Reason: request.reason ?? '' } : {}),
    });
  }

  removeMember(request: RemoveMemberRequest): Promise<MemberActionResult> {
    return this.memberAction('QueueRemove', 'QueueMemberRemoved', request.interface, request.queue, undefined, {
      Queue: request.queue,
      Interface: request.interface,
    });
  }

  // ---- link lifecycle (called in stream order by the connection) ----

  private onLinkUp(): void {
    // Calls half-seen on the previous link can no longer complete here; their abandons, if
    // read but unclassified, are reported in the next gap.
    this.normalizer.reset();
    this.gaps.linkUp();
    this.lists.clear();
    try {
      this.connection.send('Events', { EventMask: 'on' });
      this.lists.set(this.connection.send('QueueStatus'), { kind: 'QueueStatus', items: [] });
      this.lists.set(this.connection.send('QueueSummary'), { kind: 'QueueSummary', items: [] });
    } catch {
      // The link died between login and here: its 'down' follows, then a new link resyncs.
    }
    this.startResyncTimer();
  }

  private startResyncTimer(): void {
    this.stopResyncTimer();
    const interval = this.options.resyncIntervalMs ?? 300_000;
    if (interval <= 0) return;
    this.resyncTimer = setInterval(() => {
      if ([...this.lists.values()].some((list) => list.kind === 'QueueStatus')) return; // one at a time
      try {
        this.lists.set(this.connection.send('QueueStatus'), { kind: 'QueueStatus', items: [] });
      } catch {
        // not connected right now: the next link resyncs on its own
      }
    }, interval);
    this.resyncTimer.unref();
  }

  private stopResyncTimer(): void {
    if (this.resyncTimer) clearInterval(this.resyncTimer);
    this.resyncTimer = undefined;
  }

  private onLinkDown(at: number, reason: string): void {
    this.stopResyncTimer();
    this.gaps.linkLost(at);
    this.lists.clear();
    for (const reject of this.memberActions.failAll(reason)) reject();
    for (const ping of this.pings.values())
      ping.reject(new IrisError('AMI_DISCONNECTED', `Lien AMI perdu (${reason})`));
    this.pings.clear();
  }

  private async onFrames(frames: readonly AmiFrame[], receivedAt: number): Promise<void> {
    const out: DomainEvent[] = [];
    const afterDelivery: Array<() => void> = [];
    for (const frame of frames) {
      if (frame.Event === undefined) {
        this.onResponse(frame, receivedAt, out, afterDelivery);
        continue;
      }
      this.onEventFrame(frame, receivedAt, out, afterDelivery);
    }
    await this.deliver(out);
    for (const settle of afterDelivery) settle();
  }

  private onResponse(frame: AmiFrame, receivedAt: number, out: DomainEvent[], afterDelivery: Array<() => void>): void {
    const actionId = frame.ActionID;
    if (actionId === undefined) return;
    const ping = this.pings.get(actionId);
    if (ping) {
      this.pings.delete(actionId);
      afterDelivery.push(ping.resolve);
      return;
    }
    const list = this.lists.get(actionId);
    if (list) {
      if (frame.Response !== 'Success') {
        this.lists.delete(actionId);
        this.warn(
          `${list.kind} refused by Asterisk: ${frame.Message ?? 'no message'}${list.kind === 'QueueStatus' ? ' (no resync on this link)' : ''}`,
        );
      } else if (frame.EventList !== 'start') {
        // A list answered without items (Asterisk does not do this, a proxy might): an empty resync.
        this.lists.delete(actionId);
        if (list.kind === 'QueueStatus') this.resync([], receivedAt, out);
      }
      return;
    }
    const settled = this.memberActions.onResponse(frame);
    if (settled) afterDelivery.push(settled);
  }

  private onEventFrame(
    frame: AmiFrame,
    receivedAt: number,
    out: DomainEvent[],
    afterDelivery: Array<() => void>,
  ): void {
    const actionId = frame.ActionID;
    const list = actionId === undefined ? undefined : this.lists.get(actionId);
    if (list && actionId !== undefined) {
      if (frame.EventList === 'Complete') {
        this.lists.delete(actionId);
        if (list.kind === 'QueueStatus') this.resync(list.items, receivedAt, out);
      } else {
        list.items.push(frame);
      }
    }

    switch (frame.Event) {
      case 'FullyBooted': {
        // Uptime dates Asterisk's start: a start after our last snapshot means its counters restarted.
        const uptime = Number(frame.Uptime);
        if (Number.isFinite(uptime)) this.asteriskStartedAt = receivedAt - uptime * 1000;
        break;
      }
      case 'AgentComplete':
        if (frame.Queue) this.gaps.countCompleted(frame.Queue);
        break;
      case 'QueueCallerAbandon':
        if (frame.Queue && frame.Uniqueid) this.gaps.countAbandon(frame.Queue, frame.Uniqueid);
        break;
      case 'QueueMemberAdded':
        if (frame.Queue && frame.Interface) this.queuesOf(frame.Interface).add(frame.Queue);
        break;
      case 'QueueMemberRemoved':
        if (frame.Queue && frame.Interface) this.queuesOf(frame.Interface).delete(frame.Queue);
        break;
      default:
        break;
    }

    for (const event of this.normalizer.normalize(frame, receivedAt)) this.collect(event, out);

    if (
      frame.Event === 'QueueMemberPause' ||
      frame.Event === 'QueueMemberAdded' ||
      frame.Event === 'QueueMemberRemoved'
    ) {
      afterDelivery.push(...this.memberActions.onMemberEvent(frame));
    }
  }

  /** Adds one normalised event to the batch, with the bookkeeping that needs it. */
  private collect(event: DomainEvent, out: DomainEvent[]): void {
    switch (event.type) {
      case 'call.answered':
        this.rememberOutcome(event.id);
        break;
      case 'call.abandoned':
      case 'call.timed_out':
      case 'call.exited':
        this.rememberOutcome(event.id);
        this.gaps.outcomeEmitted(event.data.queue, event.data.callId);
        break;
      case 'call.ended': {
        // The answer happened while we were away (or before we started): AgentComplete
        // carries the wait, so the answered outcome is recovered with the very id the
        // normaliser gives it, and counted once whoever saw it first.
        const outcomeId = `${event.id.replace(/:ended$/, '')}:outcome`;
        if (!this.outcomeIds.has(outcomeId) && event.id.endsWith(':ended')) {
          const recovered: CallAnswered = {
            id: outcomeId,
            type: 'call.answered',
            v: 1,
            at: event.at,
            source: 'ami',
            data: {
              callId: event.data.callId,
              linkedId: event.data.linkedId,
              queue: event.data.queue,
              agent: event.data.agent,
              holdSeconds: event.data.holdSeconds,
              ringSeconds: 0,
              serviceLevelSeconds: this.serviceLevelOf(event.data.queue),
            },
          };
          this.rememberOutcome(outcomeId);
          out.push(recovered);
        }
        break;
      }
      default:
        break;
    }
    out.push(event);
  }

  private resync(items: readonly AmiFrame[], receivedAt: number, out: DomainEvent[]): void {
    const snapshot = snapshotFromQueueStatus(items, receivedAt, {
      defaultServiceLevelSeconds: this.defaultServiceLevelSeconds,
      onReject: (reason, detail) => this.warn(`QueueStatus item dropped (${reason}): ${detail}`),
    });
    this.learnFromSnapshot(snapshot.data.queues);
    out.push(snapshot);
    // A couple of seconds of slack: Uptime is whole seconds and our receive time is not Asterisk's.
    const restarted =
      this.asteriskStartedAt !== null &&
      this.lastSnapshotAt !== null &&
      this.asteriskStartedAt > this.lastSnapshotAt + 2_000;
    const gaps = this.gaps.resync(snapshot.data.queues, receivedAt, { restarted });
    for (const gap of gaps) {
      this.warn(
        `calls missed on ${gap.data.queue}: ${gap.data.missedCompleted} completed, ${gap.data.missedAbandoned} abandoned (reported as telephony.gap)`,
      );
    }
    this.gapsReported += gaps.length;
    out.push(...gaps);
    this.lastSnapshotAt = receivedAt;
  }

  private learnFromSnapshot(queues: readonly QueueSnapshot[]): void {
    this.membership.clear();
    for (const queue of queues) {
      this.serviceLevels.set(queue.queue, queue.serviceLevelSeconds);
      for (const member of queue.members) this.queuesOf(member.agent.interface).add(queue.queue);
    }
  }

  private async deliver(events: DomainEvent[]): Promise<void> {
    if (events.length === 0 || !this.handler) return;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.handler(events);
        this.eventsEmitted += events.length;
        return;
      } catch (error) {
        if (this.stopped) throw error;
        const delay = Math.min(HANDLER_RETRY_MAX_MS, 50 * 2 ** attempt);
        this.warn(
          `event handler failed (${error instanceof Error ? error.message : String(error)}); retrying the same ${events.length} events in ${delay} ms`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  private memberAction(
    action: string,
    event: ConfirmingEvent,
    iface: string,
    queue: string | undefined,
    paused: '1' | '0' | undefined,
    headers: Record<string, string>,
  ): Promise<MemberActionResult> {
    return new Promise((resolve, reject) => {
      const known = this.membership.get(iface);
      const remaining = queue !== undefined ? new Set([queue]) : known && known.size > 0 ? new Set(known) : null;
      let actionId: string;
      try {
        actionId = this.connection.send(action, headers);
      } catch (error) {
        reject(notConnected(error));
        return;
      }
      this.memberActions.add({
        actionId,
        action,
        event,
        iface,
        paused,
        remaining,
        confirmed: [],
        responded: false,
        resolve,
        reject,
        timer: setTimeout(() => this.memberActions.timeout(actionId, this.actionTimeoutMs), this.actionTimeoutMs),
      });
    });
  }

  private queuesOf(iface: string): Set<string> {
    let queues = this.membership.get(iface);
    if (!queues) this.membership.set(iface, (queues = new Set()));
    return queues;
  }

  private serviceLevelOf(queue: string): number {
    const sl = this.serviceLevels.get(queue);
    return sl === undefined || sl <= 0 ? this.defaultServiceLevelSeconds : sl;
  }

  private rememberOutcome(id: string): void {
    this.outcomeIds.add(id);
    if (this.outcomeIds.size > OUTCOME_IDS_KEPT) {
      // Sets iterate in insertion order: drop the oldest.
      const oldest = this.outcomeIds.values().next().value;
      if (oldest !== undefined) this.outcomeIds.delete(oldest);
    }
  }

  private warn(message: string): void {
    this.options.onWarning?.(message);
  }
}

/** Every bad option at once, so a misconfigured start-up says all it has to fix. */
function assertValidOptions(options: TelephonyBridgeOptions): void {
  const problems: string[] = [];
  if (typeof options.host !== 'string' || options.host.trim() === '')
    problems.push('host must be a non-empty host name or address');
  if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)
    problems.push(`port must be an integer from 1 to 65535, got ${String(options.port)}`);
  if (typeof options.username !== 'string' || options.username === '') problems.push('username must not be empty');
  if (typeof options.secret !== 'string') problems.push('secret must be a string');
  const positive = (name: string, value: number | undefined) => {
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      problems.push(`${name} must be a positive number, got ${String(value)}`);
  };
  positive('defaultServiceLevelSeconds', options.defaultServiceLevelSeconds);
  positive('actionTimeoutMs', options.actionTimeoutMs);
  if (
    options.resyncIntervalMs !== undefined &&
    !(Number.isFinite(options.resyncIntervalMs) && options.resyncIntervalMs >= 0)
  ) {
    problems.push(`resyncIntervalMs must be 0 (off) or a positive number, got ${String(options.resyncIntervalMs)}`);
  }
  positive('connectTimeoutMs', options.connectTimeoutMs);
  positive('heartbeat.intervalMs', options.heartbeat?.intervalMs);
  positive('heartbeat.timeoutMs', options.heartbeat?.timeoutMs);
  positive('backoff.initialMs', options.backoff?.initialMs);
  positive('backoff.maxMs', options.backoff?.maxMs);
  if (options.backoff?.factor !== undefined && !(options.backoff.factor >= 1))
    problems.push(`backoff.factor must be >= 1, got ${String(options.backoff.factor)}`);
  if (options.backoff?.jitter !== undefined && !(options.backoff.jitter >= 0 && options.backoff.jitter <= 1))
    problems.push(`backoff.jitter must be within 0..1, got ${String(options.backoff.jitter)}`);
  if (problems.length > 0)
    throw new IrisError('AMI_CONFIG_INVALID', `Invalid AMI bridge configuration: ${problems.join('; ')}`, { problems });
}

function notConnected(error: unknown): IrisError {
  return new IrisError(
    'AMI_NOT_CONNECTED',
    `Asterisk n'est pas joignable pour le moment (${error instanceof Error ? error.message : String(error)})`,
  );
}
