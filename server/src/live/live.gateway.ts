import { Inject, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  IrisError,
  type AgentMode,
  type ClientToServerEvents,
  type PatchMessage,
  type RoomName,
  type ServerToClientEvents,
  type SnapshotMessage,
  type SocketErrorMessage,
} from '@iris/shared';
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import { AgentModeService } from '../agents/agent-mode.service.js';
import { canActOnAgent, canJoinRoom, parseRoomName, type Principal } from '../auth/access-rules.js';
import { AuthService } from '../auth/auth.service.js';
import { readCookie } from '../auth/session-cookie.js';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { Clock } from '../health/clock.js';
import { IRIS_LOGGER } from '../logging/logger.js';
import { LiveStateService, roomConcerned, type RoomState } from './live-state.service.js';
import { systemTimer } from './room-coalescer.js';
import { RoomFeed } from './room-feed.js';
import { TELEPHONY_LINK, type TelephonyLink } from './telephony-link.js';

interface InterServerEvents {
  /** Another replica changed an agent's pending mode: refresh that agent's rooms here too. */
  'iris:agent-changed': (agentId: string) => void;
}

interface SocketData {
  user: Principal & { displayName: string };
  sessionId: string;
  /** Rooms whose patches this socket missed (it was too slow): it gets a fresh snapshot on drain. */
  staleRooms: Set<RoomName>;
}

type IrisServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type IrisSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type AckResponse = { ok: true; data?: unknown } | { ok: false; error: SocketErrorMessage };

/** Rolling KPI windows move with time even without events: rooms are re-read this often. */
export const LIVE_REFRESH_MS = 15_000;

/**
 * A socket whose outgoing buffer holds more than this many packets is "slow": it is skipped
 * for patches (the others are not held back) and gets a fresh snapshot once it has drained.
 */
export const SLOW_SOCKET_BACKLOG = 16;

/**
 * The live feed. Sockets authenticate with the session cookie at the handshake; each room
 * (supervisor, queue:<name>, agent:<id>) checks the role on join, sends a snapshot with its
 * seq, then coalesced patches with consecutive seq numbers.
 */
