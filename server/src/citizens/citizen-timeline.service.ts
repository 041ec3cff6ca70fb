import { Inject, Injectable } from '@nestjs/common';
import type { CitizenRecord, RequestChannel, RequestRecord } from '@iris/shared';
import { RequestsRepository } from '../intake/requests.repository.js';
import { CitizensService } from './citizens.service.js';

export interface TimelineEntry {
  readonly at: number;
  readonly reference: string;
  readonly channel: RequestChannel;
  readonly service: string | null;
  readonly type: string;
  readonly by: string;
  readonly summary: string;
  /** The record the request was filed on (differs from the citizen's after a merge). */
  readonly filedOn: string;
}

export interface CitizenTimeline {
  readonly citizen: CitizenRecord;
  readonly requests: readonly RequestRecord[];
  /** Every step of every request, across channels and services, oldest first. */
  readonly entries: readonly TimelineEntry[];
}

/** One timeline per citizen: its requests and those of the records merged into it. */
@Injectable()
export class CitizenTimelineService {
  constructor(
    @Inject(CitizensService) private readonly citizens: CitizensService,
    @Inject(RequestsRepository) private readonly requests: RequestsRepository,
  ) {}

  async timeline(citizenId: string): Promise<CitizenTimeline> {
    const citizen = await this.citizens.effective(citizenId);
    const recordIds = await this.withMerged(citizen);
    const requests: Array<RequestRecord & { filedOn: string }> = [];
    for (const id of recordIds) {
      for (const { reference } of await this.requests.referencesOfCitizen(id)) {
        const record = await this.requests.get(reference);
        if (record) requests.push({ ...record, filedOn: id });
      }
    }
    requests.sort((a, b) => a.receivedAt - b.receivedAt || a.reference.localeCompare(b.reference));
    const entries = requests
      .flatMap((r) =>
        r.history.map((h) => ({
          ...h,
          reference: r.reference,
          channel: r.channel,
          service: r.service,
          filedOn: r.filedOn,
        })),
      )
      .sort((a, b) => a.at - b.at || a.reference.localeCompare(b.reference));
    return { citizen, requests: requests.map(({ filedOn: _filedOn, ...record }) => record), entries };
  }

  /** The record and every record merged into it, transitively. */
  private async withMerged(citizen: CitizenRecord): Promise<string[]> {
    const ids = [citizen.citizenId];
    for (let i = 0; i < ids.length && i < 1000; i++) {
      const record = i === 0 ? citizen : await this.citizens.get(ids[i]!);
      for (const id of record.mergedFrom) if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }
}
