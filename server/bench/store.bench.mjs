// Event store and projections: events/s ingested and projected end to end (ingest and the
// projector running together in one process, as in the server) against a baseline measured
// in the same run: the same number of plain Redis round trips (a tight PING loop) on the
// same redis-server; Redis commands per event; time to rebuild one million events (and to
// prove the rebuilt projections equal the live ones); Redis memory per million events and
// per year of KPI buckets. Writes server/bench/STORE-RESULTS.md. Needs the server built.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;
const repoRoot = path.resolve(here, '../..');
const dist = (file) => import(pathToFileURL(path.join(here, '../dist', file)).href);
const { startRedis } = await import(pathToFileURL(path.join(repoRoot, 'tools/redis-server.mjs')).href);
const { connectRedis, closeRedis } = await dist('redis/redis-client.js');
const { StoreKeys } = await dist('redis/keys.js');
const { EventLogRepository } = await dist('events/event-log.repository.js');
const { IngestService } = await dist('events/ingest.service.js');
const { ProjectionRegistry } = await dist('projector/projection-registry.js');
const { Projector } = await dist('projector/projector.js');
const { rebuildAndCompare } = await dist('projector/rebuild.js');
const { registerCallProjections } = await dist('calls/calls-projections.js');
const { simulatedCallDay } = await dist('calls/simulated-call-day.js');

const EVENTS_TARGET = Number(process.env.STORE_BENCH_EVENTS ?? 1_000_000);
const CALLS_PER_CHUNK = 10_000;
const DAYS = 30;
const INGEST_BATCH = 500;
const RULES = { shortAbandonSeconds: 5, defaultServiceLevelSeconds: 20 };
const QUEUES = ['accueil', 'etat-civil', 'urbanisme'];

const redis = await startRedis();
const client = await connectRedis(redis.url);
// Every command sent by ingest and the projector is counted, on the shared client and on
// the connections duplicated from it (the projector's own).
let commands = 0;
function counted(redisClient) {
  const send = redisClient.sendCommand.bind(redisClient);
  redisClient.sendCommand = (...args) => {
    commands += 1;
    return send(...args);
  };
  const duplicate = redisClient.duplicate.bind(redisClient);
  redisClient.duplicate = (...args) => counted(duplicate(...args));
  return redisClient;
}
const sendCommand = client.sendCommand.bind(client);
counted(client);

