// The cost of understanding: enrichment + correlation + rules per record, on one core,
// with 10,000 → 1,000,000 incidents already in the correlation window. Runs the server's built
// code (server/dist) directly, with no HTTP and no database: what is left is the brain's own cost.
//
//   node --expose-gc test/bench/understanding.mjs        (npm run bench runs it first)
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createGenerator } from './records.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(ROOT, 'server/package.json'));
const dist = (p) => require(path.join(ROOT, 'server/dist', p));

const SIZES = (process.env.BENCH_WINDOW_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const MEASURED = 5000;
const HOUR = 3_600_000;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchUnderstanding(log = (...a) => console.log('[bench]', ...a)) {
  const { loadConfig } = dist('config/config.loader.js');
  const { Brain } = dist('correlation/engine/brain.js');
  const { Classifier } = dist('correlation/engine/classifier.js');
  const { normalize } = dist('correlation/engine/normalizer.js');
  const { DistrictResolver } = dist('correlation/engine/district-resolver.js');
  const { RULES } = dist('correlation/rules/rules.engine.js');
  const { validateFeedRecord } = require('@jointduty/shared');

  const config = loadConfig({ env: {} });
  const resolver = new DistrictResolver(config);
  const classifier = new Classifier(config.departments, config.classifierExamples);
  const rules = config.rules.filter((r) => r.enabled && RULES[r.id]).map((r) => ({ params: r.params, fn: RULES[r.id] }));
  const gen = createGenerator(7);
  const channels = ['12345', '12345', '12315', '110', 'sentiment'];
  const end = Date.parse('2026-08-05T00:00:00+08:00');

  // the records measured: the bench load's own mix, spread over the last hour of the window
  const measured = Array.from({ length: MEASURED }, (_, i) => {
    const channel = channels[i % channels.length];
    const at = end - HOUR + Math.floor((i / MEASURED) * HOUR);
    return { channel, record: gen.record(channel, at, 'M', i) };
  });

  const rows = [];
  for (const size of SIZES) {
    const brain = new Brain(config);
    // fill the window: enriched once from a pool of records, then taken in with new ids, times
    // across the last 72 h and many distinct merchants and places, so the index really holds them
    const pool = Array.from({ length: 2000 }, (_, i) => {
      const channel = channels[i % channels.length];
      const v = validateFeedRecord(channel, gen.record(channel, end, 'P', i));
      const incident = normalize(channel, v.record, { receivedAt: new Date(end), simulated: false, resolver, classifier });
      return { incident, analysis: brain.enrich(incident) };
    });
    globalThis.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    for (let i = 0; i < size; i++) {
      const p = pool[i % pool.length];
      const o = p.analysis.observation;
      const at = end - 72 * HOUR + Math.floor((i / size) * 71 * HOUR);
      const k = i % 50_000;
      const observation = {
        ...o,
        id: randomUUID(),
        at,
        subjects: {
          ...o.subjects,
          keys: o.subjects.keys.length ? [`name:商户${k}`] : [],
          places: o.subjects.places.length ? [`road:测试${k % 5000}路`] : [],
        },
      };
      const incident = { ...p.incident, id: observation.id, flags: [], facts: { ...p.incident.facts } };
      brain.take([{ incident, raw: '', analysis: { ...p.analysis, observation, personKey: p.analysis.personKey ? `p${k}` : null } }]);
    }
    const fillMs = performance.now() - t0;
    globalThis.gc?.();
    const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;

    const times = [];
    const parts = { enrich: 0, correlate: 0, rules: 0 };
    for (const [i, m] of measured.entries()) {
      const s = performance.now();
      const v = validateFeedRecord(m.channel, m.record);
      const incident = normalize(m.channel, v.record, { receivedAt: new Date(end), simulated: false, resolver, classifier });
      incident.id = randomUUID();
      const analysis = brain.enrich(incident);
      const a = performance.now();
      brain.take([{ incident, raw: '', analysis }]);
      const b = performance.now();
      const event = brain.correlator.get(incident.eventId);
      for (const r of rules) r.fn({ incident, event, params: r.params });
      const e = performance.now();
      if (i >= 500) {
        times.push(e - s);
        parts.enrich += a - s;
        parts.correlate += b - a;
        parts.rules += e - b;
      }
    }
    times.sort((x, y) => x - y);
    const n = times.length;
    const mean = times.reduce((x, y) => x + y, 0) / n;
    rows.push({
      size,
      events: brain.correlator.size,
      mean,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, v / n])),
      fillMs,
      heapMb,
    });
    log(
      `window ${size.toLocaleString('en-US')}: ${mean.toFixed(3)} ms/record mean, p99 ${percentile(times, 99).toFixed(3)} ms (${brain.correlator.size.toLocaleString('en-US')} events held, +${heapMb.toFixed(0)} MB heap)`,
    );
  }

  const table = [
    '| incidents in window | events held | ms/record mean | p50 | p99 | validate+normalize+enrich | correlate | rules | heap for the window |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.size.toLocaleString('en-US')} | ${r.events.toLocaleString('en-US')} | ${r.mean.toFixed(3)} | ${r.p50.toFixed(3)} | ${r.p99.toFixed(3)} | ${r.parts.enrich.toFixed(3)} | ${r.parts.correlate.toFixed(3)} | ${r.parts.rules.toFixed(3)} | ${r.heapMb.toFixed(0)} MB |`,
    ),
  ].join('\n');
  return { rows, table };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { table } = await benchUnderstanding();
  console.log(`\n## Understanding: enrichment + correlation + rules per record (one core, no I/O)\n\n${table}\n`);
}
