/**
 * The ONE place Redis keys are built. Every key lives under the configured prefix
 * (default `iris:`). Features add their own builders here, additively.
 *
 * Layout:
 *   <prefix>events                     the event log (Stream); entries { e: <event JSON> }
 *   <prefix>seen:<event id>            dedupe marker of an ingested event id (with a TTL)
 *   <prefix>projector:cursor           stream id of the last projected event
 *   <prefix>projector:count            number of events projected so far
 *   <prefix>projector:lease            token of the replica allowed to project (with a TTL)
 *   <prefix>changes                    pub/sub channel announcing what each batch changed
 *   <prefix>audit                      the access audit (Stream), apart from the event log
 *   <prefix>p:...                      projections: rebuildable from the log, nothing else there
 *   <prefix>rebuild:p:...              a rebuild's fresh projections, compared with p:
 *
 * Projection keys are built by ProjectionKeys from a root, so the same projection code
 * writes to the live namespace or to a rebuild's fresh one.
 */
export class StoreKeys {
  constructor(readonly prefix: string) {
    if (!/^[^\s*?[\]]*$/.test(prefix))
      throw new Error(`invalid Redis key prefix ${JSON.stringify(prefix)}: no spaces or glob characters`);
  }

  eventLog(): string {
    return `${this.prefix}events`;
  }

  /** Prefix of dedupe markers; the marker of one event is this + its id. */
  seenPrefix(): string {
    return `${this.prefix}seen:`;
  }

  seen(eventId: string): string {
    return `${this.seenPrefix()}${eventId}`;
  }

  projectorCursor(): string {
    return `${this.prefix}projector:cursor`;
  }

  projectorCount(): string {
    return `${this.prefix}projector:count`;
  }

  projectorLease(): string {
    return `${this.prefix}projector:lease`;
  }

  changesChannel(): string {
    return `${this.prefix}changes`;
  }

  /** The live projections. */
  projections(): ProjectionKeys {
    return new ProjectionKeys(`${this.prefix}p:`);
  }

  /** A rebuild's fresh projections (wiped before each rebuild). */
  rebuildProjections(): ProjectionKeys {
    return new ProjectionKeys(`${this.prefix}rebuild:p:`);
  }

  rebuildCursor(): string {
    return `${this.prefix}rebuild:cursor`;
  }

  rebuildCount(): string {
    return `${this.prefix}rebuild:count`;
  }

  /** Counter of the desk tickets handed out today for one reason prefix (not a projection: an allocator). */
  deskTicketSequence(day: string, prefix: string): string {
    return `${this.prefix}desk:seq:${day}:${prefix}`;
  }

  /** Tickets taken by one kiosk client in one minute (rate limit). */
  deskKioskRate(client: string, minute: number): string {
    return `${this.prefix}desk:kiosk-rate:${client}:${minute}`;
  }

  /** Hash of staffing settings (automatic switch). */
  staffingSettings(): string {
    return `${this.prefix}staffing:settings`;
  }

  /** When the automatic staffing last moved an agent (hash agentId -> epoch ms), to avoid ping-pong. */
  staffingAutoMoves(): string {
    return `${this.prefix}staffing:auto-moves`;
  }

  // --- sign-in and users (auth/, users/) ---

  /** Hash of one user: username, displayName, roles (JSON), agentId, service, passwordHash, times. */
  /**
   * The access audit: who read or changed which fiche, request or export, when and why.
   * A Stream of its own, never mixed into the event log, with its own retention.
   */
  accessAudit(): string {
    return `${this.prefix}audit`;
  }

  user(username: string): string {
    return `${this.prefix}user:${username}`;
  }

  /** Set of every user name. */
  userIndex(): string {
    return `${this.prefix}users`;
  }

  /** A session (JSON, with a TTL), keyed by the SHA-256 of the cookie's session id. */
  session(sessionIdDigest: string): string {
    return `${this.prefix}session:${sessionIdDigest}`;
  }

  /** Sign-in attempts of one client address for one user name (counter with a 15-minute TTL). */
  loginAttempts(ip: string, username: string): string {
    return `${this.prefix}login-attempts:${ip}:${username}`;
  }

  /** A mode change asked for and not yet confirmed by Asterisk (JSON, with a TTL). */
  pendingAgentMode(agentId: string): string {
    return `${this.prefix}agent-mode-pending:${agentId}`;
  }

  // --- intake, citizens, routing (intake/, citizens/, routing/) ---

  /** Counter of request references handed out in one year (allocator, like desk ticket numbers). */
  requestSequence(year: number): string {
    return `${this.prefix}requests:seq:${year}`;
  }

  /**
   * Hash source ref (email Message-ID, SMS id, ticket id, call id) -> request reference:
   * allocated with the reference, so a redelivered message finds its request at once and a
   * reply's In-Reply-To joins its thread without waiting for the projector.
   */
  requestSources(): string {
    return `${this.prefix}requests:sources`;
  }

  /** The bytes of one stored file (email attachment, scanned letter), content-addressed. */
  attachment(sha256: string): string {
    return `${this.prefix}attachment:${sha256}`;
  }

  /** JSON of one stored file's metadata (name, type, size). */
  attachmentMeta(sha256: string): string {
    return `${this.prefix}attachment-meta:${sha256}`;
  }

  /** The services catalogue as the admin edited it (JSON); seeded from server/data on first start. */
  servicesCatalogue(): string {
    return `${this.prefix}routing:catalogue`;
  }
}

