import { pino, type Logger } from 'pino';

/** Paths pino blanks out wherever they appear in a log object: no secret ever reaches a log. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'secret',
  '*.secret',
  'amiSecret',
  '*.amiSecret',
  'token',
  '*.token',
  'metricsToken',
  '*.metricsToken',
  'passwordHash',
  '*.passwordHash',
  'sessionId',
  '*.sessionId',
  'headers.cookie',
  'headers.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

/** Nest injection token of the root pino logger. */
export const IRIS_LOGGER = Symbol('IRIS_LOGGER');

/** One structured JSON logger for the whole process (stdout, one object per line). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'iris-server', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '***' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
