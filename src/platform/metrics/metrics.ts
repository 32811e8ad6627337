// The Prometheus metrics of one app (prom-client, its own registry, so tests can run several apps).
// Platform code observes the HTTP histogram; domains register gauges whose values they read through
// their own services when /metrics is scraped (DomainModule.registerMetrics), so platform imports no
// domain and no domain's tables.
import client from 'prom-client';
import type { Ctx } from '../context.js';

export type GaugeSample = { labels?: Record<string, string>; value: number };

export type GaugeSpec = {
  /** Prometheus name, `stammkunde_` first, base units (`_seconds`, `_total`). */
  name: string;
  help: string;
  labelNames?: string[];
  /** Reads the current values (database aggregates) at scrape time; an error fails the scrape. */
  read: (ctx: Ctx) => Promise<GaugeSample[]>;
};

export type HttpLabels = 'method' | 'route' | 'status_class';

export class Metrics {
  readonly registry = new client.Registry();
  readonly httpDuration: client.Histogram<HttpLabels>;

  constructor(private readonly ctx: Ctx) {
    this.httpDuration = new client.Histogram({
      name: 'stammkunde_http_request_duration_seconds',
      help: 'HTTP request duration by route pattern and status class',
      labelNames: ['method', 'route', 'status_class'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
  }

  /** Node's process metrics (CPU, memory, event loop lag, GC); only for a server that is scraped. */
  collectProcessMetrics(): void {
    client.collectDefaultMetrics({ register: this.registry });
  }

  /** A gauge whose samples `spec.read` computes at each scrape; a label set not read is dropped. */
  gauge(spec: GaugeSpec): void {
    const ctx = this.ctx;
    new client.Gauge({
      name: spec.name,
      help: spec.help,
      labelNames: spec.labelNames ?? [],
      registers: [this.registry],
      async collect() {
        const samples = await spec.read(ctx);
        this.reset();
        for (const s of samples) {
          if (s.labels) this.set(s.labels, s.value);
          else this.set(s.value);
        }
      },
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format; rejects when a gauge cannot be read (the database is down). */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
