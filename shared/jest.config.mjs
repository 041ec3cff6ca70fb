import { jestConfig } from '../jest.preset.mjs';

export default jestConfig({
  displayName: 'shared',
  dir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
});
