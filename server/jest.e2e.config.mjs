import { jestConfig } from '../jest.preset.mjs';

export default jestConfig({
  displayName: 'server:e2e',
  dir: import.meta.dirname,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  globalSetup: '../tools/redis-global-setup.mjs',
  globalTeardown: '../tools/redis-global-teardown.mjs',
  testTimeout: 120_000,
});
