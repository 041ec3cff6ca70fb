/**
 * Parsing of `iris <command> [arguments] [--flags]`: pure, so every bad argument gets one
 * clear message (and a test) before anything starts.
 */
export class UsageError extends Error {}

export interface ParsedArguments {
  readonly command: string | null;
  readonly positionals: string[];
  readonly flags: Map<string, string | true>;
}

/** Flags taking a value; the others are switches. */
const VALUE_FLAGS = new Set([
  'short-abandon',
  'service-level',
  'redis-url',
  'prefix',
  'from',
  'to',
  'queue',
  'lease-ms',
  'days',
]);
const SWITCH_FLAGS = new Set(['json', 'help']);

export function parseArguments(argv: ReadonlyArray<string>): ParsedArguments {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (SWITCH_FLAGS.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (VALUE_FLAGS.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '' || (eq < 0 && value.startsWith('--')))
        throw new UsageError(`--${name} needs a value`);
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { command: positionals.shift() ?? null, positionals, flags };
}

/** A whole number for a flag (seconds unless the flag says otherwise), at most `max`. */
export function wholeSeconds(value: string | true | undefined, name: string, fallback: number, max = 3600): number {
  if (value === undefined) return fallback;
  const text = String(value);
  if (!/^\d+$/.test(text) || Number(text) > max)
    throw new UsageError(`--${name} must be a whole number (0-${max}), got ${JSON.stringify(text)}`);
  return Number(text);
}

/**
 * A date or date-time for --from/--to: `2026-06-01` is midnight Europe/Paris that day,
 * `2026-06-01T08:30` a Paris wall-clock time; anything with a zone (`Z`, `+02:00`) as given;
 * a number is epoch milliseconds.
 */
export function instant(
  value: string | true | undefined,
  name: string,
  parisWallClock: (y: number, m: number, d: number, h: number, min: number) => number,
): number {
  if (value === undefined || value === true) throw new UsageError(`--${name} is required (e.g. --${name} 2026-06-01)`);
  if (/^\d{10,}$/.test(value)) return Number(value);
  const local = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(value);
  if (local) {
    const [y, m, d, h, min] = [local[1], local[2], local[3], local[4] ?? '0', local[5] ?? '0'].map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (m < 1 || m > 12 || d < 1 || d > 31 || h > 23 || min > 59)
      throw new UsageError(`--${name}: ${JSON.stringify(value)} is not a real date`);
    return parisWallClock(y, m, d, h, min);
  }
  const parsed = Date.parse(value);
  if (/(Z|[+-]\d{2}:\d{2})$/.test(value) && Number.isFinite(parsed)) return parsed;
  throw new UsageError(
    `--${name} must be a date (2026-06-01), a Paris time (2026-06-01T08:30), an ISO time with zone or epoch ms; got ${JSON.stringify(value)}`,
  );
}
