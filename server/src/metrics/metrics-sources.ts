/**
 * What /metrics reads, as small interfaces ("ports"). The metrics module never reads Redis
 * keys or AMI itself: it asks the services that own the data. Each port is looked up in the
 * running app when a scrape happens (MetricsSourcesResolver); a port nobody provides yet
 * simply leaves its metrics out. Features provide a port with
 * `{ provide: METRICS_KPI_FIGURES, useExisting: KpiQueryService }` or the like, or the
 * resolver binds their class directly (see metrics-sources.resolver.ts).
 */
import type { KpiFigures, SupervisorState } from '@iris/shared';

/** KPI figures of any period [from, to) from the stored buckets (the store's KpiQueryService). */
export interface KpiFiguresSource {
  figures(query: { queue?: string; from: number; to: number }): Promise<KpiFigures>;
  /** Queues that ever had calls; when absent, the queues of the live state are used. */
  activeQueues?(): Promise<string[]>;
  /** epoch ms of the first queue activity the store knows (null when empty): the counters' origin. */
  firstActivityAt?(): Promise<number | null>;
}
export const METRICS_KPI_FIGURES = Symbol('IRIS_METRICS_KPI_FIGURES');

/** The live supervisor state (the store's LiveStateReader, or the live feed's LIVE_STATE_SOURCE). */
export interface LiveStateSnapshotSource {
  supervisorState(now: number): Promise<SupervisorState>;
}

/** The AMI bridge of this replica (telephony's bridge status()). */
export interface TelephonyLinkStatus {
  readonly state: string;
  /** epoch ms since the link is in this state. */
  readonly since: number;
  /** epoch ms of the last AMI event received, null if none yet. */
  readonly lastEventAt: number | null;
  readonly reconnects: number;
  /**
   * Frames refused at the edge since start, by reason: the frame parser's (malformed_line,
   * oversized, truncated, missing_type) and the normaliser's (missing_field, invalid_field,
   * internal_error, stale_call_evicted). An unknown reason is exported as "other".
   */
  readonly framesRejected: Readonly<Record<string, number>>;
}
export interface TelephonyStatusSource {
  status(): TelephonyLinkStatus;
}
export const METRICS_TELEPHONY_STATUS = Symbol('IRIS_METRICS_TELEPHONY_STATUS');

/** The projector (the store's Projector status()): lag is read from Redis, holder is this replica. */
export interface ProjectorStatusView {
  readonly holder: boolean;
  readonly projected: number;
  readonly lagEvents: number;
  readonly lagMs: number;
}
export interface ProjectorStatusSource {
  status(): Promise<ProjectorStatusView>;
}
export const METRICS_PROJECTOR_STATUS = Symbol('IRIS_METRICS_PROJECTOR_STATUS');

/** Socket clients connected to this replica, by room name (the live gateway). */
export interface SocketClientsSource {
  clientsByRoom(): Readonly<Record<string, number>>;
}
export const METRICS_SOCKET_CLIENTS = Symbol('IRIS_METRICS_SOCKET_CLIENTS');

/** Requests received since the beginning, by channel and first service, '' while not routed (the intake's RequestsRepository.totals()). */
export interface RequestCountsSource {
  requestCounts(): Promise<
    ReadonlyArray<{ readonly channel: string; readonly service: string; readonly count: number }>
  >;
}
export const METRICS_REQUEST_COUNTS = Symbol('IRIS_METRICS_REQUEST_COUNTS');

/** Input refused at an intake edge since this replica started (the intake's IntakeRejections). */
export interface IntakeRejectionsSource {
  snapshot(): ReadonlyArray<{ readonly channel: string; readonly reason: string; readonly count: number }>;
}
export const METRICS_INTAKE_REJECTIONS = Symbol('IRIS_METRICS_INTAKE_REJECTIONS');

/** Events the log's door refused since this replica started (the store's IngestService). */
export interface EventRefusalsSource {
  refusalCounts(): ReadonlyArray<{ readonly type: string; readonly reason: string; readonly count: number }>;
}
export const METRICS_EVENT_REFUSALS = Symbol('IRIS_METRICS_EVENT_REFUSALS');

/** The desk today (the desk service's figures): waiting now, at a counter now, closed today. */
export interface DeskTicketCounts {
  readonly waiting: number;
  readonly inService: number;
  readonly servedToday: number;
  readonly redirectedToday: number;
}
export interface DeskTicketsSource {
  deskTickets(): Promise<DeskTicketCounts>;
}
export const METRICS_DESK_TICKETS = Symbol('IRIS_METRICS_DESK_TICKETS');

/** The event log, read in order (the store's EventLogRepository): wait and talk histograms follow it. */
export interface EventLogSource {
  /** Events strictly after `afterStreamId`, at most `count`, in log order. */
  readAfter(
    afterStreamId: string,
    count: number,
  ): Promise<{
    events: ReadonlyArray<{ readonly streamId: string; readonly event: { readonly type: string } }>;
    lastStreamId: string | null;
  }>;
  /** The id of the newest event ('0-0' when the log is empty). */
  head(): Promise<{ lastStreamId: string }>;
}
export const METRICS_EVENT_LOG = Symbol('IRIS_METRICS_EVENT_LOG');

/** Settings the metrics module needs, provided by MetricsModule.forRoot() or the app config. */
export interface MetricsSettings {
  /** Bearer token required on /metrics; undefined = open. */
  readonly token: string | undefined;
  readonly pickupRateTarget: number;
  /** Opening hours, e.g. "mon-fri 08:30-17:30; sat 09:00-12:00" (Europe/Paris). */
  readonly openingHours: string;
  readonly closedOnPublicHolidays: boolean;
}
export const METRICS_SETTINGS = Symbol('IRIS_METRICS_SETTINGS');
