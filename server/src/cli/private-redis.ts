import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
}

/** Repo root, from server/src/cli (tests) or server/dist/cli (built CLI): three levels up. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Starts a private redis-server (tools/redis-server.mjs: free port, temp dir, AOF on). */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const tools = (await import(pathToFileURL(path.join(repoRoot, 'tools/redis-server.mjs')).href)) as {
    startRedis: (options?: object) => Promise<PrivateRedis>;
  };
  return tools.startRedis();
}
