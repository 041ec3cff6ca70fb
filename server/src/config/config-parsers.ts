/**
 * Parsers for environment variables. Each takes the raw string (already defaulted) and
 * returns the typed value, or throws a ConfigValueError whose message says what is expected
 * and what was found, so start-up can list every bad variable at once.
 */
export class ConfigValueError extends Error {}

export type Parser<T> = (raw: string | undefined) => T;

function describe(raw: string): string {
  return JSON.stringify(raw);
}

export function integer(min: number, max: number): Parser<number> {
  return (raw) => {
    const text = required(raw).trim();
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new ConfigValueError(`must be an integer ${min}-${max}, got ${describe(raw ?? '')}`);
    }
    return value;
  };
}

export function decimal(min: number, max: number): Parser<number> {
  return (raw) => {
    const text = required(raw).trim();
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < min || value > max) {
      throw new ConfigValueError(`must be a number ${min}-${max}, got ${describe(raw ?? '')}`);
    }
    return value;
  };
}

export const boolean: Parser<boolean> = (raw) => {
  const text = required(raw).trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off'].includes(text)) return false;
  throw new ConfigValueError(`must be true or false, got ${describe(raw ?? '')}`);
};

export const text: Parser<string> = (raw) => required(raw);

export const optionalText: Parser<string | undefined> = (raw) => (raw === undefined || raw === '' ? undefined : raw);

export function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const value = required(raw).trim();
    if (!(values as readonly string[]).includes(value)) {
      throw new ConfigValueError(`must be one of ${values.join(', ')}, got ${describe(raw ?? '')}`);
    }
    return value as T;
  };
}

export function url(protocols: readonly string[]): Parser<string> {
  return (raw) => {
    const value = required(raw).trim();
    let parsed: URL;
    try {
      parsed = new URL(value);
    } catch {
      throw new ConfigValueError(`must be a URL (${protocols.join(' or ')}), got ${describe(redactUrl(value))}`);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      throw new ConfigValueError(`must use ${protocols.join(' or ')}, got ${describe(redactUrl(value))}`);
    }
    return value;
  };
}

export const host: Parser<string> = (raw) => {
  const value = required(raw).trim();
  if (!/^[A-Za-z0-9.:[\]_-]+$/.test(value))
    throw new ConfigValueError(`must be a host name or IP address, got ${describe(value)}`);
  return value;
};

/** Key prefixes end with ':' and hold no spaces, so keys stay readable and scannable. */
export const keyPrefix: Parser<string> = (raw) => {
  const value = required(raw);
  if (!/^[A-Za-z0-9_.{}-]+(:[A-Za-z0-9_.{}-]+)*:$/.test(value)) {
    throw new ConfigValueError(`must be letters, digits or ._-{} ending with ":", got ${describe(value)}`);
  }
  return value;
};

function required(raw: string | undefined): string {
  if (raw === undefined || raw === '') throw new ConfigValueError('is required');
  return raw;
}

/** Hides a password in a connection URL before it is shown in an error or a log. */
export function redactUrl(value: string): string {
  return value.replace(/\/\/([^:/@]*):([^@/]*)@/, '//$1:***@');
}
