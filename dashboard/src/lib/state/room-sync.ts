import { applyPatch } from '@iris/shared';
import type { PatchMessage, SnapshotMessage, StatePatch } from '@iris/shared';

/** What the socket must do after a message: nothing, or ask the server for a fresh snapshot. */
export type SyncOutcome = 'applied' | 'ignored' | 'resync';

/**
 * One room's state on the client: a snapshot with its seq, then patches applied in order.
 * A patch older than what we hold is a duplicate (ignored); a patch that skips a seq means
 * we missed one, so the state can no longer be trusted until a fresh snapshot arrives.
 * Pure (no socket, no clock) so the rules are unit-tested.
 */
export class RoomSync<S extends object> {
  #state: S | null = null;
  #seq = -1;
  #awaitingSnapshot = true;

  get state(): S | null {
    return this.#state;
  }

  get seq(): number {
    return this.#seq;
  }

  /** True between a detected gap (or a reconnect) and the next snapshot. */
  get awaitingSnapshot(): boolean {
    return this.#awaitingSnapshot;
  }

  snapshot(message: SnapshotMessage<S>): SyncOutcome {
    // A snapshot older than the state we hold (a late answer to an earlier resync) is dropped.
    if (!this.#awaitingSnapshot && message.seq < this.#seq) return 'ignored';
    this.#state = message.state;
    this.#seq = message.seq;
    this.#awaitingSnapshot = false;
    return 'applied';
  }

  patch(message: PatchMessage<S>): SyncOutcome {
    if (this.#awaitingSnapshot) return 'ignored';
    if (message.seq <= this.#seq) return 'ignored';
    if (message.seq !== this.#seq + 1) {
      this.#awaitingSnapshot = true;
      return 'resync';
    }
    this.#state = applyPatch(this.#state as S, message.patch as StatePatch<S>);
    this.#seq = message.seq;
    return 'applied';
  }

  /** After a reconnect: keep showing the last state, but accept only a fresh snapshot next. */
  expectSnapshot(): void {
    this.#awaitingSnapshot = true;
  }
}
