/**
 * `node server/dist/config/config-table.cli.js`: prints the Markdown table of every
 * environment variable (variable, default, meaning) from CONFIG_VARIABLES, for the README's
 * config-table section.
 */
import { configVariablesMarkdown } from './iris-config.js';

process.stdout.write(`${configVariablesMarkdown()}\n`);
