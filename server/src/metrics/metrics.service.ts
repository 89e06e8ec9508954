import { Injectable } from '@nestjs/common';

type Labels = Record<string, string>;

/** Seconds: 5 ms to 10 s, for latencies; the buckets of a histogram declared without any. */
export const LATENCY_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

interface Counter {
  type: 'counter';
  help: string;
  values: Map<string, number>;
}
interface Gauge {
  type: 'gauge';
  help: string;
  read: () => Array<[Labels, number]>;
}
interface HistogramSeries {
  labels: string;
  // per bucket, not cumulative: counts[i] is the observations in (buckets[i-1], buckets[i]]
  counts: number[];
  sum: number;
  count: number;
}
interface Histogram {
  type: 'histogram';
  help: string;
  buckets: readonly number[];
  series: Map<string, HistogramSeries>;
}
type Metric = Counter | Gauge | Histogram;

// Text exposition format 0.0.4: label values escape \ " and newline; nothing else.
function escapeLabelValue(v: string): string {
  return v.replace(/[\\"\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

// HELP escapes \ and newline only
function escapeHelp(v: string): string {
  return v.replace(/[\\\n]/g, (c) => (c === '\n' ? '\\n' : '\\\\'));
}

// The series key and its rendering at once: labels sorted by name, so { a, b } and { b, a } are
// one series, and every type renders its labels the same way.
function key(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length === 0) return '';
  names.sort();
  let out = '';
  for (const n of names) {
    if (!LABEL_NAME.test(n) || n.startsWith('__')) throw new Error(`metrics: label name ${JSON.stringify(n)} is not valid`);
    out += `${out ? ',' : ''}${n}="${escapeLabelValue(String(labels[n]))}"`;
  }
  return out;
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function series(name: string, labels: string, value: number): string {
  return `${name}${labels ? `{${labels}}` : ''} ${formatValue(value)}`;
}

function checkBuckets(name: string, buckets: readonly number[]): number[] {
  // +Inf is always added at render; a bucket list may end with it or not
  const list = buckets.filter((b) => b !== Infinity);
  if (list.length === 0) throw new Error(`metrics: histogram ${name} needs at least one finite bucket`);
  list.forEach((b, i) => {
    if (!Number.isFinite(b)) throw new Error(`metrics: histogram ${name}: bucket ${b} is not a number`);
    if (i > 0 && b <= list[i - 1]!) throw new Error(`metrics: histogram ${name}: buckets must rise strictly (${list[i - 1]} then ${b})`);
  });
  return list;
}

/** bucket lists already checked against their histogram (callers pass the same constant each time) */
const checkedBuckets = new WeakMap<readonly number[], Histogram>();

function sameBuckets(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * A small Prometheus text exposition (format 0.0.4), with no dependency: counters, gauges read at
 * scrape time, and histograms with per-metric buckets. Each metric name has one type and is
 * rendered once, with its HELP and TYPE lines, in the order it was first used.
 */
@Injectable()
export class MetricsService {
  private readonly metrics = new Map<string, Metric>();

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const c = this.metric(name, 'counter', () => ({ type: 'counter', help, values: new Map<string, number>() }));
    const k = key(labels);
    c.values.set(k, (c.values.get(k) ?? 0) + by);
  }

  /** A gauge read at each scrape; registering the same name again replaces the reader. */
  gauge(name: string, help: string, read: () => Array<[Labels, number]>): void {
    const existing = this.metrics.get(name);
    if (existing && existing.type !== 'gauge') throw new Error(`metrics: ${name} is already a ${existing.type}`);
    if (!existing) checkName(name);
    this.metrics.set(name, { type: 'gauge', help, read });
  }

  /**
   * Declares a histogram and its upper bounds (+Inf is implied). Declaring it again with the same
   * buckets is a no-op; with other buckets it is a mistake and throws.
   */
  histogram(name: string, help: string, buckets: readonly number[] = LATENCY_BUCKETS): void {
    const list = checkBuckets(name, buckets);
    const h = this.metric(name, 'histogram', () => ({ type: 'histogram', help, buckets: list, series: new Map() }));
    if (!sameBuckets(h.buckets, list))
      throw new Error(`metrics: histogram ${name} is already declared with buckets ${h.buckets.join(', ')}`);
  }

  /**
   * Records one observation. A histogram not yet declared is declared here, with `buckets` or the
   * default ones. A value that is not a finite number is dropped (it would make `_sum` NaN forever).
   */
  observe(name: string, help: string, labels: Labels, value: number, buckets?: readonly number[]): void {
    const h = this.metric(name, 'histogram', () => ({
      type: 'histogram',
      help,
      buckets: checkBuckets(name, buckets ?? LATENCY_BUCKETS),
      series: new Map(),
    }));
    // observations pass the same bucket list every time: checked once per histogram
    if (buckets && checkedBuckets.get(buckets) !== h) {
      if (!sameBuckets(h.buckets, checkBuckets(name, buckets))) {
        throw new Error(`metrics: histogram ${name} is already declared with buckets ${h.buckets.join(', ')}`);
      }
      checkedBuckets.set(buckets, h);
    }
    if (Object.hasOwn(labels, 'le')) throw new Error(`metrics: histogram ${name}: the label le is reserved for buckets`);
    if (!Number.isFinite(value)) return;
    const k = key(labels);
    let s = h.series.get(k);
    if (!s) h.series.set(k, (s = { labels: k, counts: new Array<number>(h.buckets.length).fill(0), sum: 0, count: 0 }));
    // the first bucket whose bound holds the value (le is "less than or equal"); none: only +Inf
    let lo = 0;
    let hi = h.buckets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (value <= h.buckets[mid]!) hi = mid;
      else lo = mid + 1;
    }
    if (lo < h.buckets.length) s.counts[lo]!++;
    s.sum += value;
    s.count++;
  }

  render(): string {
    const out: string[] = [];
    for (const [name, m] of this.metrics) {
      out.push(`# HELP ${name} ${escapeHelp(m.help)}`, `# TYPE ${name} ${m.type}`);
      if (m.type === 'counter') {
        for (const [k, v] of m.values) out.push(series(name, k, v));
      } else if (m.type === 'gauge') {
        let samples: Array<[Labels, number]>;
        try {
          samples = m.read();
        } catch {
          // a reader that fails (its source is shutting down) costs its samples, not the scrape
          continue;
        }
        // a reader returning one label set twice would make an invalid exposition: the first wins
        const seen = new Set<string>();
        for (const [labels, v] of samples) {
          const k = key(labels);
          if (seen.has(k)) continue;
          seen.add(k);
          out.push(series(name, k, v));
        }
      } else {
        for (const s of m.series.values()) {
          const prefix = s.labels ? `${s.labels},` : '';
          let cumulative = 0;
          m.buckets.forEach((b, i) => {
            cumulative += s.counts[i]!;
            out.push(`${name}_bucket{${prefix}le="${formatValue(b)}"} ${cumulative}`);
          });
          out.push(`${name}_bucket{${prefix}le="+Inf"} ${s.count}`);
          out.push(series(`${name}_sum`, s.labels, s.sum), series(`${name}_count`, s.labels, s.count));
        }
      }
    }
    return out.join('\n') + '\n';
  }

  private metric<T extends Metric['type']>(
    name: string,
    type: T,
    create: () => Extract<Metric, { type: T }>,
  ): Extract<Metric, { type: T }> {
    const existing = this.metrics.get(name);
    if (existing) {
      if (existing.type !== type) throw new Error(`metrics: ${name} is already a ${existing.type}, not a ${type}`);
      return existing as Extract<Metric, { type: T }>;
    }
    checkName(name);
    const m = create();
    this.metrics.set(name, m);
    return m;
  }
}

function checkName(name: string): void {
  if (!METRIC_NAME.test(name)) throw new Error(`metrics: ${JSON.stringify(name)} is not a valid metric name`);
}
