/**
 * A TCP server speaking the Asterisk Manager Interface as Asterisk 23 does (protocol
 * 12.0.0): banner, Login (a failed one is answered after 1 s and the socket closed),
 * Events, Ping, Logoff, and the queue actions delegated to a backend. Field names, order
 * and wording follow fixtures/ami-captures.
 */
import net from 'node:net';
import { AmiActionReader, actionResponse, formatAmiMessage, type AmiAction, type AmiFields } from './ami-message.js';
import { eventTv, failedAuthEvent, fullyBooted, listComplete, successfulAuth } from './ami-event-builders.js';
import type { ActionOutcome } from './call-center.model.js';

export const AMI_BANNER = 'Asterisk Call Manager/12.0.0';
/** Asterisk sleeps this long before answering a failed login. */
export const FAILED_LOGIN_DELAY_MS = 1000;

export interface AmiSession {
  readonly id: string;
  readonly socket: net.Socket;
  authenticated: boolean;
  eventsOn: boolean;
  /** A half-open link: nothing read, nothing sent, socket kept open. */
  stalled: boolean;
  send(text: string): boolean;
}

/** What the server asks of whatever produces the traffic (the call-centre model, or a capture replay). */
export interface AmiBackend {
  /** A capture replay sends the recorded FullyBooted/SuccessfulAuth itself. */
  readonly replaysGreeting?: boolean;
  uptimeSeconds(): number;
  queueStatusItems(actionId: string | undefined, queue?: string, member?: string): AmiFields[];
  queueSummaryItems(actionId: string | undefined, queue?: string): AmiFields[];
  pause(queue: string | undefined, iface: string, paused: boolean, reason: string): ActionOutcome;
  addMember(
    queue: string,
    iface: string,
    name: string | undefined,
    stateInterface: string | undefined,
    penalty: number,
    paused: boolean,
    reason: string,
  ): ActionOutcome;
  removeMember(queue: string, iface: string): ActionOutcome;
  /** Called once a session logged in, after its login response and greeting events. */
  sessionReady?(session: AmiSession): void;
  /** Lets a backend answer an action itself (replay: QueueStatus from the capture). Returns true when handled. */
  interceptAction?(session: AmiSession, action: AmiAction): boolean;
}

export interface AmiServerOptions {
  readonly host?: string;
  readonly port?: number;
  readonly username: string;
  readonly secret: string;
  /** Wall clock for EventTV and Ping timestamps. */
  readonly now?: () => number;
}

export class AmiServer {
  private readonly server: net.Server;
  private readonly sessions = new Set<AmiSession>();
  private sessionCounter = 0;
  private accepted = 0;
  private readonly drainWaiters: Array<() => void> = [];
  private readonly now: () => number;

  constructor(
    private readonly options: AmiServerOptions,
    private readonly backend: AmiBackend,
  ) {
    this.now = options.now ?? Date.now;
    this.server = net.createServer((socket) => this.accept(socket));
  }

