// One lint config for the workspace. Module boundaries are Nx project tags (set in each
// package.json): shared depends on nothing; telephony on shared; server on shared and
// telephony; dashboard on shared only. A wrong import fails lint.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import jsoncParser from 'jsonc-eslint-parser';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/coverage/**',
      '.nx/**',
      '.reports/**',
      'artifacts/**',
      '.demo/**',
    ],
  },
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  {
    files: ['**/*.ts', '**/*.svelte', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
    },
  },
  {
    // Nest reads constructor parameter types at run time (decorator metadata): a type-only
    // import there would erase the class and break injection.
    files: ['server/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
      globals: { ...globals.browser },
    },
  },
  {
    files: ['dashboard/**/*.ts', 'dashboard/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Each package declares exactly what its code imports: an unused or undeclared dependency
    // fails lint (each project's lint target lints its package.json).
    files: ['**/package.json'],
    languageOptions: { parser: jsoncParser },
    plugins: { '@nx': nx },
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          buildTargets: ['build'],
          checkMissingDependencies: true,
          checkObsoleteDependencies: true,
          checkVersionMismatches: true,
          includeTransitiveDependencies: false,
          // rxjs: a peer dependency NestJS needs at run time, never imported by IRIS itself.
          // asterisk-manager: loaded with createRequire (untyped CommonJS), which the check cannot see.
          ignoredDependencies: ['rxjs', 'asterisk-manager'],
          // Loaded by tooling, not imported by the package's code.
          ignoredFiles: ['**/jest.config.mjs', '**/jest.*.config.mjs', '**/vite.config.ts', '**/svelte.config.js'],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.svelte', '**/*.mjs', '**/*.js'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          enforceBuildableLibDependency: false,
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:telephony', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:server', onlyDependOnLibsWithTags: ['scope:shared', 'scope:telephony'] },
            { sourceTag: 'scope:dashboard', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:prometheus', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
    },
  },
);
