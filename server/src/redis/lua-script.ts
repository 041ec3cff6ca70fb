import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client.js';

/**
 * A Lua script called by its SHA (EVALSHA), loaded again transparently when Redis does not
 * know it (after a restart or SCRIPT FLUSH). One script runs atomically: that is how
 * "dedupe + append" and "apply + advance cursor" are each a single step.
 */
export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run<T>(client: RedisClient, keys: ReadonlyArray<string>, args: ReadonlyArray<string>): Promise<T> {
    const command = [String(keys.length), ...keys, ...args];
    try {
      return (await client.sendCommand(['EVALSHA', this.sha, ...command])) as T;
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return (await client.sendCommand(['EVAL', this.source, ...command])) as T;
    }
  }
}
