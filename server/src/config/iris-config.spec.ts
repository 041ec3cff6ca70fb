import { ConfigError, configVariablesMarkdown, loadConfig, printableConfig } from './iris-config.js';
import { CONFIG_VARIABLES, DEFAULT_DASHBOARD_DIR } from './config-variables.js';

const ami = { AMI_USERNAME: 'iris', AMI_SECRET: 's3cret' };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(ami);
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      redisUrl: 'redis://127.0.0.1:6379',
      keyPrefix: 'iris:',
      amiEnabled: true,
      amiHost: '127.0.0.1',
      amiPort: 5038,
      amiUsername: 'iris',
      amiSecret: 's3cret',
      shortAbandonSeconds: 5,
      serviceLevelSeconds: 20,
      pickupRateTarget: 0.91,
      patchMaxPerSecond: 4,
      sessionTtlHours: 12,
      cookieSecure: false,
      loginRateLimit: 10,
      demoSeedUsers: false,
      metricsToken: undefined,
      logLevel: 'info',
      projectorEnabled: true,
      readyMaxProjectorLagSeconds: 10,
    });
    expect(config.dashboardDir).toBe(DEFAULT_DASHBOARD_DIR);
    expect(DEFAULT_DASHBOARD_DIR.endsWith('/dashboard/dist')).toBe(true);
  });

  it('parses given values into their types', () => {
    const config = loadConfig({
      ...ami,
      PORT: '8080',
      AMI_ENABLED: 'false',
      COOKIE_SECURE: 'yes',
      PICKUP_RATE_TARGET: '0.85',
      IRIS_KEY_PREFIX: 'test:abc:',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      amiEnabled: false,
      cookieSecure: true,
      pickupRateTarget: 0.85,
      keyPrefix: 'test:abc:',
      logLevel: 'warn',
    });
  });

  it('lists every bad variable at once, each with its reason', () => {
    const problems = problemsOf({
      ...ami,
      AMI_PORT: 'abc',
      PORT: '70000',
      AMI_ENABLED: 'maybe',
      PICKUP_RATE_TARGET: '91%',
      REDIS_URL: 'http://localhost',
      LOG_LEVEL: 'loud',
      IRIS_KEY_PREFIX: 'no colon',
    });
    expect(problems).toEqual([
      'PORT: must be an integer 0-65535, got "70000"',
      'REDIS_URL: must use redis or rediss, got "http://localhost"',
      'IRIS_KEY_PREFIX: must be letters, digits or ._-{} ending with ":", got "no colon"',
      'AMI_ENABLED: must be true or false, got "maybe"',
      'AMI_PORT: must be an integer 1-65535, got "abc"',
      'PICKUP_RATE_TARGET: must be a number 0-1, got "91%"',
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
  });

  it('requires AMI credentials only when AMI is enabled', () => {
    expect(problemsOf({})).toEqual([
      'AMI_USERNAME: is required when AMI_ENABLED=true (or set AMI_ENABLED=false)',
      'AMI_SECRET: is required when AMI_ENABLED=true (or set AMI_ENABLED=false)',
    ]);
    expect(loadConfig({ AMI_ENABLED: 'false' }).amiEnabled).toBe(false);
  });

  it('rejects fractional integers', () => {
    expect(problemsOf({ ...ami, SHORT_ABANDON_SECONDS: '2.5' })).toEqual([
      'SHORT_ABANDON_SECONDS: must be an integer 0-3600, got "2.5"',
    ]);
  });

  it('never prints secrets, nor a password inside the Redis URL', () => {
    const config = loadConfig({ ...ami, METRICS_TOKEN: 'tok-123', REDIS_URL: 'redis://default:hunter2@db:6379' });
    const printed = JSON.stringify(printableConfig(config));
    expect(printed).not.toContain('s3cret');
    expect(printed).not.toContain('tok-123');
    expect(printed).not.toContain('hunter2');
    expect(printableConfig(config)).toMatchObject({
      amiSecret: '***',
      metricsToken: '***',
      redisUrl: 'redis://default:***@db:6379',
    });
  });
});

describe('configVariablesMarkdown', () => {
  it('documents every variable with its default', () => {
    const table = configVariablesMarkdown();
    for (const spec of Object.values(CONFIG_VARIABLES)) expect(table).toContain(`| \`${spec.env}\` |`);
    expect(table).toContain('| `AMI_PORT` | `5038` |');
    expect(table).toContain('| `AMI_SECRET` | — |');
  });
});
