/**
 * The writes of one projected batch, coalesced: many events touching the same hash field
 * become one write, increments of the same counter add up, so a batch of thousands of
 * events costs Redis a handful of commands. The result is a flat list of whitelisted
 * commands that the apply script runs atomically with the cursor move.
 */
export type ProjectionCommand = readonly [op: 'DEL' | 'HSET' | 'HDEL' | 'HINCRBY' | 'PEXPIREAT', ...args: string[]];

interface HashWrites {
  /** The key is deleted first (then `fields` written). */
  replaced: boolean;
  /** field -> new value, or null to delete it. */
  fields: Map<string, string | null>;
  /** field -> increment (only for fields with no absolute value in `fields`). */
  increments: Map<string, number>;
}

/** HSET arguments per command, so the script never unpacks more than Lua's stack allows. */
const MAX_FIELDS_PER_COMMAND = 500;

export class WriteSet {
  private readonly hashes = new Map<string, HashWrites>();
  private readonly expiries = new Map<string, number>();

  isEmpty(): boolean {
    return this.hashes.size === 0 && this.expiries.size === 0;
  }

  hset(key: string, field: string, value: string): void {
    const writes = this.writesOf(key);
    writes.fields.set(field, value);
    writes.increments.delete(field);
  }

  hdel(key: string, field: string): void {
    const writes = this.writesOf(key);
    writes.fields.set(field, null);
    writes.increments.delete(field);
  }

  /** Adds to a counter whose current value is unknown here (KPI buckets are never read back). */
  hincrBy(key: string, field: string, by: number): void {
    if (by === 0) return;
    const writes = this.writesOf(key);
    if (writes.fields.has(field) || writes.replaced) {
      const current = writes.fields.get(field);
      writes.fields.set(field, String(Number(current ?? 0) + by));
      return;
    }
    writes.increments.set(field, (writes.increments.get(field) ?? 0) + by);
  }

  del(key: string): void {
    this.hashes.set(key, { replaced: true, fields: new Map(), increments: new Map() });
  }

  expireAt(key: string, epochMs: number): void {
    this.expiries.set(key, epochMs);
  }

  commands(): ProjectionCommand[] {
    const commands: ProjectionCommand[] = [];
    for (const [key, writes] of this.hashes) {
      if (writes.replaced) commands.push(['DEL', key]);
      const sets: string[] = [];
      const deletes: string[] = [];
      for (const [field, value] of writes.fields) {
        if (value === null) {
          if (!writes.replaced) deletes.push(field);
        } else sets.push(field, value);
      }
      for (let i = 0; i < sets.length; i += 2 * MAX_FIELDS_PER_COMMAND) {
        commands.push(['HSET', key, ...sets.slice(i, i + 2 * MAX_FIELDS_PER_COMMAND)]);
      }
      for (let i = 0; i < deletes.length; i += MAX_FIELDS_PER_COMMAND) {
        commands.push(['HDEL', key, ...deletes.slice(i, i + MAX_FIELDS_PER_COMMAND)]);
      }
      for (const [field, by] of writes.increments) commands.push(['HINCRBY', key, field, String(by)]);
    }
    for (const [key, at] of this.expiries) commands.push(['PEXPIREAT', key, String(at)]);
    return commands;
  }

  private writesOf(key: string): HashWrites {
    let writes = this.hashes.get(key);
    if (!writes) {
      writes = { replaced: false, fields: new Map(), increments: new Map() };
      this.hashes.set(key, writes);
    }
    return writes;
  }
}
