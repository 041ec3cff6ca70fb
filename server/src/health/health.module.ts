import { Module } from '@nestjs/common';
import { Clock } from './clock.js';

/** The clock every feature injects. The health endpoints live in HealthChecksModule. */
@Module({ providers: [Clock], exports: [Clock] })
export class HealthModule {}
