import { REQUEST_CHANNELS } from '@iris/shared';
import type { RequestChannel } from '@iris/shared';
import { ApiError, apiRequest } from './http.js';

/** Requests received today per channel (GET /api/intake/today); null while the server has no intake feature. */
export interface IntakeToday {
  readonly day: string;
  readonly byChannel: Readonly<Partial<Record<RequestChannel, number>>>;
}

export async function fetchIntakeToday(signal?: AbortSignal): Promise<IntakeToday | null> {
  try {
    return await apiRequest<IntakeToday>('/api/intake/today', { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Every channel in the front office's order, zero when nothing came that way; total apart. */
export function intakeRows(today: IntakeToday): {
  rows: Array<{ channel: RequestChannel; count: number }>;
  total: number;
} {
  const rows = REQUEST_CHANNELS.map((channel) => ({ channel, count: today.byChannel[channel] ?? 0 }));
  return { rows, total: rows.reduce((sum, row) => sum + row.count, 0) };
}
