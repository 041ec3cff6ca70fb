// jest globalTeardown: runs even when tests failed, so the redis-server never outlives the run.
export default async function globalTeardown() {
  await globalThis.__IRIS_REDIS__?.stop();
}
