import { parseRecord } from './call-records.js';
import type { RecentCallRecord } from './recent-call.record.js';

/** The entries of one recent-calls ring hash, newest first, at most `limit` (index and counter fields skipped). */
export function recentCallsFromHash(hash: ReadonlyMap<string, string>, limit: number): RecentCallRecord[] {
  const entries: RecentCallRecord[] = [];
  for (const [field, json] of hash) {
    if (!field.startsWith('s:')) continue;
    const entry = parseRecord<RecentCallRecord>(json);
    if (entry) entries.push(entry);
  }
  return entries.sort((a, b) => b.seq - a.seq).slice(0, Math.max(0, limit));
}
