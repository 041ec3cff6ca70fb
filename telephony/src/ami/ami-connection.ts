/**
 * One AMI link to Asterisk, kept alive. Built on `asterisk-manager` 0.2.0 (the design
 * card's choice) and wrapped so that nothing else sees it, covering its weaknesses:
 *
 * - it lower-cases header names and folds repeats: we read the raw bytes of the very
 *   socket it opened (caught through Node's `net.client.socket` diagnostics channel) with
 *   our AmiFrameParser, which keeps names and values exactly as sent. Once the login is
 *   accepted its own reader is detached from the socket: it would parse every frame a
 *   second time for nothing, and it is the slowest part of the pipeline (bench/RESULTS.md:
 *   about 3x slower than our parser). It keeps the socket, the login and the writing of
 *   actions; the callbacks it registers per ActionID are released when our parser reads
 *   the response;
 * - no EventList support: list items travel through the same ordered frame pipeline, the
 *   bridge collects them by ActionID up to their `...Complete` event;
 * - ActionIDs from Date.now() that collide: every action here carries our own
 *   (`iris-<instance>-<link>-<n>`); only its Login uses its own id, alone on a fresh link;
 * - keepConnected() that retries every 10-60 s only when called before the socket opens,
 *   with no resync: we own the loop (capped exponential backoff with jitter, a fresh
 *   Manager per link so no stale listener or held action survives a link);
 * - no heartbeat: a Ping every `heartbeat.intervalMs`; no Pong within `heartbeat.timeoutMs`
 *   means a dead link (the socket is destroyed and the loop reconnects). While we hold the
 *   socket paused for backpressure, the missing Pong is ours, not the link's: not counted.
 *
 * A refused login (Asterisk answers `Authentication failed` ~1 s later and hangs up) stops
 * the loop with state `auth_failed`: retrying a wrong secret forever helps nobody.
 */
import diagnostics from 'node:diagnostics_channel';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import type { AsteriskManager, AsteriskManagerFactory } from './asterisk-manager.types.js';
import { AMI_REJECT_REASONS, AmiFrameParser, type AmiFrame, type AmiRejectReason } from './frame-parser.js';

// The package is untyped CommonJS: loaded with require, typed by asterisk-manager.types.ts.
const createManager = createRequire(import.meta.url)('asterisk-manager') as AsteriskManagerFactory;

export type AmiConnectionState = 'connecting' | 'connected' | 'disconnected' | 'auth_failed' | 'stopped';

export interface AmiConnectionStatus {
  readonly state: AmiConnectionState;
  /** Epoch ms of the last state change. */
  readonly since: number;
  /** Epoch ms of the last frame received from Asterisk (null before the first). */
  readonly lastEventAt: number | null;
  /** Links re-established after a loss. */
  readonly reconnects: number;
  readonly framesRejected: Readonly<Record<AmiRejectReason, number>>;
  /** Why the last link ended or failed, in words (null while nothing went wrong). */
  readonly lastError: string | null;
}

export interface BackoffOptions {
  /** First retry delay (ms). */
  readonly initialMs: number;
  /** Longest delay between two attempts (ms). */
  readonly maxMs: number;
  readonly factor: number;
  /** 0..1: each delay is drawn uniformly in [delay * (1 - jitter), delay]. */
  readonly jitter: number;
}

export interface HeartbeatOptions {
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };
export const DEFAULT_HEARTBEAT: HeartbeatOptions = { intervalMs: 10_000, timeoutMs: 5_000 };

/** The connection's calls into its owner, made one at a time in stream order. */
export interface AmiLinkHandler {
  /** A new link is logged in. Runs before any frame that follows the login response. */
  onLinkUp(link: number): Promise<void> | void;
  /** Frames in the order received; the next call waits for the returned promise (backpressure). */
  onFrames(frames: readonly AmiFrame[], receivedAt: number, link: number): Promise<void> | void;
  /** The link is gone; every frame it delivered was handed over before this call. */
  onLinkDown(link: number, at: number, reason: string): Promise<void> | void;
}

export interface AmiConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
  readonly handler: AmiLinkHandler;
  readonly backoff?: Partial<BackoffOptions>;
  readonly heartbeat?: Partial<HeartbeatOptions>;
  readonly connectTimeoutMs?: number;
  readonly loginTimeoutMs?: number;
  readonly maxFrameBytes?: number;
  /** Frames waiting for the handler above which the socket is paused. */
  readonly maxQueuedFrames?: number;
  readonly clock?: () => number;
  readonly random?: () => number;
  /**
   * Detach asterisk-manager's own reader from the socket once logged in (default true): it
   * would parse every frame again, lower-cased, for nothing. false keeps it (bench baseline).
   */
  readonly detachManagerReader?: boolean;
  /** Called once per rejected frame with its reason (log it; the count is in status()). */
  readonly onReject?: (reason: AmiRejectReason, detail: string) => void;
}

