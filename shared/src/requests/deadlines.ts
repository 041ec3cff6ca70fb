import { parisParts } from '../kpi/paris-time.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The due time of a request: `workingDays` Monday-to-Friday days after `from` (Europe/Paris
 * weekdays), same time of day. Public holidays are not counted out (a known simplification).
 */
export function addWorkingDays(from: number, workingDays: number): number {
  let at = from;
  let left = workingDays;
  while (left > 0) {
    at += DAY_MS;
    const { year, month, day } = parisParts(at);
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return at;
}
