import { jestConfig } from '../jest.preset.mjs';

export default jestConfig({
  displayName: 'dashboard',
  dir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
});
