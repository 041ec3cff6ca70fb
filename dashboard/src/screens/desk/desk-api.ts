import type { DeskFigures, DeskReason, DeskTicket, PublicDisplayBoard, TakenTicket } from '@iris/shared';
import { apiRequest } from '../../lib/api/http.js';

/** The desk queue's REST calls (server/src/desk/desk.controller.ts); shapes shared with the server. */
export type { PublicDisplayBoard, TakenTicket };

export const deskApi = {
  reasons: () => apiRequest<DeskReason[]>('/api/desk/reasons'),
  takeTicket: (reason: string) => apiRequest<TakenTicket>('/api/desk/tickets', { method: 'POST', body: { reason } }),
  display: () => apiRequest<PublicDisplayBoard>('/api/desk/display'),
  figures: () => apiRequest<DeskFigures>('/api/desk/figures'),
  tickets: () => apiRequest<DeskTicket[]>('/api/desk/tickets'),
  callNext: (counter: string) =>
    apiRequest<{ ticket: DeskTicket | null }>('/api/desk/call-next', { method: 'POST', body: { counter } }),
  recall: (ticketId: string, counter: string) =>
    apiRequest<DeskTicket>(`/api/desk/tickets/${encodeURIComponent(ticketId)}/recall`, {
      method: 'POST',
      body: { counter },
    }),
  served: (ticketId: string) =>
    apiRequest<DeskTicket>(`/api/desk/tickets/${encodeURIComponent(ticketId)}/served`, { method: 'POST' }),
  redirected: (ticketId: string, service: string) =>
    apiRequest<DeskTicket>(`/api/desk/tickets/${encodeURIComponent(ticketId)}/redirected`, {
      method: 'POST',
      body: { service },
    }),
};

/**
 * Calls `load` now and then every `everyMs` until stopped, never two at once, and hands
 * each result (or error) over. Screens that need no sign-in (the hall display) cannot join
 * socket rooms, so they poll this small public endpoint.
 */
export function poll<T>(
  load: () => Promise<T>,
  everyMs: number,
  onResult: (result: { ok: true; value: T } | { ok: false; error: unknown }) => void,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const round = async () => {
    try {
      const value = await load();
      if (!stopped) onResult({ ok: true, value });
    } catch (error) {
      if (!stopped) onResult({ ok: false, error });
    }
    if (!stopped) timer = setTimeout(round, everyMs);
  };
  void round();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
