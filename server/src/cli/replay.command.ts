import { existsSync, readFileSync, statSync } from 'node:fs';
import { emptyCounters, figuresFromCounters, replayFigures, type DomainEvent, type ReplayFigures } from '@iris/shared';
import { randomUUID } from 'node:crypto';
import { AmiFrameParser, AmiNormalizer, startSimulator, TelephonyBridge } from '@iris/telephony';
import { startPrivateRedis } from './private-redis.js';
import { openStore } from './store-context.js';

export interface ReplayOptions {
  /** Path of a recorded AMI stream (`<scenario>.ami.txt`). */
  readonly capture: string;
  readonly shortAbandonSeconds: number;
  readonly defaultServiceLevelSeconds: number;
}

/** The captures' truth.json shape. */
export interface ReplayOutput {
  queues: Record<string, ReplayFigures>;
  frontOffice: ReplayFigures;
}

/** Feeds the domain events of a capture, batch after batch, to `sink` (the ingest), as live traffic would be. */
export type ReplaySource = (
  capture: string,
  options: ReplayOptions,
  sink: (events: DomainEvent[]) => Promise<void>,
) => Promise<void>;

/**
 * Replays a recorded AMI stream through the path live traffic takes (telephony -> ingest
 * -> projector -> KPI query) into a private redis-server started and stopped here, and
 * returns the figures for the whole span of the capture: per queue that had activity, and
 * for the front office.
 */
export async function replayCapture(
  options: ReplayOptions,
  source: ReplaySource = tcpBridgeSource,
): Promise<ReplayOutput> {
  checkCaptureFile(options.capture);
  const redis = await startPrivateRedis();
  try {
    const store = await openStore({
      redisUrl: redis.url,
      keyPrefix: 'iris:',
      shortAbandonSeconds: options.shortAbandonSeconds,
      defaultServiceLevelSeconds: options.defaultServiceLevelSeconds,
      runProjector: false,
    });
    try {
      let from = Infinity;
      let to = -Infinity;
      await source(options.capture, options, async (events) => {
        for (const event of events) {
          from = Math.min(from, event.at);
          to = Math.max(to, event.at + 1);
        }
        await store.ingest.ingest(events);
      });
      await store.projector.catchUp();
      if (from === Infinity) {
        return { queues: {}, frontOffice: replayFigures(figuresFromCounters(emptyCounters())) };
      }
      const queues: Record<string, ReplayFigures> = {};
      for (const queue of await store.kpis.activeQueues()) {
        queues[queue] = replayFigures(await store.kpis.figures({ queue, from, to }));
      }
      return { queues, frontOffice: replayFigures(await store.kpis.figures({ from, to })) };
    } finally {
      await store.close();
    }
  } finally {
    await redis.stop();
  }
}

export function checkCaptureFile(capture: string): void {
  if (!existsSync(capture)) throw new Error(`capture not found: ${capture}`);
  if (!statSync(capture).isFile()) throw new Error(`not a file: ${capture}`);
}

/**
 * The live path: the AMI simulator replays the capture byte for byte over real TCP, the
 * TelephonyBridge reads it (socket, frame parser, normaliser, QueueStatus resync) and hands
 * each batch to the sink, awaited, as the server's telephony module does. The bridge's
 * Ping goes out after the last replayed byte and its Pong comes back through the same
 * pipeline: once it resolved, every event of the capture has been handed over.
 */
export const tcpBridgeSource: ReplaySource = async (capture, options, sink) => {
  const username = 'iris-replay';
  const secret = randomUUID();
  const simulator = await startSimulator({
    username,
    secret,
    host: '127.0.0.1',
    replay: { file: capture, timing: 'fast' },
  });
  const warnings: string[] = [];
  const bridge = new TelephonyBridge({
    host: '127.0.0.1',
    port: simulator.port,
    username,
    secret,
    defaultServiceLevelSeconds: options.defaultServiceLevelSeconds,
    backoff: { initialMs: 20, maxMs: 500, factor: 2, jitter: 0.5 },
    onWarning: (message) => warnings.push(message),
  });
  let failure: unknown = null;
  bridge.onEvents(async (events) => {
    try {
      await sink(events);
    } catch (error) {
      // Stop the replay rather than let the bridge retry a batch that will never fit.
      failure ??= error;
    }
  });
  try {
    bridge.start();
    await simulator.whenFinished();
    await pingWhenConnected(bridge, warnings);
  } finally {
    await bridge.stop();
    await simulator.stop();
  }
  if (failure) throw failure;
};

/** The replay may end before the bridge finished its login and resync: ping once it is connected. */
async function pingWhenConnected(bridge: TelephonyBridge, warnings: string[], deadlineMs = 30_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await bridge.ping();
      return;
    } catch (error) {
      if (Date.now() - started > deadlineMs) {
        throw new Error(
          `the replayed capture never got through the bridge: ${error instanceof Error ? error.message : String(error)}; ${warnings.slice(-3).join('; ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/**
 * Without TCP: frames of the file through telephony's parser and normaliser, stamped with
 * the time they are read. Kept for checking the normaliser alone.
 */
export const normaliserSource: ReplaySource = async (capture, options, sink) => {
  const normalizer = new AmiNormalizer({ defaultServiceLevelSeconds: options.defaultServiceLevelSeconds });
  const events: DomainEvent[] = [];
  const parser = new AmiFrameParser({
    onFrame: (frame) => events.push(...normalizer.normalize(frame, Date.now())),
    onReject: () => {},
  });
  parser.push(readFileSync(capture));
  parser.end();
  for (let i = 0; i < events.length; i += 500) await sink(events.slice(i, i + 500));
};
