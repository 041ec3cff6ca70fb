import { DEFAULT_DESK_REASONS, type DeskReason } from '@iris/shared';

/** What the desk needs from the configuration (kept narrow so tests build it by hand). */
export interface DeskOptions {
  readonly reasons: ReadonlyArray<DeskReason>;
  /** Tickets one kiosk (client address) may take per minute: a child pressing the button stays harmless. */
  readonly kioskTicketsPerMinute: number;
}

export const DESK_OPTIONS = Symbol('IRIS_DESK_OPTIONS');

export const DEFAULT_DESK_OPTIONS: DeskOptions = { reasons: DEFAULT_DESK_REASONS, kioskTicketsPerMinute: 20 };
