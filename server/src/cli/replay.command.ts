import { existsSync, readFileSync, statSync } from 'node:fs';
import { emptyCounters, figuresFromCounters, replayFigures, type DomainEvent, type ReplayFigures } from '@iris/shared';
import { AmiFrameParser, AmiNormalizer } from '@iris/telephony';
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
export type ReplaySource = (capture: string, options: ReplayOptions, sink: (events: DomainEvent[]) => Promise<void>) => Promise<void>;

/**
 * Replays a recorded AMI stream through the path live traffic takes (telephony -> ingest
 * -> projector -> KPI query) into a private redis-server started and stopped here, and
 * returns the figures for the whole span of the capture: per queue that had activity, and
 * for the front office.
 */
export async function replayCapture(options: ReplayOptions, source: ReplaySource = normaliserSource): Promise<ReplayOutput> {
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
 * Frames of the file through telephony's parser and normaliser, stamped with the time they
 * are read (as the bridge stamps frames when they arrive).
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
