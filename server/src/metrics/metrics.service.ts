import { Injectable } from '@nestjs/common';

type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');
}

/** Seconds: 5 ms to 10 s, for latencies. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10] as const;

// A small Prometheus text exposition: counters and gauges with labels. Issue 5 adds histograms.
@Injectable()
export class MetricsService {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
  private readonly gauges = new Map<string, { help: string; read: () => Array<[Labels, number]> }>();
  private readonly histograms = new Map<
    string,
    { help: string; buckets: readonly number[]; series: Map<string, { counts: number[]; sum: number; count: number }> }
  >();

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    let c = this.counters.get(name);
    if (!c) this.counters.set(name, (c = { help, values: new Map() }));
    const k = key(labels);
    c.values.set(k, (c.values.get(k) ?? 0) + by);
  }

  /** One observation of a histogram (seconds by default buckets). */
  observe(name: string, help: string, labels: Labels, value: number, buckets: readonly number[] = LATENCY_BUCKETS): void {
    let h = this.histograms.get(name);
    if (!h) this.histograms.set(name, (h = { help, buckets, series: new Map() }));
    const k = key(labels);
    let series = h.series.get(k);
    if (!series) h.series.set(k, (series = { counts: new Array<number>(h.buckets.length).fill(0), sum: 0, count: 0 }));
    for (let i = 0; i < h.buckets.length; i++) if (value <= h.buckets[i]!) series.counts[i]!++;
    series.sum += value;
    series.count++;
  }

  gauge(name: string, help: string, read: () => Array<[Labels, number]>): void {
    this.gauges.set(name, { help, read });
  }

  render(): string {
    const out: string[] = [];
    for (const [name, c] of this.counters) {
      out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
      for (const [k, v] of c.values) out.push(`${name}${k ? `{${k}}` : ''} ${v}`);
    }
    for (const [name, g] of this.gauges) {
      out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`);
      for (const [labels, v] of g.read()) {
        const k = key(labels);
        out.push(`${name}${k ? `{${k}}` : ''} ${v}`);
      }
    }
    for (const [name, h] of this.histograms) {
      out.push(`# HELP ${name} ${h.help}`, `# TYPE ${name} histogram`);
      for (const [k, v] of h.series) {
        const sep = k ? ',' : '';
        h.buckets.forEach((b, i) => out.push(`${name}_bucket{${k}${sep}le="${b}"} ${v.counts[i]}`));
        out.push(`${name}_bucket{${k}${sep}le="+Inf"} ${v.count}`);
        out.push(`${name}_sum${k ? `{${k}}` : ''} ${v.sum}`, `${name}_count${k ? `{${k}}` : ''} ${v.count}`);
      }
    }
    return out.join('\n') + '\n';
  }
}
