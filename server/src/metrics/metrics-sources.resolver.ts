import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { LIVE_STATE_SOURCE } from '../live/live-state.source.js';
import {
  METRICS_CALL_EVENT_FEED,
  METRICS_DESK_TICKETS,
  METRICS_KPI_FIGURES,
  METRICS_PROJECTOR_STATUS,
  METRICS_REQUEST_COUNTS,
  METRICS_SOCKET_CLIENTS,
  METRICS_TELEPHONY_STATUS,
  type CallEventFeed,
  type DeskTicketsSource,
  type KpiFiguresSource,
  type LiveStateSnapshotSource,
  type ProjectorStatusSource,
  type RequestCountsSource,
  type SocketClientsSource,
  type TelephonyStatusSource,
} from './metrics-sources.js';

/**
 * Finds the metrics ports anywhere in the running app (ModuleRef, non-strict), so the
 * metrics module depends on no feature module and no feature module on it: whatever the app
 * provides is measured, whatever it lacks is left out of /metrics (never reported as zero).
 */
@Injectable()
export class MetricsSourcesResolver {
  constructor(private readonly moduleRef: ModuleRef) {}

  kpiFigures(): KpiFiguresSource | undefined {
    return this.find<KpiFiguresSource>(METRICS_KPI_FIGURES);
  }

  liveState(): LiveStateSnapshotSource | undefined {
    return this.find<LiveStateSnapshotSource>(LIVE_STATE_SOURCE);
  }

  telephony(): TelephonyStatusSource | undefined {
    return this.find<TelephonyStatusSource>(METRICS_TELEPHONY_STATUS);
  }

  projector(): ProjectorStatusSource | undefined {
    return this.find<ProjectorStatusSource>(METRICS_PROJECTOR_STATUS);
  }

  socketClients(): SocketClientsSource | undefined {
    return this.find<SocketClientsSource>(METRICS_SOCKET_CLIENTS);
  }

  requestCounts(): RequestCountsSource | undefined {
    return this.find<RequestCountsSource>(METRICS_REQUEST_COUNTS);
  }

  deskTickets(): DeskTicketsSource | undefined {
    return this.find<DeskTicketsSource>(METRICS_DESK_TICKETS);
  }

  callEventFeed(): CallEventFeed | undefined {
    return this.find<CallEventFeed>(METRICS_CALL_EVENT_FEED);
  }

  private find<T>(token: symbol): T | undefined {
    try {
      return this.moduleRef.get<T>(token, { strict: false }) ?? undefined;
    } catch {
      return undefined;
    }
  }
}
