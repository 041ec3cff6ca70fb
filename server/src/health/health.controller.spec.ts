import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { Clock } from './clock.js';
import { HealthController } from './health.controller.js';

class FixedClock extends Clock {
  override now(): number {
    return 1_700_000_000_000;
  }
}

describe('decorator metadata under @swc/jest', () => {
  it('records constructor parameter types, which Nest needs to inject', () => {
    expect(Reflect.getMetadata('design:paramtypes', HealthController)).toEqual([Clock]);
  });

  it('resolves a controller with its injected provider through a real Nest module', async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [HealthController],
      providers: [{ provide: Clock, useClass: FixedClock }],
    }).compile();
    expect(moduleRef.get(HealthController).live()).toEqual({ status: 'ok', time: 1_700_000_000_000 });
    await moduleRef.close();
  });
});
