import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DomainEvent, PatchMessage, RoomName, SnapshotMessage, UserRole } from '@iris/shared';
import { applyPatch } from '@iris/shared';
import { io, type Socket } from 'socket.io-client';
import { createIrisApp, type IrisApp } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/config/iris-config.js';
import { UsersService } from '../../src/users/users.service.js';

/** Loosely typed JSON for assertions on what the server sent. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A unique key prefix per test app (suites share one redis-server). */
export function testPrefix(): string {
  return `test:${randomBytes(4).toString('hex')}:`;
}

/** Boots the real app on a free port against the run's real Redis. */
export async function bootApp(env: Record<string, string> = {}): Promise<IrisApp> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl)
    throw new Error('REDIS_URL is not set: run through jest.e2e.config.mjs (its globalSetup starts redis-server)');
  const config = loadConfig({
    REDIS_URL: redisUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    IRIS_KEY_PREFIX: testPrefix(),
    AMI_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    DASHBOARD_DIR: mkdtempSync(path.join(os.tmpdir(), 'iris-no-dashboard-')),
    ...env,
  });
  return createIrisApp(config, { shutdownHooks: false });
}

export async function createUser(
  app: IrisApp,
  username: string,
  roles: UserRole[],
  agentId: string | null = null,
  password = 'motdepasse-e2e',
): Promise<void> {
  await app.app.get(UsersService).create({ username, password, displayName: username, roles, agentId, service: null });
}

/** Signs in through the REST API; returns the session cookie ("iris_session=..."). */
export async function login(url: string, username: string, password = 'motdepasse-e2e'): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

export async function api(
  url: string,
  cookie: string | null,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

type Ack = { ok: true; data?: Json } | { ok: false; error: { code: string; message: string } };

/**
 * A real socket.io client with the session cookie, keeping per room the state rebuilt from
 * snapshot + patches, and every message received in order.
 */
export class LiveClient {
  readonly socket: Socket;
  readonly messages: Array<{ kind: 'snapshot'; message: SnapshotMessage } | { kind: 'patch'; message: PatchMessage }> =
    [];
  readonly states = new Map<RoomName, { seq: number; state: Json }>();
  readonly gaps: Array<{ room: RoomName; expected: number; got: number }> = [];
  readonly modeResults: unknown[] = [];
  private waiters: Array<() => void> = [];

  constructor(url: string, cookie: string | null, options: { autoResync?: boolean } = {}) {
    this.socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie } : {},
      autoConnect: false,
      reconnection: false,
    });
    this.socket.on('snapshot', (message: SnapshotMessage) => {
      this.messages.push({ kind: 'snapshot', message });
      this.states.set(message.room, { seq: message.seq, state: message.state });
      this.wake();
    });
    this.socket.on('patch', (message: PatchMessage) => {
      this.messages.push({ kind: 'patch', message });
      const current = this.states.get(message.room);
      if (current && message.seq === current.seq + 1) {
        this.states.set(message.room, { seq: message.seq, state: applyPatch(current.state, message.patch as object) });
      } else if (current) {
        this.gaps.push({ room: message.room, expected: current.seq + 1, got: message.seq });
        if (options.autoResync) void this.request('resync', message.room);
      }
      this.wake();
    });
    this.socket.on('agent:mode-result', (result: unknown) => {
      this.modeResults.push(result);
      this.wake();
    });
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error) => reject(error));
      this.socket.connect();
    });
  }

  request(event: 'join' | 'leave' | 'resync', room: string): Promise<Ack>;
  request(event: 'agent:set-mode', payload: { agentId: string; mode: string }): Promise<Ack>;
  request(event: string, payload: unknown): Promise<Ack> {
    return new Promise((resolve) => this.socket.emit(event as 'join', payload as RoomName, (ack: Ack) => resolve(ack)));
  }

  /** Waits (bounded by the test timeout) until the predicate holds on what was received. */
  async until(predicate: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  state(room: RoomName): Json {
    return this.states.get(room)?.state;
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

export const MEMBER_STATUS = {
  deviceState: 'not_in_use',
  paused: false,
  pausedReason: '',
  inCall: false,
  callsTaken: 0,
  lastCallAt: 0,
  penalty: 0,
  membership: 'static',
} as const;

/** A member joining a queue (what the bridge would ingest from QueueMemberAdded). */
export function memberAdded(queue: string, extension: string, at: number): DomainEvent {
  return {
    id: `e2e:member:${queue}:${extension}`,
    type: 'member.added',
    v: 1,
    at,
    source: 'ami',
    data: {
      queue,
      agent: { interface: `Local/${extension}@agents/n`, name: `Agent ${extension}` },
      status: MEMBER_STATUS,
    },
  };
}

/** A caller entering a queue. */
export function callQueued(queue: string, callId: string, at: number): DomainEvent {
  return {
    id: `e2e:${callId}:${queue}:join`,
    type: 'call.queued',
    v: 1,
    at,
    source: 'ami',
    data: { callId, linkedId: callId, queue, callerNumber: '+33146001122', callerName: null, position: 1 },
  };
}

export function callAbandoned(queue: string, callId: string, at: number, waitSeconds: number): DomainEvent {
  return {
    id: `e2e:${callId}:${queue}:abandon`,
    type: 'call.abandoned',
    v: 1,
    at,
    source: 'ami',
    data: { callId, linkedId: callId, queue, waitSeconds, position: 1 },
  };
}
