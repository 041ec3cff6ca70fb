/**
 * Paces one room's patches. The first change after a quiet spell is sent at once; during a
 * burst at most `maxPerSecond` patches go out, each carrying everything that changed since
 * the previous one. It pulls rather than pushes: `produce()` reads the room's state and diffs
 * it against what the room was last sent, so a burst of N changes costs one state read per
 * patch, not N, and the diff is exactly the merge of the burst's changes (the same result as
 * folding them with shared's mergePatches). Sequence numbers are consecutive: a produce that
 * finds nothing to send consumes neither a number nor the rate budget.
 */
export interface CoalescerTimer {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimer: CoalescerTimer = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface RoomCoalescerOptions<P> {
  readonly maxPerSecond: number;
  readonly timer: CoalescerTimer;
  /** Reads the state and returns the patch since the last one sent, or null if nothing changed. */
  readonly produce: () => Promise<P | null>;
  /** Sends a patch; called with consecutive seq numbers. */
  readonly emit: (seq: number, patch: P) => void;
  readonly onError: (error: unknown) => void;
  /** The seq of the snapshot the room starts from. */
  readonly initialSeq?: number;
}

export class RoomCoalescer<P> {
  private currentSeq: number;
  private lastEmitAt = Number.NEGATIVE_INFINITY;
  private handle: unknown = null;
  private producing = false;
  private dirty = false;
  private disposed = false;
  private readonly minIntervalMs: number;

  constructor(private readonly options: RoomCoalescerOptions<P>) {
    this.currentSeq = options.initialSeq ?? 0;
    this.minIntervalMs = 1000 / options.maxPerSecond;
  }

  /** The seq of the last patch sent (or of the initial snapshot). */
  get seq(): number {
    return this.currentSeq;
  }

  /** Something this room shows may have changed. */
  changed(): void {
    if (this.disposed) return;
    this.dirty = true;
    this.schedule();
  }

  /**
   * Runs `task` with no produce in flight (they share one lock), so a snapshot is taken from
   * the very state the next patch will be diffed against.
   */
  exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    const result = this.lock.then(task);
    this.lock = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
  private lock: Promise<void> = Promise.resolve();

  dispose(): void {
    this.disposed = true;
    if (this.handle !== null) this.options.timer.clearTimeout(this.handle);
    this.handle = null;
  }

  private schedule(): void {
    if (this.handle !== null || this.producing || !this.dirty || this.disposed) return;
    const wait = Math.max(0, this.lastEmitAt + this.minIntervalMs - this.options.timer.now());
    this.handle = this.options.timer.setTimeout(() => {
      this.handle = null;
      void this.flush();
    }, wait);
  }

  private async flush(): Promise<void> {
    if (this.disposed) return;
    this.dirty = false;
    this.producing = true;
    try {
      await this.exclusive(async () => {
        const patch = await this.options.produce();
        if (patch !== null && !this.disposed) {
          this.currentSeq += 1;
          this.lastEmitAt = this.options.timer.now();
          this.options.emit(this.currentSeq, patch);
        }
      });
    } catch (error) {
      // The change is not lost: mark dirty again and retry at the paced rate.
      this.dirty = true;
      this.lastEmitAt = this.options.timer.now();
      this.options.onError(error);
    } finally {
      this.producing = false;
      this.schedule();
    }
  }
}