@WebSocketGateway({ path: '/socket.io', serveClient: false, maxHttpBufferSize: 64 * 1024 })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  @WebSocketServer() server!: IrisServer;

  private readonly feeds = new Map<RoomName, RoomFeed<RoomState>>();
  /** Joins in progress per room: their feed must not be dropped before the socket is in. */
  private readonly joining = new Map<RoomName, number>();
  private readonly cleanups: Array<() => void> = [];

  constructor(
    @Inject(LiveStateService) private readonly live: LiveStateService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AgentModeService) private readonly modes: AgentModeService,
    @Inject(TELEPHONY_LINK) private readonly link: TelephonyLink,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(IRIS_CONFIG) private readonly config: IrisConfig,
    @Inject(IRIS_LOGGER) private readonly logger: Logger,
  ) {}

  afterInit(server: IrisServer): void {
    server.use((socket, next) => {
      void this.authenticate(socket as IrisSocket).then(
        () => next(),
        (error: unknown) =>
          next(
            Object.assign(new Error(error instanceof IrisError ? error.code : 'UNAUTHENTICATED'), {
              data: toSocketError(error),
            }),
          ),
      );
    });
    this.cleanups.push(
      this.live.subscribe((change) => {
        for (const [room, feed] of this.feeds) if (roomConcerned(room, change)) feed.changed();
      }),
      this.link.onChange(() => this.feeds.get('supervisor')?.changed()),
      this.modes.onResult((result) => {
        // Through the Redis adapter: the agent's sockets on every replica hear it.
        this.server.to(`agent:${result.agentId}`).emit('agent:mode-result', result);
      }),
      this.modes.onPendingChange((agentId) => {
        this.agentChanged(agentId);
        this.server.serverSideEmit('iris:agent-changed', agentId);
      }),
    );
    server.on('iris:agent-changed', (agentId: string) => this.agentChanged(agentId));
    const refresh = setInterval(() => {
      for (const [room, feed] of this.feeds) if (!room.startsWith('agent:')) feed.changed();
    }, LIVE_REFRESH_MS);
    refresh.unref();
    this.cleanups.push(() => clearInterval(refresh));
  }

  handleConnection(socket: IrisSocket): void {
    socket.conn.on('drain', () => this.resendStale(socket));
  }

  handleDisconnect(): void {
    // Socket.io has already removed the socket from its rooms: drop feeds nobody watches here.
    queueMicrotask(() => this.dropUnwatchedFeeds());
  }

  onModuleDestroy(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const feed of this.feeds.values()) feed.dispose();
    this.feeds.clear();
  }

  /** Sockets connected to this replica. */
  connectedClients(): number {
    return this.server?.of('/').sockets.size ?? 0;
  }

  /** Sockets of this replica per room (for /metrics). */
  clientsByRoom(): Record<string, number> {
    const counts: Record<string, number> = {};
    const rooms = this.server?.of('/').adapter.rooms;
    for (const room of this.feeds.keys()) counts[room] = rooms?.get(room)?.size ?? 0;
    return counts;
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: IrisSocket, @MessageBody() rawRoom: unknown): Promise<AckResponse> {
    return answer(async () => {
      const room = await this.authorizeRoom(socket, rawRoom);
      const seq = await this.sendSnapshot(socket, room, true);
      return { room, seq };
    });
  }

  @SubscribeMessage('resync')
  async resync(@ConnectedSocket() socket: IrisSocket, @MessageBody() rawRoom: unknown): Promise<AckResponse> {
    return answer(async () => {
      const room = await this.authorizeRoom(socket, rawRoom);
      const seq = await this.sendSnapshot(socket, room, true);
      return { room, seq };
    });
  }

  @SubscribeMessage('leave')
  async leave(@ConnectedSocket() socket: IrisSocket, @MessageBody() rawRoom: unknown): Promise<AckResponse> {
    return answer(async () => {
      const room = parseRoomName(rawRoom);
      if (!room) throw new IrisError('ROOM_INVALID', `Salle inconnue ${JSON.stringify(rawRoom)}.`);
      await socket.leave(room);
      socket.data.staleRooms.delete(room);
      this.dropUnwatchedFeeds();
      return { room };
    });
  }

  @SubscribeMessage('agent:set-mode')
  async setMode(@ConnectedSocket() socket: IrisSocket, @MessageBody() request: unknown): Promise<AckResponse> {
    return answer(async () => {
      const { agentId, mode } = (request ?? {}) as { agentId?: unknown; mode?: unknown };
      if (typeof agentId !== 'string' || agentId === '') throw new IrisError('VALIDATION_FAILED', 'agentId manquant.');
      const user = await this.currentUser(socket);
      if (!canActOnAgent(user, agentId)) {
        throw new IrisError(
          'FORBIDDEN',
          `Vous ne pouvez changer que votre propre mode (agent ${user.agentId ?? 'aucun'}).`,
        );
      }
      return this.modes.requestMode(agentId, mode as AgentMode, user.username);
    });
  }

  private async authenticate(socket: IrisSocket): Promise<void> {
    const sessionId = readCookie(socket.request.headers.cookie);
    const user = await this.auth.authenticate(sessionId);
    if (!user || !sessionId) throw new IrisError('UNAUTHENTICATED', 'Connectez-vous pour recevoir le direct.');
    socket.data.user = {
      username: user.username,
      roles: user.roles,
      agentId: user.agentId,
      displayName: user.displayName,
    };
    socket.data.sessionId = sessionId;
    socket.data.staleRooms = new Set();
  }

  /** Re-reads the session: a signed-out or deleted user, or a role removed, counts at once. */
  private async currentUser(socket: IrisSocket): Promise<Principal> {
    const user = await this.auth.authenticate(socket.data.sessionId);
    if (!user) {
      socket.disconnect(true);
      throw new IrisError('UNAUTHENTICATED', 'Session expirée : reconnectez-vous.');
    }
    socket.data.user = {
      username: user.username,
      roles: user.roles,
      agentId: user.agentId,
      displayName: user.displayName,
    };
    return socket.data.user;
  }

  private async authorizeRoom(socket: IrisSocket, rawRoom: unknown): Promise<RoomName> {
    const room = parseRoomName(rawRoom);
    if (!room)
      throw new IrisError(
        'ROOM_INVALID',
        `Salle inconnue ${JSON.stringify(rawRoom)} : supervisor, queue:<file> ou agent:<id>.`,
      );
    const user = await this.currentUser(socket);
    if (!canJoinRoom(user, room)) throw new IrisError('FORBIDDEN', `Accès refusé à « ${room} » pour ${user.username}.`);
    return room;
  }

  /** Joins the socket to the room and sends the snapshot under the room's lock; returns its seq. */
  private async sendSnapshot(socket: IrisSocket, room: RoomName, join: boolean): Promise<number> {
    const feed = this.feedFor(room);
    this.joining.set(room, (this.joining.get(room) ?? 0) + 1);
    try {
      return await feed.snapshot((snapshot) => {
        if (join) void socket.join(room);
        socket.data.staleRooms.delete(room);
        socket.emit('snapshot', this.withServerTime(snapshot));
        return snapshot.seq;
      });
    } finally {
      const left = (this.joining.get(room) ?? 1) - 1;
      if (left > 0) this.joining.set(room, left);
      else this.joining.delete(room);
      this.dropUnwatchedFeeds();
    }
  }

  private withServerTime(snapshot: SnapshotMessage<RoomState>): SnapshotMessage {
    const state = 'serverTime' in snapshot.state ? { ...snapshot.state, serverTime: this.clock.now() } : snapshot.state;
    return { ...snapshot, state };
  }

  private feedFor(room: RoomName): RoomFeed<RoomState> {
    let feed = this.feeds.get(room);
    if (!feed) {
      feed = new RoomFeed<RoomState>({
        room,
        maxPerSecond: this.config.patchMaxPerSecond,
        timer: systemTimer,
        read: () => this.live.roomState(room, this.clock.now()),
        emitPatch: (message) => this.emitPatch(message),
        onError: (error) => this.logger.warn({ room, err: error }, 'live room read failed; retrying'),
      });
      this.feeds.set(room, feed);
    }
    return feed;
  }

  /**
   * Sends a patch to this replica's sockets in the room (socket.io encodes it once), except
   * slow ones: a socket whose buffer is backed up is skipped and marked stale, so one slow
   * browser never grows memory without bound nor delays the others; it gets a fresh snapshot
   * once it has drained (or when it sees the seq gap and asks for resync).
   */
  private emitPatch(message: PatchMessage<RoomState>): void {
    const namespace = this.server.of('/');
    const members = namespace.adapter.rooms.get(message.room);
    if (!members || members.size === 0) return;
    const skipped: string[] = [];
    for (const id of members) {
      const socket = namespace.sockets.get(id) as IrisSocket | undefined;
      if (!socket) continue;
      if (socket.data.staleRooms.has(message.room) || backlog(socket) > SLOW_SOCKET_BACKLOG) {
        socket.data.staleRooms.add(message.room);
        skipped.push(id);
      }
    }
    const target =
      skipped.length > 0 ? this.server.local.to(message.room).except(skipped) : this.server.local.to(message.room);
    target.emit('patch', message as PatchMessage);
  }

  private resendStale(socket: IrisSocket): void {
    for (const room of [...socket.data.staleRooms]) {
      if (!socket.rooms.has(room)) {
        socket.data.staleRooms.delete(room);
        continue;
      }
      void this.sendSnapshot(socket, room, false).catch((error: unknown) =>
        this.logger.warn({ room, err: error }, 'stale socket resync failed'),
      );
    }
  }

  private agentChanged(agentId: string): void {
    this.feeds.get(`agent:${agentId}`)?.changed();
    this.feeds.get('supervisor')?.changed();
  }

  private dropUnwatchedFeeds(): void {
    const rooms = this.server.of('/').adapter.rooms;
    for (const [room, feed] of this.feeds) {
      if (!rooms.get(room)?.size && !this.joining.has(room)) {
        feed.dispose();
        this.feeds.delete(room);
      }
    }
  }
}

/** Packets waiting in engine.io's buffer for this socket (not yet handed to the transport). */
function backlog(socket: IrisSocket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}

async function answer(task: () => Promise<unknown>): Promise<AckResponse> {
  try {
    return { ok: true, data: await task() };
  } catch (error) {
    return { ok: false, error: toSocketError(error) };
  }
}

export function toSocketError(error: unknown): SocketErrorMessage {
  if (error instanceof IrisError) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'Erreur interne du serveur.' };
}
