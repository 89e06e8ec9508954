// Operations: who may read /metrics (loopback, METRICS_ALLOW), and what a scrape holds.
import { startServer, type TestServer } from '../support/harness';

describe('operations', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ env: { METRICS_ALLOW: '172.31.240.0/24' } });
  });
  afterAll(() => server.close());

  const scrape = (remoteAddress: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers });

  it('serves /metrics to loopback and to METRICS_ALLOW, by the peer address only', async () => {
    for (const peer of ['127.0.0.1', '::1', '172.31.240.7', '::ffff:172.31.240.7']) {
      expect([peer, (await scrape(peer)).statusCode]).toEqual([peer, 200]);
    }
    for (const peer of ['172.31.241.7', '10.0.0.1', '::ffff:10.0.0.1']) {
      const res = await scrape(peer);
      expect([peer, res.statusCode]).toEqual([peer, 403]);
      expect(res.json()).toEqual({ error: 'metrics are served to this host and METRICS_ALLOW only', code: 'metrics.host_not_allowed' });
    }
    // a forwarded header is the client's word, not its address
    expect((await scrape('10.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(403);
  });

  it('answers Prometheus text 0.0.4 with the HTTP histogram, each metric described once', async () => {
    await fetch(`${server.url}/api/health`);
    await fetch(`${server.url}/api/alerts`); // 401: the status is a label
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    const lines = text.trimEnd().split('\n');
    const types = lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]);
    expect(new Set(types).size).toBe(types.length);
    expect(text).toMatch(
      /^jointduty_http_request_duration_seconds_bucket\{method="GET",route="\/api\/health",status="200",le="\+Inf"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(/^jointduty_http_request_duration_seconds_count\{method="GET",route="\/api\/alerts",status="401"\} 1$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds [\d.e-]+$/m);
    // every sample line is name{labels} value
    for (const l of lines.filter((x) => !x.startsWith('#'))) {
      expect(l).toMatch(
        /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*",?)*\})? (-?[\d.]+(e[+-]?\d+)?|\+Inf|-Inf|NaN)$/,
      );
    }
  });
});
