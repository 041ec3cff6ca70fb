import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { Clock } from '../health/clock.js';
import type { AuditAction, AuditSubject } from './access-audit.js';
import { AccessAuditRepository } from './access-audit.repository.js';

/**
 * Records every read, search, change, export and erasure of personal data. It is awaited by
 * the reader before the data leaves the server: a read that cannot be recorded fails, so
 * nothing is ever seen without a trace.
 */
@Injectable()
export class AccessAuditService {
  constructor(
    @Inject(AccessAuditRepository) private readonly repository: AccessAuditRepository,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async record(
    actor: Actor,
    action: AuditAction,
    subject: AuditSubject,
    subjectIds: ReadonlyArray<string>,
    detail: string,
  ): Promise<void> {
    await this.repository.append([
      {
        at: this.clock.now(),
        actor: actor.username,
        roles: actor.roles,
        action,
        subject,
        subjectIds,
        purpose: actor.purpose,
        detail,
        requestId: actor.requestId,
      },
    ]);
  }
}
