import { AttachmentsRepository } from './attachments.repository.js';
import { IntakeRejections } from './intake-rejections.js';
import { IntakeFiguresService } from './intake-figures.service.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';
import { CitizensRepository } from '../citizens/citizens.repository.js';
import { CitizensService } from '../citizens/citizens.service.js';
import { CitizenTimelineService } from '../citizens/citizen-timeline.service.js';
import { CatalogueRepository } from '../routing/catalogue.repository.js';
import { CatalogueService } from '../routing/catalogue.service.js';
import { QualificationService } from '../routing/qualification.service.js';
import { RoutingService } from '../routing/routing.service.js';

/**
 * The domain providers of intake, citizens and routing (no transport): the module adds the
 * channels and controllers, integration tests use these with a real Redis.
 */
export const INTAKE_DOMAIN_PROVIDERS = [
  IntakeRejections,
  AttachmentsRepository,
  RequestsRepository,
  RequestsService,
  CitizensRepository,
  CitizensService,
  CitizenTimelineService,
  CatalogueRepository,
  CatalogueService,
  QualificationService,
  RoutingService,
  IntakeFiguresService,
];
