import type { SupervisorState } from '@iris/shared';
import { liveSocket } from '../socket.svelte.js';
import { clockOffset } from './server-clock.js';
import { totalWaiting } from './queue-summary.js';
import { countByMode } from './agents-grid.js';

const DEFAULT_TARGET = 0.91;

/** The supervisor room's state: replaced whole on each snapshot or patch, aggregates derived. */
export class SupervisorStore {
  state = $state.raw<SupervisorState | null>(null);
  /** Server clock minus local clock, measured at the last snapshot. */
  offset = $state(0);
  /** Local time of the last change received. */
  updatedAt = $state<number | null>(null);

  target = $derived(this.state?.pickupRateTarget ?? DEFAULT_TARGET);
  waiting = $derived(this.state ? totalWaiting(this.state.queues) : 0);
  modeCounts = $derived(this.state ? countByMode(this.state.agents) : null);
  telephonyDown = $derived(this.state?.telephony.state === 'disconnected');

  /** Follows the supervisor room; returns the function that stops following. */
  follow(): () => void {
    return liveSocket.subscribe('supervisor', (state, fresh) => {
      const now = Date.now();
      const next = state as SupervisorState;
      if (fresh) this.offset = clockOffset(next.serverTime, now);
      this.state = next;
      this.updatedAt = now;
    });
  }
}
