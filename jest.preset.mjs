// One jest setup for every TypeScript package: @swc/jest emitting ES modules (NestJS 12 is
// ESM only), legacy decorators with metadata on (Nest's DI reads design:paramtypes), and the
// workspace packages mapped to their sources so tests never need a build first.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(fileURLToPath(import.meta.url));

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** @param {{ displayName: string, dir: string, testMatch: string[], globalSetup?: string, globalTeardown?: string, testTimeout?: number }} options */
export function jestConfig(options) {
  return {
    displayName: options.displayName,
    rootDir: options.dir,
    testEnvironment: 'node',
    testMatch: options.testMatch,
    extensionsToTreatAsEsm: ['.ts'],
    transform: { '^.+\\.(t|j)s$': ['@swc/jest', swcOptions] },
    moduleNameMapper: {
      '^@iris/shared$': path.join(root, 'shared/src/index.ts'),
      '^@iris/telephony$': path.join(root, 'telephony/src/index.ts'),
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    clearMocks: true,
    globalSetup: options.globalSetup,
    globalTeardown: options.globalTeardown,
    testTimeout: options.testTimeout ?? 10_000,
  };
}