  listen(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        const address = this.server.address() as net.AddressInfo;
        resolve({ host: address.address, port: address.port });
      });
    });
  }

  /** Sends an event to every logged-in session with events on (as Asterisk does for read=all users). */
  broadcast(fields: AmiFields): void {
    const text = formatAmiMessage(fields);
    for (const session of this.sessions) {
      if (session.authenticated && session.eventsOn) session.send(text);
    }
  }

  /** True when some client has more unread bytes queued than its socket's high-water mark. */
  congested(): boolean {
    for (const session of this.sessions) if (!session.stalled && session.socket.writableNeedDrain) return true;
    return false;
  }

  /** Resolves when no session is congested any more (a slow client paces the simulation instead of filling memory). */
  whenDrained(): Promise<void> {
    if (!this.congested()) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Cuts every client connection at once, as a network failure would. */
  dropConnections(): number {
    const count = this.sessions.size;
    for (const session of [...this.sessions]) session.socket.destroy();
    return count;
  }

  /** Every current client stops hearing from us and being heard, its TCP link left open (a dead peer that sent no FIN). */
  stallConnections(): number {
    for (const session of this.sessions) {
      session.stalled = true;
      session.socket.pause();
    }
    this.releaseDrainWaiters();
    return this.sessions.size;
  }

  authenticatedSessions(): number {
    let count = 0;
    for (const session of this.sessions) if (session.authenticated) count++;
    return count;
  }

  async close(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.releaseDrainWaiters();
  }

  /** TCP connections accepted since start. */
  connectionsAccepted(): number {
    return this.accepted;
  }

  private accept(socket: net.Socket): void {
    this.accepted++;
    socket.setNoDelay(true);
    const session: AmiSession = {
      id: `0x7f${(0x4204000ee0 + this.sessionCounter++ * 0x10).toString(16)}`,
      socket,
      authenticated: false,
      eventsOn: true,
      stalled: false,
      send: (text) => (socket.writable && !session.stalled ? socket.write(text) : false),
    };
    this.sessions.add(session);
    socket.setEncoding('utf8');
    const reader = new AmiActionReader((action) => this.handle(session, action));
    socket.on('data', (chunk: string) => reader.push(chunk));
    socket.on('drain', () => this.releaseDrainWaiters());
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sessions.delete(session);
      this.releaseDrainWaiters();
    });
    session.send(`${AMI_BANNER}\r\n`);
  }

  private releaseDrainWaiters(): void {
    if (this.congested() && this.sessions.size > 0) return;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private handle(session: AmiSession, action: AmiAction): void {
    const id = action.actionId;
    if (action.name === 'login') return this.login(session, action);
    if (action.name === 'logoff') {
      session.send(actionResponse('Goodbye', id, 'Thanks for all the fish.'));
      session.socket.end();
      return;
    }
    if (!session.authenticated) {
      session.send(actionResponse('Error', id, 'Permission denied'));
      return;
    }
    if (this.backend.interceptAction?.(session, action)) return;
    switch (action.name) {
      case 'ping':
        session.send(
          formatAmiMessage([
            ['Response', 'Success'],
            ...actionIdField(id),
            ['Ping', 'Pong'],
            ['Timestamp', (this.now() / 1000).toFixed(6)],
          ]),
        );
        return;
      case 'events': {
        const mask = (action.get('EventMask') ?? 'on').trim().toLowerCase();
        session.eventsOn = mask !== 'off' && mask !== 'no' && mask !== 'false';
        session.send(
          formatAmiMessage([
            ['Response', 'Success'],
            ...actionIdField(id),
            ['Events', session.eventsOn ? 'On' : 'Off'],
          ]),
        );
        return;
      }
      case 'queuestatus': {
        const items = this.backend.queueStatusItems(
          id,
          action.get('Queue') || undefined,
          action.get('Member') || undefined,
        );
        this.sendList(session, id, 'Queue status will follow', items, 'QueueStatusComplete');
        return;
      }
      case 'queuesummary': {
        const items = this.backend.queueSummaryItems(id, action.get('Queue') || undefined);
        this.sendList(session, id, 'Queue summary will follow', items, 'QueueSummaryComplete');
        return;
      }
      case 'queuepause': {
        const iface = action.get('Interface');
        const paused = action.flag('Paused');
        if (!iface || paused === undefined) {
          session.send(actionResponse('Error', id, "Need 'Interface' and 'Paused' parameters."));
          return;
        }
        this.answer(
          session,
          id,
          this.backend.pause(action.get('Queue') || undefined, iface, paused, action.get('Reason') ?? ''),
        );
        return;
      }
      case 'queueadd': {
        const queue = action.get('Queue');
        const iface = action.get('Interface');
        if (!queue || !iface) {
          session.send(actionResponse('Error', id, "'Queue' and 'Interface' not specified."));
          return;
        }
        const penalty = Number.parseInt(action.get('Penalty') ?? '0', 10);
        this.answer(
          session,
          id,
          this.backend.addMember(
            queue,
            iface,
            action.get('MemberName') || undefined,
            action.get('StateInterface') || undefined,
            Number.isFinite(penalty) ? penalty : 0,
            action.flag('Paused') ?? false,
            action.get('Reason') ?? '',
          ),
        );
        return;
      }
      case 'queueremove': {
        const queue = action.get('Queue');
        const iface = action.get('Interface');
        if (!queue || !iface) {
          session.send(actionResponse('Error', id, 'Need queue and interface parameters.'));
          return;
        }
        this.answer(session, id, this.backend.removeMember(queue, iface));
        return;
      }
      default:
        session.send(actionResponse('Error', id, 'Invalid/unknown command'));
    }
  }

  /** The response goes to the asking session first, then the events to everyone (as in pause-unpause). */
  private answer(session: AmiSession, id: string | undefined, outcome: ActionOutcome): void {
    session.send(actionResponse(outcome.ok ? 'Success' : 'Error', id, outcome.message));
    for (const event of outcome.events) this.broadcast(event);
  }

  private sendList(
    session: AmiSession,
    id: string | undefined,
    message: string,
    items: AmiFields[],
    completeEvent: string,
  ): void {
    let text = formatAmiMessage([
      ['Response', 'Success'],
      ...actionIdField(id),
      ['EventList', 'start'],
      ['Message', message],
    ]);
    for (const item of items) text += formatAmiMessage(item);
    text += formatAmiMessage(listComplete(completeEvent, id, items.length));
    session.send(text);
  }

  private login(session: AmiSession, action: AmiAction): void {
    const id = action.actionId;
    const username = action.get('Username') ?? '';
    const good = username === this.options.username && action.get('Secret') === this.options.secret;
    const address = session.socket.address() as net.AddressInfo;
    const localPort = address.port ?? 5038;
    const remotePort = session.socket.remotePort ?? 0;
    if (!good) {
      const event = username === this.options.username ? 'InvalidPassword' : 'InvalidAccountID';
      this.broadcast(failedAuthEvent(event, username, session.id, eventTv(this.now()), localPort, remotePort));
      setTimeout(() => {
        session.send(actionResponse('Error', id, 'Authentication failed'));
        session.socket.end();
      }, FAILED_LOGIN_DELAY_MS);
      return;
    }
    const events = (action.get('Events') ?? 'on').trim().toLowerCase();
    session.eventsOn = events !== 'off' && events !== 'no' && events !== 'false';
    session.authenticated = true;
    let text = actionResponse('Success', id, 'Authentication accepted');
    if (session.eventsOn && !this.backend.replaysGreeting) {
      text += formatAmiMessage(fullyBooted(this.backend.uptimeSeconds()));
      text += formatAmiMessage(successfulAuth(username, session.id, eventTv(this.now()), localPort, remotePort));
    }
    session.send(text);
    this.backend.sessionReady?.(session);
  }
}

function actionIdField(id: string | undefined): Array<readonly [string, string]> {
  return id === undefined ? [] : [['ActionID', id]];
}
