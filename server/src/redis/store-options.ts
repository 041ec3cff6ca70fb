/** What StoreModule.forRoot needs; the server fills it from its validated configuration. */
export interface StoreOptions {
  readonly redisUrl: string;
  /** Every key starts with it (default `iris:`). */
  readonly keyPrefix: string;
  /** Abandons strictly shorter than this are short abandons (DESIGN.md, default 5). */
  readonly shortAbandonSeconds: number;
  /** Service level used when Asterisk's servicelevel is 0 (default 20). */
  readonly defaultServiceLevelSeconds: number;
  /** Whether this replica competes for the projector lease (one holder at a time across replicas). */
  readonly runProjector: boolean;
  /** How long an event id is remembered for deduplication (seconds, default 8 days). */
  readonly dedupeWindowSeconds?: number;
}

export const STORE_OPTIONS = Symbol('IRIS_STORE_OPTIONS');

/** Injection token of the dedupe window (seconds an event id is remembered). */
export const DEDUPE_WINDOW_SECONDS = Symbol('IRIS_DEDUPE_WINDOW_SECONDS');

export const DEFAULT_DEDUPE_WINDOW_SECONDS = 8 * 24 * 3600;

/** The KPI rules projections apply; part of what a rebuild must reproduce. */
export interface KpiRules {
  readonly shortAbandonSeconds: number;
  readonly defaultServiceLevelSeconds: number;
}
