import { Injectable, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { KpiBucketsRepository } from '../calls/kpi-buckets.repository.js';
import { KpiQueryService } from '../calls/kpi-query.service.js';
import { LiveStateReader } from '../calls/live-state.reader.js';
import { DeskService } from '../desk/desk.service.js';
import { EventLogRepository } from '../events/event-log.repository.js';
import { IngestService } from '../events/ingest.service.js';
import { IntakeRejections } from '../intake/intake-rejections.js';
import { RequestsRepository } from '../intake/requests.repository.js';
import { LiveGateway } from '../live/live.gateway.js';
import { LIVE_STATE_SOURCE } from '../live/live-state.source.js';
import { ProjectorService } from '../projector/projector.service.js';
import { TelephonyService } from '../telephony/telephony.service.js';
import {
  METRICS_DESK_TICKETS,
  METRICS_EVENT_LOG,
  METRICS_EVENT_REFUSALS,
  METRICS_INTAKE_REJECTIONS,
  METRICS_KPI_FIGURES,
  METRICS_PROJECTOR_STATUS,
  METRICS_REQUEST_COUNTS,
  METRICS_SOCKET_CLIENTS,
  METRICS_TELEPHONY_STATUS,
  type DeskTicketsSource,
  type EventLogSource,
  type EventRefusalsSource,
  type IntakeRejectionsSource,
  type KpiFiguresSource,
  type LiveStateSnapshotSource,
  type ProjectorStatusSource,
  type RequestCountsSource,
  type SocketClientsSource,
  type TelephonyStatusSource,
} from './metrics-sources.js';

/**
 * Finds the metrics ports anywhere in the running app (ModuleRef, non-strict), so the
 * metrics module needs no feature module imported and no feature module depends on it:
 * whatever the app provides is measured, whatever it lacks is left out of /metrics (never
 * reported as zero). A port token, when provided, wins over the feature's own class.
 */
@Injectable()
export class MetricsSourcesResolver {
  constructor(private readonly moduleRef: ModuleRef) {}

  kpiFigures(): KpiFiguresSource | undefined {
    const port = this.find<KpiFiguresSource>(METRICS_KPI_FIGURES);
    if (port) return port;
    const kpis = this.find<KpiQueryService>(KpiQueryService);
    if (!kpis) return undefined;
    // The store knows when each queue was first active; the counters start on that day.
    const buckets = this.find<KpiBucketsRepository>(KpiBucketsRepository);
    return {
      figures: (query) => kpis.figures(query),
      activeQueues: () => kpis.activeQueues(),
      firstActivityAt: async () => {
        const firsts = [...((await buckets?.queueActivity()) ?? new Map<string, number>()).values()];
        return firsts.length === 0 ? null : Math.min(...firsts);
      },
    };
  }

  liveState(): LiveStateSnapshotSource | undefined {
    return this.find<LiveStateSnapshotSource>(LIVE_STATE_SOURCE) ?? this.find<LiveStateSnapshotSource>(LiveStateReader);
  }

  telephony(): TelephonyStatusSource | undefined {
    return (
      this.find<TelephonyStatusSource>(METRICS_TELEPHONY_STATUS) ?? this.find<TelephonyStatusSource>(TelephonyService)
    );
  }

  projector(): ProjectorStatusSource | undefined {
    return (
      this.find<ProjectorStatusSource>(METRICS_PROJECTOR_STATUS) ?? this.find<ProjectorStatusSource>(ProjectorService)
    );
  }

  socketClients(): SocketClientsSource | undefined {
    return this.find<SocketClientsSource>(METRICS_SOCKET_CLIENTS) ?? this.find<SocketClientsSource>(LiveGateway);
  }

  requestCounts(): RequestCountsSource | undefined {
    const port = this.find<RequestCountsSource>(METRICS_REQUEST_COUNTS);
    if (port) return port;
    const requests = this.find<RequestsRepository>(RequestsRepository);
    return requests && { requestCounts: () => requests.totals() };
  }

  intakeRejections(): IntakeRejectionsSource | undefined {
    return (
      this.find<IntakeRejectionsSource>(METRICS_INTAKE_REJECTIONS) ??
      this.find<IntakeRejectionsSource>(IntakeRejections)
    );
  }

  deskTickets(): DeskTicketsSource | undefined {
    const port = this.find<DeskTicketsSource>(METRICS_DESK_TICKETS);
    if (port) return port;
    const desk = this.find<DeskService>(DeskService);
    return desk && { deskTickets: async () => deskCounts(await desk.figures()) };
  }

  eventRefusals(): EventRefusalsSource | undefined {
    return this.find<EventRefusalsSource>(METRICS_EVENT_REFUSALS) ?? this.find<EventRefusalsSource>(IngestService);
  }

  eventLog(): EventLogSource | undefined {
    return this.find<EventLogSource>(METRICS_EVENT_LOG) ?? this.find<EventLogSource>(EventLogRepository);
  }

  private find<T>(token: symbol | Type<unknown>): T | undefined {
    try {
      return (this.moduleRef.get(token, { strict: false }) as T | null) ?? undefined;
    } catch {
      return undefined;
    }
  }
}

function deskCounts(figures: { waiting: number; inService: number; served: number; redirected: number }) {
  return {
    waiting: figures.waiting,
    inService: figures.inService,
    servedToday: figures.served,
    redirectedToday: figures.redirected,
  };
}
