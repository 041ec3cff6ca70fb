/**
 * Where a pickup rate stands against the target. `none` when nothing was offered: the
 * screen shows "—" and says so in words, never a green 100 %.
 */
export type PickupStatus = 'met' | 'below' | 'none';

export function pickupStatus(rate: number | null | undefined, target: number): PickupStatus {
  if (rate == null || !Number.isFinite(rate)) return 'none';
  // Compare on the rounded per-mille the screen shows, so "91,0 %" never reads as missed.
  return Math.round(rate * 1000) >= Math.round(target * 1000) ? 'met' : 'below';
}
