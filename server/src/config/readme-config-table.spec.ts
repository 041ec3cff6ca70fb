import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_VARIABLES } from './config-variables.js';
import { configVariablesMarkdown } from './iris-config.js';

const readme = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../README.md'), 'utf8');

describe('README configuration table', () => {
  it('is the table of the variables the server really reads (run `node scripts/readme-config-table.mjs`)', () => {
    const section = /<!-- config-table:start -->\n([\s\S]*?)<!-- config-table:end -->/.exec(readme)?.[1];
    expect(section?.trim()).toBe(configVariablesMarkdown().trim());
  });

  it('lists every variable', () => {
    const names = Object.values(CONFIG_VARIABLES).map((variable) => variable.env);
    expect(names.length).toBeGreaterThan(20);
    for (const name of names) expect(readme).toContain(`\`${name}\``);
  });
});
