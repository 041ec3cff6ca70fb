import 'reflect-metadata';
import { createIrisApp } from './app/create-app.js';
import { ConfigError, loadConfig } from './config/iris-config.js';
import { createLogger } from './logging/logger.js';

const SHUTDOWN_DEADLINE_MS = 10_000;

/** `node server/dist/main.js`: configuration from the environment, one JSON log line per event. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger('info').fatal({ problems: error.problems }, error.message);
    process.exitCode = 1;
    return;
  }
  const logger = createLogger(config.logLevel);
  // Shutdown hooks close sockets, AMI and Redis in order; if a dependency is already gone and
  // something still waits on it, leave anyway rather than hang the operator's Ctrl-C.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        logger.error({ signal, afterMs: SHUTDOWN_DEADLINE_MS }, 'shutdown did not finish in time; exiting');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
    });
  }
  try {
    await createIrisApp(config, { logger, shutdownHooks: true });
  } catch (error) {
    logger.fatal({ err: error }, 'IRIS failed to start');
    process.exitCode = 1;
    // Give pino a moment to flush, then leave: half-started clients must not keep us alive.
    setTimeout(() => process.exit(1), 200).unref();
  }
}

void main();