type PipelineItem =
  | { readonly kind: 'up'; readonly link: number }
  | { readonly kind: 'frames'; readonly link: number; readonly frames: AmiFrame[]; readonly receivedAt: number }
  | { readonly kind: 'down'; readonly link: number; readonly at: number; readonly reason: string };

interface Link {
  readonly id: number;
  readonly manager: AsteriskManager;
  socket: Socket | undefined;
  readonly parser: AmiFrameParser;
  loggedIn: boolean;
  closed: boolean;
  pingOutstandingSince: number | null;
  heartbeatTimer: NodeJS.Timeout | undefined;
  pongTimer: NodeJS.Timeout | undefined;
  deadlineTimer: NodeJS.Timeout | undefined;
  /** Frames parsed from the current chunk, handed over as one batch. */
  batch: AmiFrame[];
  readonly onData: (chunk: Buffer | string) => void;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): exponential, capped at `maxMs`, with
 * "equal-ish" jitter drawn below the cap so that a fleet of bridges cut at once does not
 * come back in lockstep.
 */
export function reconnectDelay(attempt: number, backoff: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** attempt);
  return base * (1 - backoff.jitter * random());
}

let instanceCounter = 0;

export class AmiConnection {
  private readonly backoff: BackoffOptions;
  private readonly heartbeat: HeartbeatOptions;
  private readonly clock: () => number;
  private readonly random: () => number;
  private readonly instance = `${process.pid.toString(36)}${(instanceCounter++).toString(36)}`;
  private state: AmiConnectionState = 'stopped';
  private since: number;
  private lastEventAt: number | null = null;
  private reconnects = 0;
  private lastError: string | null = null;
  private readonly rejected: Record<AmiRejectReason, number>;
  private link: Link | undefined;
  private linkCounter = 0;
  private actionCounter = 0;
  private attempt = 0;
  private everConnected = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly queue: PipelineItem[] = [];
  private queuedFrames = 0;
  private pumping = false;
  private paused = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: AmiConnectionOptions) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.heartbeat = { ...DEFAULT_HEARTBEAT, ...options.heartbeat };
    this.clock = options.clock ?? Date.now;
    this.random = options.random ?? Math.random;
    this.since = this.clock();
    this.rejected = Object.fromEntries(AMI_REJECT_REASONS.map((reason) => [reason, 0])) as Record<
      AmiRejectReason,
      number
    >;
  }

  status(): AmiConnectionStatus {
    return {
      state: this.state,
      since: this.since,
      lastEventAt: this.lastEventAt,
      reconnects: this.reconnects,
      framesRejected: { ...this.rejected },
      lastError: this.lastError,
    };
  }

  start(): void {
    if (this.state !== 'stopped' && this.state !== 'auth_failed') return;
    this.attempt = 0;
    this.lastError = null;
    this.open();
  }

  /** Closes the link (Logoff when possible) and stops reconnecting. Resolves once every received frame was handed over. */
  async stop(): Promise<void> {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const link = this.link;
    this.setState('stopped');
    if (link && !link.closed) {
      if (link.loggedIn) this.write(link, 'Logoff', {});
      const closed = new Promise<void>((resolve) => link.socket?.once('close', () => resolve()) ?? resolve());
      link.socket?.end();
      const timer = setTimeout(() => link.socket?.destroy(), 500);
      await closed;
      clearTimeout(timer);
    }
    await this.whenIdle();
  }

  /**
   * Sends an action on the current link with our own ActionID (returned). Throws when no
   * link is logged in: an action must never be held and replayed on a later link.
   */
  send(action: string, headers: Readonly<Record<string, string>> = {}): string {
    const link = this.link;
    if (!link || !link.loggedIn || link.closed || this.state !== 'connected') {
      throw new Error(`AMI is not connected (state ${this.state})`);
    }
    return this.write(link, action, headers);
  }

  /** Cuts the current link as a network failure would (tests, and a dead heartbeat). */
  dropLink(reason = 'dropped'): void {
    const link = this.link;
    if (link && !link.closed) {
      this.lastError = reason;
      link.socket?.destroy();
    }
  }

  /** Resolves when every frame received so far has been handed to the handler. */
  whenIdle(): Promise<void> {
    if (!this.pumping && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  // ---- link lifecycle ----

  private open(): void {
    this.setState('connecting');
    const id = ++this.linkCounter;
    const manager = createManager(undefined, this.options.host, this.options.username, this.options.secret, true);
    const link: Link = {
      id,
      manager,
      socket: undefined,
      parser: new AmiFrameParser({
        maxFrameBytes: this.options.maxFrameBytes,
        onFrame: (frame) => this.onFrame(link, frame),
        onReject: (reason, detail) => {
          this.rejected[reason]++;
          this.options.onReject?.(reason, detail);
        },
      }),
      loggedIn: false,
      closed: false,
      pingOutstandingSince: null,
      heartbeatTimer: undefined,
      pongTimer: undefined,
      deadlineTimer: undefined,
      batch: [],
      onData: (chunk) => this.onData(link, chunk),
    };
    this.link = link;
    // asterisk-manager keeps its socket private; Node announces every client socket it
    // creates on this channel, synchronously inside createConnection(), so the socket
    // published during connect() below is the Manager's own.
    const capture = (message: unknown) => {
      link.socket ??= (message as { socket: Socket }).socket;
    };
    diagnostics.subscribe('net.client.socket', capture);
    try {
      manager.connect(this.options.port, this.options.host, () => this.onSocketConnected(link));
    } finally {
      diagnostics.unsubscribe('net.client.socket', capture);
    }
    const socket = link.socket as Socket | undefined;
    if (!socket) throw new Error('asterisk-manager did not open a socket (net.client.socket not published)');
    socket.on('data', link.onData);
    socket.on('error', (error: Error) => {
      this.lastError = error.message;
    });
    socket.on('close', () => this.onClose(link));
    link.deadlineTimer = setTimeout(
      () => {
        this.lastError = `no AMI login answer within ${this.options.connectTimeoutMs ?? 10_000} ms`;
        socket.destroy();
      },
      (this.options.connectTimeoutMs ?? 10_000) + (this.options.loginTimeoutMs ?? 10_000),
    );
  }

  private onSocketConnected(link: Link): void {
    if (link.closed || this.link !== link) return;
    // asterisk-manager sends the Login (and marks itself authenticated when it reads the
    // answer, releasing any action we queued meanwhile, in order). We read the same answer
    // in our own parser, in stream order: see onLoginAnswer.
    link.manager.login(() => undefined);
  }

  /**
   * The first response on a link answers its Login. Settled here, at the very place in the
   * stream where it arrives, so the link is "up" before any event Asterisk sends right
   * behind it (with Events: on they may share the same TCP read).
   */
  private onLoginAnswer(link: Link, frame: AmiFrame): void {
    if (link.closed || this.link !== link) return;
    if (link.deadlineTimer) clearTimeout(link.deadlineTimer);
    if (frame.Response !== 'Success') {
      this.lastError = `AMI login refused for user "${this.options.username}": ${frame.Message ?? 'no message'}`;
      this.setState('auth_failed');
      link.socket?.destroy();
      return;
    }
    link.loggedIn = true;
    if (this.options.detachManagerReader ?? true) {
      // Its reader ran before ours on this chunk (it listened first), so it has read the
      // Login answer too: it will still call back and mark itself authenticated.
      for (const listener of link.socket?.listeners('data') ?? []) {
        if (listener !== link.onData) link.socket?.removeListener('data', listener as (...args: unknown[]) => void);
      }
    }
    if (this.everConnected) this.reconnects++;
    this.everConnected = true;
    this.attempt = 0;
    this.setState('connected');
    this.enqueue({ kind: 'up', link: link.id });
    this.startHeartbeat(link);
  }

  private onData(link: Link, chunk: Buffer | string): void {
    link.parser.push(chunk);
    if (link.batch.length > 0) {
      const frames = link.batch;
      link.batch = [];
      this.enqueue({ kind: 'frames', link: link.id, frames, receivedAt: this.clock() });
    }
  }

  private onFrame(link: Link, frame: AmiFrame): void {
    this.lastEventAt = this.clock();
    const actionId = frame.ActionID;
    if (!link.loggedIn) {
      if (frame.Response !== undefined && frame.Event === undefined) this.onLoginAnswer(link, frame);
      return; // nothing before the Login answer is ours to hand over
    }
    // asterisk-manager waits for this response under its ActionID: release that listener.
    if (frame.Response !== undefined && frame.Event === undefined && actionId !== undefined)
      link.manager.removeAllListeners(actionId);
    // Our heartbeat's Pong is settled here, at read time, not behind a slow handler.
    if (
      frame.Response !== undefined &&
      frame.Event === undefined &&
      actionId !== undefined &&
      actionId.startsWith(this.heartbeatPrefix(link))
    ) {
      link.pingOutstandingSince = null;
      if (link.pongTimer) clearTimeout(link.pongTimer);
      link.pongTimer = undefined;
      return;
    }
    link.batch.push(frame);
  }

  private onClose(link: Link): void {
    if (link.closed) return;
    link.closed = true;
    link.parser.end();
    if (link.batch.length > 0) {
      this.enqueue({ kind: 'frames', link: link.id, frames: link.batch, receivedAt: this.clock() });
      link.batch = [];
    }
    if (link.heartbeatTimer) clearInterval(link.heartbeatTimer);
    if (link.pongTimer) clearTimeout(link.pongTimer);
    if (link.deadlineTimer) clearTimeout(link.deadlineTimer);
    link.manager.removeAllListeners();
    link.manager.on('error', () => undefined); // it re-emits socket errors: never unhandled
    const at = this.clock();
    if (link.loggedIn) this.enqueue({ kind: 'down', link: link.id, at, reason: this.lastError ?? 'connection closed' });
    if (this.paused) this.paused = false;
    if (this.link !== link) return;
    if (this.state === 'stopped' || this.state === 'auth_failed') return;
    if (!this.lastError) this.lastError = 'connection closed by Asterisk';
    this.setState('disconnected');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = reconnectDelay(this.attempt, this.backoff, this.random);
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.state === 'disconnected') this.open();
    }, delay);
  }

  private startHeartbeat(link: Link): void {
    link.heartbeatTimer = setInterval(() => {
      if (link.closed || link.pingOutstandingSince !== null) return;
      link.pingOutstandingSince = this.clock();
      this.write(link, 'Ping', {}, `${this.heartbeatPrefix(link)}${++this.actionCounter}`);
      this.armPongDeadline(link);
    }, this.heartbeat.intervalMs);
  }

  private armPongDeadline(link: Link): void {
    if (link.pongTimer) clearTimeout(link.pongTimer);
    link.pongTimer = setTimeout(() => {
      link.pongTimer = undefined;
      if (link.closed || link.pingOutstandingSince === null) return;
      if (this.paused) {
        // We hold the socket paused (backpressure): the Pong waits unread. Not the link's fault.
        this.armPongDeadline(link);
        return;
      }
      this.lastError = `no Pong within ${this.heartbeat.timeoutMs} ms: link considered dead`;
      link.socket?.destroy();
    }, this.heartbeat.timeoutMs);
  }

  private heartbeatPrefix(link: Link): string {
    return `iris-${this.instance}-${link.id}-hb-`;
  }

  private write(link: Link, action: string, headers: Readonly<Record<string, string>>, actionId?: string): string {
    const id = actionId ?? `iris-${this.instance}-${link.id}-${++this.actionCounter}`;
    link.manager.action({ ...headers, action, actionid: id });
    return id;
  }

  private setState(state: AmiConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.since = this.clock();
  }

  // ---- ordered hand-over with backpressure ----

  private enqueue(item: PipelineItem): void {
    this.queue.push(item);
    if (item.kind === 'frames') {
      this.queuedFrames += item.frames.length;
      const limit = this.options.maxQueuedFrames ?? 5000;
      const socket = this.link?.socket;
      if (this.queuedFrames > limit && socket && !this.paused) {
        this.paused = true;
        socket.pause();
      }
    }
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (let item = this.queue.shift(); item !== undefined; item = this.queue.shift()) {
        try {
          if (item.kind === 'up') await this.options.handler.onLinkUp(item.link);
          else if (item.kind === 'down') await this.options.handler.onLinkDown(item.link, item.at, item.reason);
          else {
            this.queuedFrames -= item.frames.length;
            await this.options.handler.onFrames(item.frames, item.receivedAt, item.link);
          }
        } catch (error) {
          // A failing handler must not stop the stream: it is reported, the next item goes on.
          this.lastError = `handler failed: ${error instanceof Error ? error.message : String(error)}`;
        }
        if (this.paused && this.queuedFrames <= (this.options.maxQueuedFrames ?? 5000) / 2) {
          this.paused = false;
          this.link?.socket?.resume();
        }
      }
    } finally {
      this.pumping = false;
      for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }
}
