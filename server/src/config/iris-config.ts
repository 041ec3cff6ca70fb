import { CONFIG_VARIABLES, type ConfigVariable, type ConfigVariables } from './config-variables.js';
import { ConfigValueError, redactUrl } from './config-parsers.js';

/** The typed configuration, one field per entry of CONFIG_VARIABLES. */
export type IrisConfig = {
  readonly [K in keyof ConfigVariables]: ConfigVariables[K] extends ConfigVariable<infer T> ? T : never;
};

/** Nest injection token of the IrisConfig (an interface cannot be a token). */
export const IRIS_CONFIG = Symbol('IRIS_CONFIG');

/** Start-up refused: lists every bad variable, one line each. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Parses the environment once; throws ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env): IrisConfig {
  const problems: string[] = [];
  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONFIG_VARIABLES) as [string, ConfigVariable<unknown>][]) {
    const raw = env[spec.env];
    const value = raw === undefined || raw === '' ? spec.default : raw;
    try {
      config[key] = spec.parse(value);
    } catch (error) {
      if (!(error instanceof ConfigValueError)) throw error;
      problems.push(`${spec.env}: ${spec.secret ? error.message.replace(/got .*$/, 'got (hidden)') : error.message}`);
    }
  }
  problems.push(...crossChecks(config as Partial<IrisConfig>));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config) as IrisConfig;
}

/** Rules that involve several variables. */
function crossChecks(config: Partial<IrisConfig>): string[] {
  const problems: string[] = [];
  if (config.amiEnabled) {
    if (!config.amiUsername)
      problems.push('AMI_USERNAME: is required when AMI_ENABLED=true (or set AMI_ENABLED=false)');
    if (!config.amiSecret) problems.push('AMI_SECRET: is required when AMI_ENABLED=true (or set AMI_ENABLED=false)');
  }
  return problems;
}

/** The configuration as it may be logged: secrets replaced by "***", passwords cut out of URLs. */
export function printableConfig(config: IrisConfig): Record<string, unknown> {
  const printable: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(CONFIG_VARIABLES) as [keyof IrisConfig, ConfigVariable<unknown>][]) {
    const value = config[key];
    if (spec.secret) printable[key] = value === undefined ? undefined : '***';
    else printable[key] = typeof value === 'string' ? redactUrl(value) : value;
  }
  return printable;
}

/** The variables as a Markdown table (name, default, meaning), for the README. */
export function configVariablesMarkdown(): string {
  const rows = Object.values(CONFIG_VARIABLES).map((spec: ConfigVariable<unknown>) => {
    const fallback =
      spec.default === undefined ? '—' : `\`${spec.env === 'DASHBOARD_DIR' ? 'dashboard/dist' : spec.default}\``;
    return `| \`${spec.env}\` | ${fallback} | ${spec.meaning} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
