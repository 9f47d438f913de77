import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The hub's Prometheus registry with the metrics every transport shares. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route'>;
  busEvents: Counter<'event'>;
  websocketClients: Gauge;
  /** Prometheus text exposition of everything registered. */
  render(): Promise<string>;
}

/** Create a registry of its own (never the global one, so that two hubs in one process stay apart). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'genio_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'genio_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'genio_http_request_duration_seconds',
      help: 'HTTP request duration',
      labelNames: ['method', 'route'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    busEvents: new Counter({
      name: 'genio_bus_events_total',
      help: 'Domain events emitted on the bus',
      labelNames: ['event'],
      registers: [registry],
    }),
    websocketClients: new Gauge({
      name: 'genio_websocket_clients',
      help: 'Open websocket connections',
      registers: [registry],
    }),
    render: () => registry.metrics(),
  };
}
