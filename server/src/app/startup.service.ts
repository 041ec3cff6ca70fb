import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { IRIS_CONFIG, type IrisConfig } from '../config/iris-config.js';
import { IRIS_LOGGER } from '../logging/logger.js';
import { DEMO_USERS } from '../users/demo-users.js';
import { UsersService } from '../users/users.service.js';

/** Start-up chores: the demo users when IRIS_DEMO_SEED_USERS=true (their logins are printed). */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  constructor(
    @Inject(IRIS_CONFIG) private readonly config: IrisConfig,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(IRIS_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demoSeedUsers) return;
    const created = await this.users.seedDemo(DEMO_USERS);
    this.logger.warn(
      {
        created,
        logins: DEMO_USERS.map((user) => ({
          username: user.username,
          password: user.password,
          roles: user.roles,
          agentId: user.agentId,
        })),
      },
      'demo users seeded (IRIS_DEMO_SEED_USERS=true): never in production',
    );
  }
}
