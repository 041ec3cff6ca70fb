import type { EventLogSource } from './metrics-sources.js';

const BATCH = 2_000;
/** Most events read in one scrape; a long backlog is read over the next scrapes. */
const MAX_PER_CATCH_UP = 50_000;

/**
 * Follows the event log from where it stood when this replica started, and hands each new
 * event to `observe`, once, in log order (the log itself holds every event once: ingest
 * deduplicates). It reads at scrape time, so it needs no timer of its own.
 */
export class EventLogFollower {
  private cursor: string | null = null;

  constructor(
    private readonly log: EventLogSource,
    private readonly observe: (event: { readonly type: string }) => void,
  ) {}

  /** Remembers the log's current end: history before it is not observed. */
  async start(): Promise<void> {
    this.cursor ??= (await this.log.head()).lastStreamId;
  }

  /** Reads what was appended since the last call; returns how many events were read. */
  async catchUp(): Promise<number> {
    await this.start();
    let read = 0;
    while (read < MAX_PER_CATCH_UP) {
      const { events, lastStreamId } = await this.log.readAfter(this.cursor!, BATCH);
      for (const { event } of events) this.observe(event);
      read += events.length;
      if (lastStreamId === null) break;
      this.cursor = lastStreamId;
      if (events.length < BATCH) break;
    }
    return read;
  }
}
