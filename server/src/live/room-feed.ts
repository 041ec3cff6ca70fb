import { IrisError, type PatchMessage, type RoomName, type SnapshotMessage, type StatePatch } from '@iris/shared';
import { RoomCoalescer, type CoalescerTimer } from './room-coalescer.js';
import { diffState } from './state-diff.js';

export interface RoomFeedOptions<S> {
  readonly room: RoomName;
  readonly maxPerSecond: number;
  readonly timer: CoalescerTimer;
  /** Reads the room's current state; null when what the room shows does not exist. */
  readonly read: () => Promise<S | null>;
  readonly emitPatch: (message: PatchMessage<S>) => void;
  readonly onError: (error: unknown) => void;
}

/**
 * One room on this replica: the state last sent to its sockets, the seq reached, and the
 * coalescer pacing its patches. Snapshots hand out exactly that state and seq, so a client's
 * snapshot plus the patches that follow always rebuild the server's view.
 */
export class RoomFeed<S extends object> {
  private lastSent: S | null = null;
  private readonly coalescer: RoomCoalescer<StatePatch<S>>;

  constructor(private readonly options: RoomFeedOptions<S>) {
    this.coalescer = new RoomCoalescer<StatePatch<S>>({
      maxPerSecond: options.maxPerSecond,
      timer: options.timer,
      produce: () => this.produce(),
      emit: (seq, patch) => options.emitPatch({ room: options.room, seq, patch }),
      onError: options.onError,
    });
  }

  /**
   * Hands `deliver` the state the room's patches build on, with its seq (reading it first if
   * the room is new). `deliver` runs under the room's lock, so a socket that joins the room
   * and is sent the snapshot there cannot miss, nor get twice, the patch that follows.
   */
  snapshot<T>(deliver: (snapshot: SnapshotMessage<S>) => T): Promise<T> {
    return this.coalescer.exclusive(async () => {
      if (this.lastSent === null) {
        const state = await this.options.read();
        if (state === null)
          throw new IrisError(
            'ROOM_NOT_FOUND',
            `Rien à afficher pour « ${this.options.room} » : file ou agent inconnu.`,
          );
        this.lastSent = state;
      }
      return deliver({ room: this.options.room, seq: this.coalescer.seq, state: this.lastSent });
    });
  }

  changed(): void {
    this.coalescer.changed();
  }

  dispose(): void {
    this.coalescer.dispose();
  }

  private async produce(): Promise<StatePatch<S> | null> {
    if (this.lastSent === null) return null; // nobody has a snapshot yet: nothing to patch
    const next = await this.options.read();
    if (next === null) return null;
    const patch = diffState(this.lastSent, next);
    if (patch !== null) this.lastSent = next;
    return patch;
  }
}
