import { fileURLToPath } from 'node:url';
import {
  boolean,
  ConfigValueError,
  decimal,
  host,
  integer,
  keyPrefix,
  oneOf,
  optionalText,
  text,
  url,
  type Parser,
} from './config-parsers.js';
import { DEFAULT_OPENING_HOURS, OpeningHoursError, parseOpeningHours } from '../metrics/opening-hours.js';

/**
 * Every environment variable IRIS reads, in one table: name, default, meaning and parser.
 * The typed `IrisConfig` is derived from it and the README's table is generated from it, so
 * a variable is added in exactly one place. Other features add their entries here
 * (additively, one entry each).
 */
export interface ConfigVariable<T> {
  /** Environment variable name. */
  readonly env: string;
  /** Raw default used when the variable is unset or empty; undefined means none. */
  readonly default: string | undefined;
  /** What it is for, in one sentence (shown in the README). */
  readonly meaning: string;
  /** Never printed: logs and errors show "***". */
  readonly secret?: boolean;
  readonly parse: Parser<T>;
}

/** Opening hours checked at start-up (the metrics module parses them again with the same code). */
const openingHours: Parser<string> = (raw) => {
  const value = (raw ?? '').trim();
  try {
    parseOpeningHours(value);
  } catch (error) {
    if (!(error instanceof OpeningHoursError)) throw error;
    const detail = error.message.replace(/^opening hours: /, '');
    throw new ConfigValueError(`${JSON.stringify(value)} is not "<days> HH:MM-HH:MM; ..." (${detail})`);
  }
  return value;
};

function variable<T>(spec: ConfigVariable<T>): ConfigVariable<T> {
  return spec;
}

