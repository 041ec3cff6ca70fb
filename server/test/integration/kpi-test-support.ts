import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Test } from '@nestjs/testing';
import type { DomainEvent, MemberRef } from '@iris/shared';
import { StoreModule } from '../../src/redis/store.module.js';
import type { StoreOptions } from '../../src/redis/store-options.js';

/** Repo root computed from this file (server/test/integration -> repo root). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const capturesDir = path.resolve(repoRoot, 'fixtures/ami-captures');

export function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: run through `npm run test:integration -w server`');
  return url;
}

/** A key prefix of its own, so suites sharing the Redis never see each other's keys. */
export function testPrefix(): string {
  return `test:${randomUUID().slice(0, 8)}:`;
}

export function storeOptions(overrides: Partial<StoreOptions> = {}): StoreOptions {
  return {
    redisUrl: redisUrl(),
    keyPrefix: testPrefix(),
    shortAbandonSeconds: 5,
    defaultServiceLevelSeconds: 20,
    runProjector: false,
    ...overrides,
  };
}

export async function storeApp(options: StoreOptions) {
  const moduleRef = await Test.createTestingModule({ imports: [StoreModule.forRoot(options)] }).compile();
  await moduleRef.init();
  return moduleRef;
}

const AGENT: MemberRef = { interface: 'Local/1001@agents/n', name: 'Agent 1001' };

/** Hand-made queue-call events with deterministic ids. */
export function callEvents(
  queue: string,
  callId: string,
  joinedAt: number,
  outcome:
    | { kind: 'answered'; waitSeconds: number; talkSeconds: number; agent?: MemberRef; serviceLevelSeconds?: number }
    | { kind: 'abandoned' | 'timed_out' | 'exited'; waitSeconds: number },
  linkedId = callId,
): DomainEvent[] {
  const ref = { callId, linkedId, queue };
  const id = (kind: string) => `test:${callId}:${queue}:${kind}`;
  const leftAt = joinedAt + outcome.waitSeconds * 1000;
  const events: DomainEvent[] = [
    {
      id: id('join'),
      type: 'call.queued',
      v: 1,
      at: joinedAt,
      source: 'ami',
      data: { ...ref, callerNumber: '+33146000000', callerName: null, position: 1 },
    },
  ];
  switch (outcome.kind) {
    case 'answered': {
      const agent = outcome.agent ?? AGENT;
      events.push({
        id: id('connect'),
        type: 'call.answered',
        v: 1,
        at: leftAt,
        source: 'ami',
        data: {
          ...ref,
          agent,
          holdSeconds: outcome.waitSeconds,
          ringSeconds: 1,
          serviceLevelSeconds: outcome.serviceLevelSeconds ?? 20,
        },
      });
      events.push({
        id: id('complete'),
        type: 'call.ended',
        v: 1,
        at: leftAt + outcome.talkSeconds * 1000,
        source: 'ami',
        data: { ...ref, agent, holdSeconds: outcome.waitSeconds, talkSeconds: outcome.talkSeconds, endedBy: 'agent' },
      });
      break;
    }
    case 'abandoned':
      events.push({
        id: id('abandon'),
        type: 'call.abandoned',
        v: 1,
        at: leftAt,
        source: 'ami',
        data: { ...ref, waitSeconds: outcome.waitSeconds, position: 1 },
      });
      break;
    case 'timed_out':
      events.push({
        id: id('timeout'),
        type: 'call.timed_out',
        v: 1,
        at: leftAt,
        source: 'ami',
        data: { ...ref, waitSeconds: outcome.waitSeconds },
      });
      break;
    case 'exited':
      events.push({
        id: id('exit'),
        type: 'call.exited',
        v: 1,
        at: leftAt,
        source: 'ami',
        data: { ...ref, waitSeconds: outcome.waitSeconds, reason: 'key' },
      });
      break;
  }
  return events;
}
