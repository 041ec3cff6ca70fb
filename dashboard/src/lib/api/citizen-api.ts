import type { CitizenRecord } from '@iris/shared';
import { apiRequest } from './http.js';

/** Screen pop: the citizen record known for a caller's number, or null (GET /api/citizens/lookup). */
export async function lookupCitizenByPhone(phone: string, signal?: AbortSignal): Promise<CitizenRecord | null> {
  const body = await apiRequest<{ citizen: CitizenRecord | null }>(
    `/api/citizens/lookup?phone=${encodeURIComponent(phone)}`,
    { signal },
  );
  return body.citizen;
}
