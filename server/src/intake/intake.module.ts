import { Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { IRIS_CONFIG } from '../config/iris-config.js';
import { HealthModule } from '../health/health.module.js';
import { ProjectionRegistry } from '../projector/projection-registry.js';
import { CitizensController } from '../citizens/citizens.controller.js';
import { RoutingController } from '../routing/routing.controller.js';
import { PersonalDataService } from '../access/personal-data.service.js';
import { AccessAuditRepository } from '../audit/access-audit.repository.js';
import { AccessAuditService } from '../audit/access-audit.service.js';
import { EmailIntakeService } from './email/email-intake.service.js';
import { EmailReplyService } from './email/email-reply.service.js';
import { SmtpIntakeServer } from './email/smtp-intake.server.js';
import { IntakeController } from './intake.controller.js';
import { INTAKE_OPTIONS, intakeOptionsFromConfig, type IntakeOptions } from './intake-options.js';
import { registerIntakeProjections } from './intake-projections.js';
import { INTAKE_DOMAIN_PROVIDERS } from './intake-providers.js';
import { MailIntakeService } from './mail/mail-intake.service.js';
import { RequestsController } from './requests.controller.js';
import { SmsIntakeService } from './sms/sms-intake.service.js';
import { HttpSmsProvider, SMS_PROVIDER } from './sms/sms-provider.js';
import { SmsReplyService } from './sms/sms-reply.service.js';
import { SmsWebhookController } from './sms/sms-webhook.controller.js';

/** Registers the citizen and request projections before the projector starts. */
@Injectable()
export class IntakeProjectionRegistration implements OnModuleInit {
  constructor(@Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    registerIntakeProjections(this.registry);
  }
}

/**
 * Every channel into one citizen record: desk and phone requests, scanned paper mail, the
 * built-in SMTP server and replies through the relay, the SMS webhook and provider; the
 * citizen record (identity, duplicates, merges, timeline); qualification and routing.
 * Needs the global store module (Redis, ingest, projection registry) and the config.
 */
@Module({
  imports: [HealthModule],
  controllers: [IntakeController, RequestsController, SmsWebhookController, CitizensController, RoutingController],
  providers: [
    { provide: INTAKE_OPTIONS, useFactory: intakeOptionsFromConfig, inject: [IRIS_CONFIG] },
    {
      provide: SMS_PROVIDER,
      useFactory: (options: IntakeOptions) =>
        new HttpSmsProvider(options.sms.providerUrl, options.sms.providerToken, options.sms.sender),
      inject: [INTAKE_OPTIONS],
    },
    IntakeProjectionRegistration,
    ...INTAKE_DOMAIN_PROVIDERS,
    AccessAuditRepository,
    AccessAuditService,
    PersonalDataService,
    EmailIntakeService,
    EmailReplyService,
    SmtpIntakeServer,
    MailIntakeService,
    SmsIntakeService,
    SmsReplyService,
  ],
  exports: [...INTAKE_DOMAIN_PROVIDERS, SmtpIntakeServer, PersonalDataService, AccessAuditService],
})
export class IntakeModule {}
