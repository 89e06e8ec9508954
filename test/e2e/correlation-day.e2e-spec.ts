import { generateDay } from '../support/day';
import { pairScores, Pipeline } from '../support/pipeline';

// A generated day of 50,000 mixed records with known truth, through the same enrichment and
// correlation the intake runs: how well are records joined into events?
// precision: of the pairs of records put in one event, the share that truly are one event;
// recall: of the pairs that truly are one event, the share put in one.

const FLOOR = 0.95;

it('joins a day of 50,000 records with precision and recall above 0.95', () => {
  const day = generateDay();
  expect(day.length).toBe(50_000);
  const pipeline = new Pipeline();
  const started = performance.now();
  const items = day.map((d) => {
    const incident = pipeline.take(d.channel, d.record, new Date(d.at));
    return { predicted: incident.eventId!, truth: d.truth, channel: d.channel };
  });
  const ms = performance.now() - started;
  const all = pairScores(items);
  const lines = [
    `correlation on a generated day: ${items.length} records, ${new Set(items.map((i) => i.truth)).size} true events, ${new Set(items.map((i) => i.predicted)).size} events made`,
    `  precision ${all.precision.toFixed(4)}  recall ${all.recall.toFixed(4)}  (pairs: true ${all.truePairs}, made ${all.predictedPairs}, correct ${all.correctPairs})`,
    `  ${(ms / items.length).toFixed(3)} ms per record (validate + normalize + enrich + correlate), ${(ms / 1000).toFixed(1)} s in all`,
  ];
  console.log(lines.join('\n'));
  expect(all.precision).toBeGreaterThan(FLOOR);
  expect(all.recall).toBeGreaterThan(FLOOR);
}, 300_000);