/** The built dashboard, resolved from this file (src/config or dist/config) to the repo root. */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../../dashboard/dist', import.meta.url));

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const CONFIG_VARIABLES = {
  port: variable({
    env: 'PORT',
    default: '3000',
    meaning: 'HTTP port of the server (REST, socket.io, dashboard).',
    parse: integer(0, 65535),
  }),
  host: variable({ env: 'HOST', default: '127.0.0.1', meaning: 'Address the HTTP server listens on.', parse: host }),
  redisUrl: variable({
    env: 'REDIS_URL',
    default: 'redis://127.0.0.1:6379',
    meaning: 'Redis 7 connection URL (event log, projections, sessions, socket.io adapter).',
    parse: url(['redis', 'rediss']),
  }),
  keyPrefix: variable({
    env: 'IRIS_KEY_PREFIX',
    default: 'iris:',
    meaning: 'Prefix of every Redis key IRIS writes.',
    parse: keyPrefix,
  }),
  amiEnabled: variable({
    env: 'AMI_ENABLED',
    default: 'true',
    meaning: 'Connect to Asterisk AMI; false runs without telephony (health says so).',
    parse: boolean,
  }),
  amiHost: variable({ env: 'AMI_HOST', default: '127.0.0.1', meaning: 'Asterisk AMI host.', parse: host }),
  amiPort: variable({ env: 'AMI_PORT', default: '5038', meaning: 'Asterisk AMI TCP port.', parse: integer(1, 65535) }),
  amiUsername: variable({
    env: 'AMI_USERNAME',
    default: undefined,
    meaning: 'AMI user (manager.conf); required when AMI_ENABLED=true.',
    parse: optionalText,
  }),
  amiSecret: variable({
    env: 'AMI_SECRET',
    default: undefined,
    meaning: 'AMI secret; required when AMI_ENABLED=true.',
    secret: true,
    parse: optionalText,
  }),
  shortAbandonSeconds: variable({
    env: 'SHORT_ABANDON_SECONDS',
    default: '5',
    meaning: 'Abandons after less waiting than this are short abandons, left out of offered calls.',
    parse: integer(0, 3600),
  }),
  serviceLevelSeconds: variable({
    env: 'SERVICE_LEVEL_SECONDS',
    default: '20',
    meaning: 'Service-level threshold for queues whose Asterisk servicelevel is 0.',
    parse: integer(1, 3600),
  }),
  pickupRateTarget: variable({
    env: 'PICKUP_RATE_TARGET',
    default: '0.91',
    meaning: 'Contract target for the pickup rate (0-1).',
    parse: decimal(0, 1),
  }),
  patchMaxPerSecond: variable({
    env: 'PATCH_MAX_PER_SECOND',
    default: '4',
    meaning: 'Most live patches sent per second per socket room (the first after a quiet spell goes at once).',
    parse: decimal(0.1, 1000),
  }),
  sessionTtlHours: variable({
    env: 'SESSION_TTL_HOURS',
    default: '12',
    meaning: 'Lifetime of a sign-in session.',
    parse: decimal(0.01, 24 * 90),
  }),
  cookieSecure: variable({
    env: 'COOKIE_SECURE',
    default: 'false',
    meaning: 'Mark the session cookie Secure (true behind HTTPS).',
    parse: boolean,
  }),
  loginRateLimit: variable({
    env: 'LOGIN_RATE_LIMIT',
    default: '10',
    meaning: 'Sign-in attempts allowed per 15 minutes per client address and user name.',
    parse: integer(1, 100_000),
  }),
  dashboardDir: variable({
    env: 'DASHBOARD_DIR',
    default: DEFAULT_DASHBOARD_DIR,
    meaning: 'Directory of the built dashboard served at / (default: dashboard/dist of this repo).',
    parse: text,
  }),
  demoSeedUsers: variable({
    env: 'IRIS_DEMO_SEED_USERS',
    default: 'false',
    meaning: 'Create the named demo users (printed at start-up); never in production.',
    parse: boolean,
  }),
  metricsToken: variable({
    env: 'METRICS_TOKEN',
    default: undefined,
    meaning: 'Bearer token required on /metrics when set.',
    secret: true,
    parse: optionalText,
  }),
  openingHours: variable({
    env: 'OPENING_HOURS',
    default: DEFAULT_OPENING_HOURS,
    meaning:
      'Front-office opening hours, Europe/Paris (`iris_front_office_open` on /metrics gates the alerts): days sun..sat as a range or list, then HH:MM-HH:MM spans, rules split by ";".',
    parse: openingHours,
  }),
  closedOnPublicHolidays: variable({
    env: 'CLOSED_ON_PUBLIC_HOLIDAYS',
    default: 'true',
    meaning: 'The front office is closed on French public holidays (Easter Monday, Ascension, 14 July, ...).',
    parse: boolean,
  }),
  logLevel: variable({ env: 'LOG_LEVEL', default: 'info', meaning: 'pino log level.', parse: oneOf(LOG_LEVELS) }),
  projectorEnabled: variable({
    env: 'PROJECTOR_ENABLED',
    default: 'true',
    meaning: 'Take part in the projector lease (one replica projects at a time).',
    parse: boolean,
  }),
  readyMaxProjectorLagSeconds: variable({
    env: 'READY_MAX_PROJECTOR_LAG_SECONDS',
    default: '10',
    meaning: '/health/ready fails when the projector lags the event log by more than this.',
    parse: decimal(0.1, 86_400),
  }),
  deskKioskTicketsPerMinute: variable({
    env: 'DESK_KIOSK_TICKETS_PER_MINUTE',
    default: '20',
    meaning: 'Desk tickets one kiosk (client address) may take per minute.',
    parse: integer(1, 10_000),
  }),
  // --- intake channels and routing (intake/, citizens/, routing/) ---
  smtpEnabled: variable({
    env: 'SMTP_ENABLED',
    default: 'true',
    meaning: 'Run the built-in SMTP server that receives the city address mail.',
    parse: boolean,
  }),
  smtpPort: variable({
    env: 'SMTP_PORT',
    default: '2525',
    meaning: 'Port of the built-in SMTP intake server (the city relay pushes mail to it).',
    parse: integer(0, 65535),
  }),
  smtpHost: variable({
    env: 'SMTP_HOST',
    default: '127.0.0.1',
    meaning: 'Address the SMTP intake server listens on.',
    parse: host,
  }),
  intakeEmailAddress: variable({
    env: 'INTAKE_EMAIL_ADDRESS',
    default: 'contact@ville-issy.fr',
    meaning: 'The one city address the SMTP intake accepts mail for (replies leave from it).',
    parse: text,
  }),
  smtpMaxMessageBytes: variable({
    env: 'SMTP_MAX_MESSAGE_BYTES',
    default: String(25 * 1024 * 1024),
    meaning: 'Largest email accepted (bigger ones are refused with SMTP 552).',
    parse: integer(1024, 200 * 1024 * 1024),
  }),
  attachmentMaxBytes: variable({
    env: 'ATTACHMENT_MAX_BYTES',
    default: String(10 * 1024 * 1024),
    meaning: 'Largest single attachment or scanned letter accepted.',
    parse: integer(1024, 100 * 1024 * 1024),
  }),
  smtpRelayUrl: variable({
    env: 'SMTP_RELAY_URL',
    default: undefined,
    meaning: 'SMTP relay replies are sent through (smtp://user:pass@host:port); unset: email replies are refused.',
    secret: true,
    parse: optionalText,
  }),
  smsWebhookSecret: variable({
    env: 'SMS_WEBHOOK_SECRET',
    default: undefined,
    meaning:
      'HMAC-SHA256 secret shared with the SMS provider (X-Iris-Signature); unset: the SMS webhook refuses everything.',
    secret: true,
    parse: optionalText,
  }),
  smsProviderUrl: variable({
    env: 'SMS_PROVIDER_URL',
    default: undefined,
    meaning: "SMS provider's HTTP send endpoint; unset: SMS replies are refused.",
    parse: optionalText,
  }),
  smsProviderToken: variable({
    env: 'SMS_PROVIDER_TOKEN',
    default: undefined,
    meaning: 'Bearer token for the SMS provider.',
    secret: true,
    parse: optionalText,
  }),
  smsSender: variable({
    env: 'SMS_SENDER',
    default: 'MAIRIE',
    meaning: 'Sender name or number of outbound SMS.',
    parse: text,
  }),
  routingAutoThreshold: variable({
    env: 'ROUTING_AUTO_THRESHOLD',
    default: '0.9',
    meaning:
      'A suggested category at least this confident (a calibrated chance of being right) routes the request at once; below, it waits for an agent.',
    parse: decimal(0, 1),
  }),
  staffingServiceLevelTarget: variable({
    env: 'STAFFING_SERVICE_LEVEL_TARGET',
    default: '0.8',
    meaning:
      'Staffing advice target: share of calls answered within SERVICE_LEVEL_SECONDS (and of visitors called within DESK_TARGET_WAIT_MINUTES).',
    parse: decimal(0.01, 0.999),
  }),
  staffingDefaultHandleSeconds: variable({
    env: 'STAFFING_DEFAULT_HANDLE_SECONDS',
    default: '180',
    meaning: 'Mean handle time assumed by the staffing advice when no call ended in the last 15 minutes.',
    parse: integer(1, 7200),
  }),
  deskTargetWaitMinutes: variable({
    env: 'DESK_TARGET_WAIT_MINUTES',
    default: '15',
    meaning: 'Staffing advice: a desk visitor should be called within this many minutes.',
    parse: integer(1, 240),
  }),
  deskDefaultServiceMinutes: variable({
    env: 'DESK_DEFAULT_SERVICE_MINUTES',
    default: '7',
    meaning: 'Mean time at the counter assumed until today has closed tickets.',
    parse: decimal(0.5, 240),
  }),
  staffingAutoCheckSeconds: variable({
    env: 'STAFFING_AUTO_CHECK_SECONDS',
    default: '60',
    meaning: 'How often the automatic staffing switch (off by default) looks at the advice.',
    parse: integer(5, 3600),
  }),
  staffingAutoCooldownMinutes: variable({
    env: 'STAFFING_AUTO_COOLDOWN_MINUTES',
    default: '20',
    meaning: 'An agent moved automatically is not moved again automatically for this long.',
    parse: integer(0, 600),
  }),
} as const;

export type ConfigVariables = typeof CONFIG_VARIABLES;
