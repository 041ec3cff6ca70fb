import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import type {
  AgentMode,
  ClientToServerEvents,
  PatchMessage,
  RoomName,
  ServerToClientEvents,
  SnapshotMessage,
  SocketErrorMessage,
} from '@iris/shared';
import { RoomSync } from './state/room-sync.js';

type IrisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Called with a room's whole state each time it changes; `fresh` is true for a snapshot. */
export type RoomListener = (state: object, fresh: boolean) => void;
export type ModeResult = Parameters<ServerToClientEvents['agent:mode-result']>[0];

interface Room {
  readonly sync: RoomSync<object>;
  readonly listeners: Set<RoomListener>;
  error: SocketErrorMessage | null;
}

/**
 * The one live connection to the server. Opened and closed explicitly (after sign-in,
 * on sign-out); socket.io reconnects by itself, and on every (re)connect each subscribed
 * room is joined again and takes a fresh snapshot, so numbers come back right.
 */
export class LiveSocket {
  /** True while the socket is connected. */
  connected = $state(false);
  /** When the feed was lost (epoch ms), null while it flows. */
  interruptedSince = $state<number | null>(null);
  /** When the feed last came back after an interruption. */
  restoredAt = $state<number | null>(null);
  /** Errors of joins refused by the server, per room (e.g. a role check). */
  roomErrors = $state.raw<Readonly<Record<string, SocketErrorMessage>>>({});

  #socket: IrisSocket | null = null;
  // Bookkeeping of subscriptions, never rendered: plain collections, not reactive ones.
  /* eslint-disable svelte/prefer-svelte-reactivity */
  #rooms = new Map<RoomName, Room>();
  #modeListeners = new Set<(result: ModeResult) => void>();
  /* eslint-enable svelte/prefer-svelte-reactivity */

  /** `url` defaults to the page's own origin (the server serves the dashboard). */
  open(url?: string): void {
    if (this.#socket) return;
    // WebSocket only: no long-polling, so replicas behind a load balancer need no sticky sessions.
    const options = { autoConnect: false, withCredentials: true, transports: ['websocket'] };
    const socket: IrisSocket = url === undefined ? io(options) : io(url, options);
    socket.on('connect', () => this.#onConnect());
    socket.on('disconnect', (reason) => {
      this.connected = false;
      this.interruptedSince ??= Date.now();
      // The server closed us on purpose (restart, expired session): socket.io will not retry by itself.
      if (reason === 'io server disconnect') setTimeout(() => this.#socket === socket && socket.connect(), 2000);
    });
    socket.on('connect_error', () => {
      this.interruptedSince ??= Date.now();
    });
    socket.on('snapshot', (message) => this.#onSnapshot(message));
    socket.on('patch', (message) => this.#onPatch(message));
    socket.on('agent:mode-result', (result) => {
      for (const listener of this.#modeListeners) listener(result);
    });
    this.#socket = socket;
    globalThis.addEventListener?.('offline', this.#onBrowserOffline);
    globalThis.addEventListener?.('online', this.#onBrowserOnline);
    socket.connect();
  }

  // The browser knows at once when the network is gone; socket.io would wait for a ping
  // timeout (tens of seconds) before saying so. Drop the socket now, reconnect when back.
  #onBrowserOffline = (): void => {
    if (!this.#socket?.connected) return;
    this.#socket.disconnect();
    this.connected = false;
    this.interruptedSince ??= Date.now();
  };

  #onBrowserOnline = (): void => {
    if (this.#socket && !this.#socket.connected) this.#socket.connect();
  };

  close(): void {
    globalThis.removeEventListener?.('offline', this.#onBrowserOffline);
    globalThis.removeEventListener?.('online', this.#onBrowserOnline);
    this.#socket?.disconnect();
    this.#socket = null;
    this.#rooms.clear();
    this.connected = false;
    this.interruptedSince = null;
    this.restoredAt = null;
    this.roomErrors = {};
  }

  /** Follows a room: the listener gets the current state (if any) now and after every change. */
  subscribe(room: RoomName, listener: RoomListener): () => void {
    let entry = this.#rooms.get(room);
    if (!entry) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- listeners are not rendered
      entry = { sync: new RoomSync<object>(), listeners: new Set(), error: null };
      this.#rooms.set(room, entry);
      if (this.#socket?.connected) this.#join(room);
    }
    entry.listeners.add(listener);
    if (entry.sync.state) listener(entry.sync.state, true);
    return () => {
      const current = this.#rooms.get(room);
      if (!current) return;
      current.listeners.delete(listener);
      if (current.listeners.size === 0) {
        this.#rooms.delete(room);
        this.#socket?.emit('leave', room, () => undefined);
      }
    };
  }

  onModeResult(listener: (result: ModeResult) => void): () => void {
    this.#modeListeners.add(listener);
    return () => this.#modeListeners.delete(listener);
  }

  /** Asks for a mode change; resolves once the server accepted the request (Asterisk confirms later). */
  setMode(agentId: string, mode: AgentMode): Promise<void> {
    const socket = this.#socket;
    if (!socket?.connected) return Promise.reject(new Error('OFFLINE'));
    return new Promise((resolve, reject) => {
      socket.emit('agent:set-mode', { agentId, mode }, (response) => {
        if (response.ok) resolve();
        else reject(Object.assign(new Error(response.error.message), { code: response.error.code }));
      });
    });
  }

  #onConnect(): void {
    this.connected = true;
    if (this.interruptedSince !== null) this.restoredAt = Date.now();
    this.interruptedSince = null;
    for (const [room, entry] of this.#rooms) {
      entry.sync.expectSnapshot();
      this.#join(room);
    }
  }

  #join(room: RoomName): void {
    this.#socket?.emit('join', room, (response) => this.#onRoomAck(room, response));
  }

  #resync(room: RoomName): void {
    this.#socket?.emit('resync', room, (response) => this.#onRoomAck(room, response));
  }

  /** A join/resync answer may carry the snapshot itself, or the server sends it as an event. */
  #onRoomAck(room: RoomName, response: Parameters<Parameters<ClientToServerEvents['join']>[1]>[0]): void {
    if (!response.ok) {
      this.roomErrors = { ...this.roomErrors, [room]: response.error };
      return;
    }
    if (room in this.roomErrors) {
      const { [room]: _cleared, ...rest } = this.roomErrors;
      this.roomErrors = rest;
    }
    if (isSnapshot(response.data, room)) this.#onSnapshot(response.data);
  }

  #onSnapshot(message: SnapshotMessage): void {
    const entry = this.#rooms.get(message.room);
    if (!entry) return;
    if (entry.sync.snapshot(message as SnapshotMessage<object>) === 'applied') this.#notify(entry, true);
  }

  #onPatch(message: PatchMessage): void {
    const entry = this.#rooms.get(message.room);
    if (!entry) return;
    const outcome = entry.sync.patch(message as PatchMessage<object>);
    if (outcome === 'applied') this.#notify(entry, false);
    else if (outcome === 'resync') this.#resync(message.room);
  }

  #notify(entry: Room, fresh: boolean): void {
    const state = entry.sync.state;
    if (!state) return;
    for (const listener of entry.listeners) listener(state, fresh);
  }
}

function isSnapshot(data: unknown, room: RoomName): data is SnapshotMessage {
  if (typeof data !== 'object' || data === null) return false;
  const candidate = data as Partial<SnapshotMessage>;
  return candidate.room === room && typeof candidate.seq === 'number' && typeof candidate.state === 'object';
}

export const liveSocket = new LiveSocket();