async function usedMemory() {
  const info = String(await sendCommand(['INFO', 'memory']));
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

/** The traffic, chunk by chunk (a million events do not need to sit in memory at once): the last 30 days. */
function* chunks() {
  const callsNeeded = Math.ceil(EVENTS_TARGET / 3.7);
  const chunkCount = Math.ceil(callsNeeded / CALLS_PER_CHUNK);
  const spanMs = (DAYS * 86_400_000) / chunkCount;
  const start = Date.now() - DAYS * 86_400_000;
  let emitted = 0;
  for (let i = 0; i < chunkCount && emitted < EVENTS_TARGET; i++) {
    const events = simulatedCallDay({
      calls: CALLS_PER_CHUNK,
      start: start + i * spanMs,
      spanMs,
      seed: 1000 + i,
      queues: QUEUES,
      idPrefix: `b${i}`,
    });
    const take = events.slice(0, EVENTS_TARGET - emitted);
    emitted += take.length;
    yield take;
  }
}

function registry() {
  const r = new ProjectionRegistry();
  registerCallProjections(r);
  return r;
}

try {
  const keys = new StoreKeys('iris:');
  const ingest = new IngestService(new EventLogRepository(client, keys, 8 * 24 * 3600));
  const projector = new Projector(client, keys, registry(), RULES, { batchSize: 2000 });
  const memoryBefore = await usedMemory();

  // --- end to end: ingest and projector together ---------------------------------------
  commands = 0;
  const started = performance.now();
  projector.start();
  let total = 0;
  for (const chunk of chunks()) {
    for (let i = 0; i < chunk.length; i += INGEST_BATCH) await ingest.ingest(chunk.slice(i, i + INGEST_BATCH));
    total += chunk.length;
  }
  const ingestedMs = performance.now() - started;
  // Polled on an uncounted path, so the wait adds nothing to the commands counted.
  while (Number(await sendCommand(['GET', keys.projectorCount()])) < total)
    await new Promise((resolve) => setTimeout(resolve, 5));
  const endToEndMs = performance.now() - started;
  await projector.stop();
  const e2eCommands = commands;
  const memoryAfter = await usedMemory();

  // --- baseline: the same number of plain round trips ----------------------------------
  const baselineStarted = performance.now();
  for (let i = 0; i < e2eCommands; i++) await sendCommand(['PING']);
  const baselineMs = performance.now() - baselineStarted;
  // The same loop over more round trips, for a steadier rate.
  const steadyCount = 20_000;
  const steadyStarted = performance.now();
  for (let i = 0; i < steadyCount; i++) await sendCommand(['PING']);
  const steadyRate = steadyCount / ((performance.now() - steadyStarted) / 1000);

  // --- memory split: log + dedupe markers vs projections -------------------------------
  const projectionKeys = Number(await sendCommand(['EVAL', "return #redis.call('KEYS', ARGV[1])", '0', 'iris:p:*']));
  const logBytes = Number(await sendCommand(['MEMORY', 'USAGE', keys.eventLog(), 'SAMPLES', '0']));
  const sampleSeen =
    Number(await sendCommand(['MEMORY', 'USAGE', keys.seen('ami:b0.0:accueil:join')])) ||
    Number(
      await sendCommand([
        'MEMORY',
        'USAGE',
        (await sendCommand(['SCAN', '0', 'MATCH', 'iris:seen:*', 'COUNT', '1000']))[1][0],
      ]),
    );

  // --- bucket sizes, for a year of buckets ---------------------------------------------
  async function averageBucketBytes(code) {
    const [, found] = await sendCommand(['SCAN', '0', 'MATCH', `iris:p:kpi:*:${code}:*`, 'COUNT', '100000']);
    const sample = found.slice(0, 200);
    if (sample.length === 0) return null;
    let sum = 0;
    for (const key of sample) sum += Number(await sendCommand(['MEMORY', 'USAGE', key]));
    return sum / sample.length;
  }
  const minuteBytes = await averageBucketBytes('m');
  const hourBytes = await averageBucketBytes('h');
  const dayBytes = await averageBucketBytes('d');
  const scopes = QUEUES.length + 1;
  // Kept at any time: 48 h of minutes, 13 months of hours, and a year's worth of days per year.
  const bucketYearBytes =
    scopes * ((minuteBytes ?? 0) * 2 * 1440 + (hourBytes ?? 0) * 395 * 24 + (dayBytes ?? 0) * 365);

  // --- rebuild of everything, with the proof --------------------------------------------
  const rebuild = await rebuildAndCompare(client, keys, registry(), RULES);
  if (!rebuild.equal) throw new Error(`rebuild differs: ${rebuild.differences.join('; ')}`);

  const eventsPerSecond = total / (endToEndMs / 1000);
  const roundTripsPerSecond = e2eCommands / (baselineMs / 1000);
  const perMillion = (bytes) => (bytes / total) * 1_000_000;
  const mib = (bytes) => (bytes / 2 ** 20).toFixed(1);
  const f = (n, digits = 0) =>
    n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  const lines = [
    `Measured by \`npm run bench -w server\` (server/bench/store.bench.mjs) on ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, one private redis-server (AOF on, appendfsync everysec), one Node process running ingest and the projector together.`,
    `Traffic: ${f(total)} domain events (simulated calls over the last ${DAYS} days, ${QUEUES.length} queues: queued, ringing, outcome, end), ingested in batches of ${INGEST_BATCH}, projected in batches of up to 2,000.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| end to end (ingest + project, ${f(total)} events) | ${f(endToEndMs / 1000, 1)} s: **${f(eventsPerSecond)} events/s** (ingest alone finished after ${f(ingestedMs / 1000, 1)} s) |`,
    `| Redis commands sent by ingest + projector (each a request and its reply) | ${f(e2eCommands)}: ${f(e2eCommands / total, 4)} per event (${f(total / e2eCommands, 0)} events per command) |`,
    `| baseline: the same ${f(e2eCommands)} plain round trips (sequential PING, same client and server) | ${f(baselineMs / 1000, 2)} s: ${f(roundTripsPerSecond)} round trips/s |`,
    `| ratio: events/s end to end ÷ plain round trips/s | **${f(eventsPerSecond / roundTripsPerSecond, 2)}** (time ratio end to end ÷ baseline: ${f(endToEndMs / baselineMs, 1)}); against a steadier ${f(steadyCount)}-PING loop (${f(steadyRate)} round trips/s): ${f(eventsPerSecond / steadyRate, 2)} |`,
    `| rebuild of every projection from the log (${f(rebuild.events)} events) | ${f(rebuild.projectMs / 1000, 1)} s (${f(rebuild.events / (rebuild.projectMs / 1000))} events/s); proof of equality, ${f(rebuild.keysCompared)} keys compared: ${f(rebuild.compareMs / 1000, 1)} s |`,
    `| Redis memory per million events (log + dedupe markers + projections) | ${mib(perMillion(memoryAfter - memoryBefore))} MiB (log stream ${mib(perMillion(logBytes))} MiB; dedupe marker ≈ ${f(sampleSeen)} B per event id while kept, 8 days) |`,
    `| KPI bucket sizes (MEMORY USAGE, mean of sampled keys) | minute ${f(minuteBytes ?? 0)} B, hour ${f(hourBytes ?? 0)} B, day ${f(dayBytes ?? 0)} B |`,
    `| Redis memory per year of KPI buckets (${scopes} scopes: ${QUEUES.length} queues + front office; 48 h of minutes, 13 months of hours, 365 days) | ${mib(bucketYearBytes)} MiB (days alone grow by ${f((scopes * (dayBytes ?? 0) * 365) / 1024, 0)} KiB a year) |`,
    `| projection keys after the run | ${f(projectionKeys)} |`,
    '',
    'Aim: at least 20,000 events/s sustained end to end on one server process (a very busy city call centre makes about 50 AMI events/s).',
    `Machine load while measuring (1-minute load average, ${os.cpus().length} cores, shared with other work): ${os.loadavg()[0].toFixed(1)} at the end of the run.`,
    '',
    "Reading: the projector keeps up with ingest (it finishes within a batch of the last append), so the end-to-end rate is the rate at which one Node process and one redis-server sharing the machine's cores can validate, deduplicate, append, fold and write events. Each batch costs a handful of commands (read the log, read the hashes it needs, one atomic apply script), which is why an event costs far less than one plain round trip. Memory is dominated by the log itself (events are kept for rebuilds), the 8-day dedupe markers and the front-office call records (one small hash per call, kept 13 months so a rebuild counts transferred calls once); KPI buckets are small.",
  ];
  writeFileSync(path.join(here, 'STORE-RESULTS.md'), `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
} finally {
  await closeRedis(client).catch(() => {});
  await redis.stop();
}
