import { Counter, Gauge, type Registry } from 'prom-client';

/**
 * A metric without labels that can be absent. prom-client always prints an unlabelled
 * metric (as 0 when never set), which would claim "AMI link down" or "no lag" when the app
 * simply has no AMI link or no projector; so this registers the metric only while it has a
 * value, and removes it from the registry when its source is missing or failing.
 */
export class UnlabelledSample {
  private readonly metric: Gauge | Counter;

  constructor(
    private readonly registry: Registry,
    private readonly kind: 'gauge' | 'counter',
    private readonly config: { readonly name: string; readonly help: string },
  ) {
    this.metric =
      kind === 'gauge' ? new Gauge({ ...config, registers: [] }) : new Counter({ ...config, registers: [] });
  }

  set(value: number): void {
    if (this.metric instanceof Gauge) this.metric.set(value);
    else {
      this.metric.reset();
      this.metric.inc(value);
    }
    if (!this.registry.getSingleMetric(this.config.name)) this.registry.registerMetric(this.metric);
  }

  clear(): void {
    if (this.registry.getSingleMetric(this.config.name)) this.registry.removeSingleMetric(this.config.name);
  }
}
