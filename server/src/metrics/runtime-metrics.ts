import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service';

export const HTTP_DURATION = 'jointduty_http_request_duration_seconds';
const HTTP_HELP = 'HTTP requests by method, route pattern and status: seconds from arrival to the answer handed to the socket';
// 1 ms to 10 s: a login or a list answers in milliseconds, a 1,000-record feed batch in about a
// second on a busy machine (README, bench); beyond 10 s is a failure whatever the exact figure
export const HTTP_BUCKETS: readonly number[] = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * What every instance exposes besides the domain counters: the HTTP latency histogram, and the
 * process gauges under the names prom-client gives them (so the usual Node.js dashboards read them).
 * Websocket traffic does not pass through Fastify's routes and is not in the histogram.
 */
export function registerRuntimeMetrics(fastify: FastifyInstance, metrics: MetricsService): void {
  metrics.histogram(HTTP_DURATION, HTTP_HELP, HTTP_BUCKETS);
  fastify.addHook('onResponse', (request, reply, done) => {
    // the route pattern, never the URL: /api/alerts/:id is one series, not one per alert
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(
      HTTP_DURATION,
      HTTP_HELP,
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });

  const startSeconds = Math.round((Date.now() - performance.now()) / 1000);
  metrics.gauge('process_start_time_seconds', 'Start time of the process since the Unix epoch, seconds', () => [[{}, startSeconds]]);
  metrics.gauge('process_resident_memory_bytes', 'Resident memory size, bytes', () => [[{}, process.memoryUsage.rss()]]);
  metrics.gauge('nodejs_heap_size_used_bytes', 'V8 heap in use, bytes', () => [[{}, process.memoryUsage().heapUsed]]);

  // Event-loop delay since the previous scrape (the histogram is reset at each one, as
  // prom-client does): a synchronous stretch of work (a GROUP BY on SQLite, a big batch) shows here.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let last = { p99: 0, max: 0 };
  const sample = (): typeof last => {
    if (loop.count > 0) last = { p99: loop.percentile(99) / 1e9, max: loop.max / 1e9 };
    loop.reset();
    return last;
  };
  // read both from one sample: render() calls the p99 reader first, then the max reader
  let pending: typeof last | null = null;
  metrics.gauge('nodejs_eventloop_lag_p99_seconds', 'Event-loop delay since the previous scrape, 99th percentile, seconds', () => {
    pending = sample();
    return [[{}, pending.p99]];
  });
  metrics.gauge('nodejs_eventloop_lag_max_seconds', 'Event-loop delay since the previous scrape, maximum, seconds', () => {
    const s = pending ?? sample();
    pending = null;
    return [[{}, s.max]];
  });
  fastify.addHook('onClose', (_instance, done) => {
    loop.disable();
    done();
  });
}
