import { jestConfig } from '../jest.preset.mjs';

const base = jestConfig({
  displayName: 'dashboard',
  dir: import.meta.dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
});

// Runes modules (*.svelte.ts) go through Svelte's compiler; everything else through the preset's swc.
export default {
  ...base,
  transform: { '^.+\\.svelte\\.ts$': '<rootDir>/jest/svelte-module-transform.mjs', ...base.transform },
};
