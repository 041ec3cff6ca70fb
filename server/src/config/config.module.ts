import { Global, Module, type DynamicModule } from '@nestjs/common';
import { IRIS_CONFIG, type IrisConfig } from './iris-config.js';

/** Makes the one parsed IrisConfig injectable everywhere as @Inject(IRIS_CONFIG). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: IrisConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: IRIS_CONFIG, useValue: config }], exports: [IRIS_CONFIG] };
  }
}