/** Granularity codes used in bucket keys. */
const GRANULARITY_CODE = { minute: 'm', hour: 'h', day: 'd' } as const;

/** KPI scope: one queue, or the whole front office. */
export type KpiScope = { readonly queue: string } | 'front-office';

export class ProjectionKeys {
  constructor(readonly root: string) {}

  /** Hash queue name -> JSON meta { serviceLevelSeconds, strategy }: every queue known. */
  queues(): string {
    return `${this.root}queues`;
  }

  /** Hash queue name -> epoch ms of its first activity (calls, member changes). */
  queueActivity(): string {
    return `${this.root}queues:activity`;
  }

  /** Hash callId -> JSON waiting caller. */
  queueWaiting(queue: string): string {
    return `${this.root}queue:${queue}:waiting`;
  }

  /** Hash member interface -> JSON member. */
  queueMembers(queue: string): string {
    return `${this.root}queue:${queue}:members`;
  }

  /** Hash callId -> JSON call in progress (answered, not yet ended). */
  queueCalls(queue: string): string {
    return `${this.root}queue:${queue}:calls`;
  }

  /** Hash agentId -> JSON agent record. */
  agents(): string {
    return `${this.root}agents`;
  }

  /** Hash of KPI counters (shared's KpiCounters fields) for one bucket. */
  kpiBucket(scope: KpiScope, granularity: 'minute' | 'hour' | 'day', bucketId: string): string {
    const scopePart = scope === 'front-office' ? 'fo' : `q:${scope.queue}`;
    return `${this.root}kpi:${scopePart}:${GRANULARITY_CODE[granularity]}:${bucketId}`;
  }

  /** Hash: how one inbound call (Linkedid) counts in the front-office totals, and which queue outcomes were seen. */
  frontOfficeCall(linkedId: string): string {
    return `${this.root}fo-call:${linkedId}`;
  }

  /**
   * Hash: the last finished queue calls of one queue or of the whole front office, as a
   * ring (`next` = entries ever added, `s:<n mod capacity>` = JSON RecentCallRecord,
   * `i:<queue>|<callId>` = n of that stay's entry while it is in the ring).
   */
  recentCalls(scope: KpiScope): string {
    return `${this.root}recent-calls:${scope === 'front-office' ? 'fo' : `q:${scope.queue}`}`;
  }

  /** Hash event id -> JSON telephony gap (calls missed while the bridge was away). */
  telephonyGaps(): string {
    return `${this.root}telephony:gaps`;
  }

  /** Hash ticketId -> JSON desk ticket (shared DeskTicket), one per Paris day. */
  deskTickets(day: string): string {
    return `${this.root}desk:tickets:${day}`;
  }

  /** Hash date -> JSON day plan { date, revision, slots } of the rotation plan. */
  rotationPlans(): string {
    return `${this.root}rotation:plans`;
  }

  /** Hash event id -> JSON agent.mode_changed, one per Paris day (time per mode, plan deviations). */
  agentModeChanges(day: string): string {
    return `${this.root}rotation:mode-changes:${day}`;
  }

  /** Hash event id -> JSON { type, projection, reason }: events a projection could not apply. */
  projectionFailures(): string {
    return `${this.root}projector:failures`;
  }

  /** Hash with one field `record`: JSON RequestRecord of one request (one hash each: cheap to read per batch). */
  request(reference: string): string {
    return `${this.root}request:${reference}`;
  }

  /** Hash reference -> JSON inbox line of the requests routed to one service and not closed. */
  serviceInbox(serviceId: string): string {
    return `${this.root}inbox:${serviceId}`;
  }

  /** Hash category -> number of requests re-routed away from it (mis-routes). */
  misroutes(): string {
    return `${this.root}routing:misroutes`;
  }

  /** Hash channel -> requests received that Paris day. */
  intakeDay(day: string): string {
    return `${this.root}intake:day:${day}`;
  }

  /**
   * Hash `<channel>|<service>` -> requests received since the beginning, by channel and the
   * service they were first routed to (`<channel>|` while not routed yet).
   */
  intakeTotals(): string {
    return `${this.root}intake:totals`;
  }

  /** Hash reference -> JSON { text, category }: categories confirmed by agents (the classifier learns from them). */
  classifierExamples(): string {
    return `${this.root}routing:confirmed`;
  }

  /** Hash with one field `record`: JSON CitizenRecord. */
  citizen(citizenId: string): string {
    return `${this.root}citizen:${citizenId}`;
  }

  /** Hash identifier -> citizenId, for one kind of identifier (E.164 phone, folded email, name+address key). */
  citizenIndex(kind: 'phone' | 'email' | 'name-address'): string {
    return `${this.root}citizens:by-${kind}`;
  }

  /** Hash citizenId -> '1': records whose name contains this folded token (search, duplicate candidates). */
  citizenNameToken(token: string): string {
    return `${this.root}citizens:name:${token}`;
  }

  /** Hash citizenId -> '1': records with a postal address holding this folded street token or postal code (search). */
  citizenAddressToken(token: string): string {
    return `${this.root}citizens:address:${token}`;
  }

  /** Hash reference -> receivedAt: the requests filed on one record (merged records keep theirs). */
  citizenRequests(citizenId: string): string {
    return `${this.root}citizen-requests:${citizenId}`;
  }

  /** Hash mergeId -> JSON { sourceId, targetId, active, ... }: every merge, undone or not. */
  citizenMerges(): string {
    return `${this.root}citizens:merges`;
  }
}
