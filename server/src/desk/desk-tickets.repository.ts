import { Inject, Injectable } from '@nestjs/common';
import type { DeskTicket } from '@iris/shared';
import { REDIS_CLIENT, type RedisClient } from '../redis/redis-client.js';
import { StoreKeys } from '../redis/keys.js';
import { flatReplyToMap } from '../projector/projection-store.repository.js';

/** Sequences live two days: long enough to span midnight, never reused the next day (the day is in the key). */
const SEQUENCE_TTL_SECONDS = 2 * 24 * 3600;

/**
 * The desk's Redis access: reading the projected tickets, handing out ticket numbers
 * (an atomic INCR per day and reason prefix), and counting kiosk requests for the rate limit.
 */
@Injectable()
export class DeskTicketsRepository {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: RedisClient,
    @Inject(StoreKeys) private readonly keys: StoreKeys,
  ) {}

  /** Next number for this day and prefix: 1, 2, 3... (atomic across replicas). */
  async nextSequence(day: string, prefix: string): Promise<number> {
    const key = this.keys.deskTicketSequence(day, prefix);
    const [sequence] = (await this.client.multi().incr(key).expire(key, SEQUENCE_TTL_SECONDS).exec()) as unknown as [
      number,
    ];
    return Number(sequence);
  }

  /** Counts one kiosk request of this client in this minute; returns the count so far. */
  async countKioskRequest(client: string, minute: number): Promise<number> {
    const key = this.keys.deskKioskRate(client, minute);
    const [count] = (await this.client.multi().incr(key).expire(key, 120).exec()) as unknown as [number];
    return Number(count);
  }

  async ticketsOfDay(day: string): Promise<DeskTicket[]> {
    const reply = await this.client.sendCommand(['HGETALL', this.keys.projections().deskTickets(day)]);
    return [...flatReplyToMap(reply).values()].map((json) => JSON.parse(json) as DeskTicket);
  }

  async ticket(ticketId: string, day: string): Promise<DeskTicket | undefined> {
    const json = (await this.client.sendCommand(['HGET', this.keys.projections().deskTickets(day), ticketId])) as
      string | null;
    return json === null ? undefined : (JSON.parse(json) as DeskTicket);
  }
}
