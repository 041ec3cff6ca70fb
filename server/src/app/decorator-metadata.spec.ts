import 'reflect-metadata';
import { Clock } from '../health/clock.js';
import { HealthController } from '../health/health.controller.js';
import { ReadinessService } from '../health/readiness.service.js';

describe('decorator metadata under @swc/jest', () => {
  it('records constructor parameter types, which Nest needs to inject', () => {
    expect(Reflect.getMetadata('design:paramtypes', HealthController)).toEqual([Clock, ReadinessService]);
  });
});
