import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PrivateRedisOptions {
  readonly port?: number;
  /** Data directory (kept after stop when given: restart on it to recover the AOF). */
  readonly dir?: string;
  readonly appendfsync?: 'always' | 'everysec';
}

export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  readonly pid: number;
  stop(): Promise<void>;
  /** Sends a signal (SIGKILL to simulate a crash) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Repo root, from server/src/cli (tests) or server/dist/cli (built CLI): three levels up. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Starts a private redis-server (tools/redis-server.mjs: free port, temp dir, AOF on). */
export async function startPrivateRedis(options: PrivateRedisOptions = {}): Promise<PrivateRedis> {
  const tools = (await import(pathToFileURL(path.join(repoRoot, 'tools/redis-server.mjs')).href)) as {
    startRedis: (options?: PrivateRedisOptions) => Promise<PrivateRedis>;
  };
  return tools.startRedis(options);
}
