// jest globalSetup: one real redis-server per integration run. Tests read REDIS_URL and
// isolate themselves with their own key prefix or database index.
import { startRedis } from './redis-server.mjs';

export default async function globalSetup() {
  const redis = await startRedis();
  globalThis.__IRIS_REDIS__ = redis;
  process.env.REDIS_URL = redis.url;
}
