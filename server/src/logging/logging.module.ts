import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { IRIS_LOGGER } from './logger.js';

/** Makes the process's pino logger injectable as @Inject(IRIS_LOGGER). */
@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return { module: LoggingModule, providers: [{ provide: IRIS_LOGGER, useValue: logger }], exports: [IRIS_LOGGER] };
  }
}
