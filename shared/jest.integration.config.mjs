import { jestConfig } from '../jest.preset.mjs';

export default jestConfig({
  displayName: 'shared:integration',
  dir: import.meta.dirname,
  testMatch: ['<rootDir>/test/**/*.integration-spec.ts'],
  globalSetup: '../tools/redis-global-setup.mjs',
  globalTeardown: '../tools/redis-global-teardown.mjs',
  testTimeout: 60_000,
});
