import { Counter, type Registry } from 'prom-client';

/**
 * Reads a metrics source and counts its failures (`iris_metrics_source_errors_total`), so a
 * broken source shows in Prometheus instead of breaking the whole scrape. Logs a failure
 * once, and the recovery once, not at every scrape.
 */
export class SourceHealth {
  private readonly errors: Counter<'source'>;
  private readonly failing = new Set<string>();

  constructor(
    registry: Registry,
    private readonly log: { warn(message: string): void; log(message: string): void },
  ) {
    this.errors = new Counter({
      name: 'iris_metrics_source_errors_total',
      help: 'Scrapes in which a metrics source failed (its series were left out of that scrape).',
      labelNames: ['source'],
      registers: [registry],
    });
  }

  /** undefined when the app does not provide the source, or when it failed. */
  async read<S, T>(name: string, source: S | undefined, read: (source: S) => Promise<T> | T): Promise<T | undefined> {
    if (source === undefined) return undefined;
    try {
      const value = await read(source);
      if (this.failing.delete(name)) this.log.log(`metrics source ${name} recovered`);
      return value;
    } catch (error) {
      this.errors.inc({ source: name });
      if (!this.failing.has(name)) {
        this.failing.add(name);
        this.log.warn(
          `metrics source ${name} failed, its series are left out until it recovers: ${(error as Error).message}`,
        );
      }
      return undefined;
    }
  }
}
