import { jestConfig } from '../jest.preset.mjs';

export default jestConfig({
  displayName: 'telephony',
  dir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
});
