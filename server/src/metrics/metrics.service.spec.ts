import { LATENCY_BUCKETS, MetricsService } from './metrics.service';

describe('MetricsService', () => {
  describe('histograms', () => {
    it('renders cumulative buckets with +Inf, _sum and _count per label set', () => {
      const m = new MetricsService();
      m.histogram('jointduty_batch_seconds', 'Time to store a batch', [0.01, 0.1, 1]);
      const help = 'Time to store a batch';
      m.observe('jointduty_batch_seconds', help, { channel: '110' }, 0.005);
      m.observe('jointduty_batch_seconds', help, { channel: '110' }, 0.01); // le is "less than or equal"
      m.observe('jointduty_batch_seconds', help, { channel: '110' }, 0.5);
      m.observe('jointduty_batch_seconds', help, { channel: '110' }, 7);
      m.observe('jointduty_batch_seconds', help, { channel: '12345' }, 0.05);

      expect(m.render()).toBe(
        [
          '# HELP jointduty_batch_seconds Time to store a batch',
          '# TYPE jointduty_batch_seconds histogram',
          'jointduty_batch_seconds_bucket{channel="110",le="0.01"} 2',
          'jointduty_batch_seconds_bucket{channel="110",le="0.1"} 2',
          'jointduty_batch_seconds_bucket{channel="110",le="1"} 3',
          'jointduty_batch_seconds_bucket{channel="110",le="+Inf"} 4',
          'jointduty_batch_seconds_sum{channel="110"} 7.515',
          'jointduty_batch_seconds_count{channel="110"} 4',
          'jointduty_batch_seconds_bucket{channel="12345",le="0.01"} 0',
          'jointduty_batch_seconds_bucket{channel="12345",le="0.1"} 1',
          'jointduty_batch_seconds_bucket{channel="12345",le="1"} 1',
          'jointduty_batch_seconds_bucket{channel="12345",le="+Inf"} 1',
          'jointduty_batch_seconds_sum{channel="12345"} 0.05',
          'jointduty_batch_seconds_count{channel="12345"} 1',
          '',
        ].join('\n'),
      );
    });

    it('sorts labels, keeps le last and escapes label values', () => {
      const m = new MetricsService();
      m.observe('x_seconds', 'x', { route: '/api/"a"\\b\nc', method: 'GET' }, 2, [1, 5]);
      m.observe('x_seconds', 'x', { method: 'GET', route: '/api/"a"\\b\nc' }, 3);
      expect(m.render().split('\n')).toEqual([
        '# HELP x_seconds x',
        '# TYPE x_seconds histogram',
        'x_seconds_bucket{method="GET",route="/api/\\"a\\"\\\\b\\nc",le="1"} 0',
        'x_seconds_bucket{method="GET",route="/api/\\"a\\"\\\\b\\nc",le="5"} 2',
        'x_seconds_bucket{method="GET",route="/api/\\"a\\"\\\\b\\nc",le="+Inf"} 2',
        'x_seconds_sum{method="GET",route="/api/\\"a\\"\\\\b\\nc"} 5',
        'x_seconds_count{method="GET",route="/api/\\"a\\"\\\\b\\nc"} 2',
        '',
      ]);
    });

    it('renders a histogram without labels', () => {
      const m = new MetricsService();
      m.observe('y', 'y', {}, 0.2, [0.5, Infinity]);
      expect(m.render()).toBe('# HELP y y\n# TYPE y histogram\ny_bucket{le="0.5"} 1\ny_bucket{le="+Inf"} 1\ny_sum 0.2\ny_count 1\n');
    });

    it('takes the buckets given at the first observe, else the defaults', () => {
      const m = new MetricsService();
      m.observe('d', 'd', {}, 0.003);
      const buckets = m
        .render()
        .split('\n')
        .filter((l) => l.startsWith('d_bucket'))
        .map((l) => /le="([^"]+)"/.exec(l)![1]);
      expect(buckets).toEqual([...LATENCY_BUCKETS.map(String), '+Inf']);
    });

    it('refuses buckets that do not rise, other buckets for a declared name, and the label le', () => {
      const m = new MetricsService();
      expect(() => m.histogram('a', 'a', [1, 1])).toThrow(/buckets must rise strictly/);
      expect(() => m.histogram('b', 'b', [])).toThrow(/at least one finite bucket/);
      m.histogram('c', 'c', [1, 2]);
      m.histogram('c', 'c', [1, 2]);
      expect(() => m.histogram('c', 'c', [1, 3])).toThrow(/already declared with buckets 1, 2/);
      expect(() => m.observe('c', 'c', {}, 1, [5])).toThrow(/already declared/);
      expect(() => m.observe('c', 'c', { le: '1' }, 1)).toThrow(/le is reserved/);
    });

    it('drops values that are not finite', () => {
      const m = new MetricsService();
      m.observe('n', 'n', {}, NaN, [1]);
      m.observe('n', 'n', {}, 0.5);
      expect(m.render()).toContain('n_sum 0.5\nn_count 1\n');
    });
  });

  describe('counters and gauges', () => {
    it('keep their API and render HELP and TYPE once per metric', () => {
      const m = new MetricsService();
      m.inc('jointduty_records_in_total', 'Feed records accepted and stored', { channel: '110' }, 3);
      m.inc('jointduty_records_in_total', 'Feed records accepted and stored', { channel: '110' });
      m.inc('jointduty_records_in_total', 'Feed records accepted and stored', { channel: 'sentiment' }, 0);
      m.gauge('jointduty_sockets_connected', 'Connected live sockets by role', () => [
        [{ role: 'duty' }, 2],
        [{ role: 'field' }, 0],
      ]);
      m.inc('plain_total', 'no labels');
      expect(m.render()).toBe(
        [
          '# HELP jointduty_records_in_total Feed records accepted and stored',
          '# TYPE jointduty_records_in_total counter',
          'jointduty_records_in_total{channel="110"} 4',
          'jointduty_records_in_total{channel="sentiment"} 0',
          '# HELP jointduty_sockets_connected Connected live sockets by role',
          '# TYPE jointduty_sockets_connected gauge',
          'jointduty_sockets_connected{role="duty"} 2',
          'jointduty_sockets_connected{role="field"} 0',
          '# HELP plain_total no labels',
          '# TYPE plain_total counter',
          'plain_total 1',
          '',
        ].join('\n'),
      );
    });

    it('render gauge labels like counter labels: sorted, escaped, each label set once', () => {
      const m = new MetricsService();
      m.gauge('g', 'a "gauge"\\ with\nnewline', () => [
        [{ z: '1', a: 'x"y' }, 1.5],
        [{ a: 'x"y', z: '1' }, 9],
        [{}, Infinity],
      ]);
      expect(m.render()).toBe('# HELP g a "gauge"\\\\ with\\nnewline\n# TYPE g gauge\ng{a="x\\"y",z="1"} 1.5\ng +Inf\n');
    });

    it('a gauge registered again replaces its reader; a failing reader costs only its samples', () => {
      const m = new MetricsService();
      m.gauge('g', 'g', () => [[{}, 1]]);
      m.gauge('g', 'g', () => [[{}, 2]]);
      m.gauge('broken', 'broken', () => {
        throw new Error('gone');
      });
      expect(m.render()).toBe('# HELP g g\n# TYPE g gauge\ng 2\n# HELP broken broken\n# TYPE broken gauge\n');
    });

    it('one name has one type', () => {
      const m = new MetricsService();
      m.inc('t', 't');
      expect(() => m.gauge('t', 't', () => [])).toThrow(/already a counter/);
      expect(() => m.observe('t', 't', {}, 1)).toThrow(/already a counter, not a histogram/);
      expect(() => m.inc('bad-name', 'x')).toThrow(/not a valid metric name/);
      expect(() => m.inc('ok', 'x', { 'bad-label': 'v' })).toThrow(/label name "bad-label" is not valid/);
    });
  });
});
