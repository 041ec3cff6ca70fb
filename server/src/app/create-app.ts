import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { printableConfig, type IrisConfig } from '../config/iris-config.js';
import { LiveGateway } from '../live/live.gateway.js';
import { RedisIoAdapter } from '../live/redis-io.adapter.js';
import { createLogger } from '../logging/logger.js';
import { NestPinoLogger } from '../logging/nest-pino.logger.js';
import { requestIdMiddleware } from '../logging/request-id.middleware.js';
import { SESSION_COOKIE } from '../auth/session-cookie.js';
import { AppModule } from './app.module.js';
import { serveDashboard } from './dashboard-static.js';
import { securityHeadersMiddleware } from './security-headers.middleware.js';

export interface IrisApp {
  readonly app: NestExpressApplication;
  /** http://host:port of the listening server. */
  readonly url: string;
  readonly logger: Logger;
  /** Closes sockets, the AMI bridge, then Redis (what SIGTERM does with shutdown hooks). */
  close(): Promise<void>;
}

export interface CreateIrisAppOptions {
  readonly logger?: Logger;
  /** Handle SIGTERM/SIGINT (the real process does; in-process test replicas do not). */
  readonly shutdownHooks?: boolean;
}

/** Builds, wires and starts the server from a validated config. Used by main.ts, e2e tests and benchmarks. */
export async function createIrisApp(config: IrisConfig, options: CreateIrisAppOptions = {}): Promise<IrisApp> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    logger: new NestPinoLogger(logger.child({ component: 'nest' })),
    // Webhooks signed over their exact bytes (the SMS provider's HMAC) need the raw body.
    rawBody: true,
  });
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.use(requestIdMiddleware(logger));
  app.use(securityHeadersMiddleware);

  const adapter = new RedisIoAdapter(app, config.redisUrl, config.keyPrefix, (error) =>
    logger.warn({ err: error }, 'socket.io Redis adapter connection'),
  );
  await adapter.connect();
  app.useWebSocketAdapter(adapter);

  const openApi = new DocumentBuilder()
    .setTitle('IRIS API')
    .setDescription(
      'Live supervision of the front office: queues, agents, KPIs, sign-in and users. Errors are JSON {code, message}.',
    )
    .setVersion('0.1.0')
    .addCookieAuth(SESSION_COOKIE)
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  const dashboard = serveDashboard(app, config.dashboardDir);
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info(
    {
      url,
      dashboard: dashboard.built ? config.dashboardDir : null,
      config: printableConfig(config),
      gateway: app.get(LiveGateway) ? 'socket.io' : null,
    },
    `IRIS listening on ${url}`,
  );
  return { app, url, logger, close: () => app.close() };
}
