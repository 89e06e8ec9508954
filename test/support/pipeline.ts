import { randomUUID } from 'node:crypto';
import { validateFeedRecord, type Channel, type FeedRecordByChannel, type Incident } from '@jointduty/shared';
import { loadConfig } from '@jointduty/server/config/config.loader';
import type { AppConfig } from '@jointduty/server/config/config.schema';
import { Brain } from '@jointduty/server/correlation/engine/brain';
import { Classifier } from '@jointduty/server/correlation/engine/classifier';
import { normalize } from '@jointduty/server/correlation/engine/normalizer';
import { DistrictResolver } from '@jointduty/server/correlation/engine/district-resolver';

// The intake's understanding without HTTP or a database: validate, normalize, enrich, correlate.
// For evaluations that feed tens of thousands of records through the same code the server runs.
export class Pipeline {
  readonly config: AppConfig;
  readonly brain: Brain;
  private readonly resolver: DistrictResolver;
  private readonly classifier: Classifier;

  constructor() {
    this.config = loadConfig({ env: {} });
    this.resolver = new DistrictResolver(this.config);
    this.classifier = new Classifier(this.config.departments, this.config.classifierExamples);
    this.brain = new Brain(this.config);
  }

  /** One record in, as the intake takes it; throws on a record the intake would reject. */
  take(channel: Channel, record: Record<string, unknown>, receivedAt = new Date()): Incident {
    const v = validateFeedRecord(channel, record);
    if (!v.ok) throw new Error(`invalid ${channel} record: ${v.errors.join('; ')}`);
    const incident = normalize(channel, v.record as FeedRecordByChannel[typeof channel], {
      receivedAt,
      simulated: false,
      resolver: this.resolver,
      classifier: this.classifier,
    });
    incident.id = randomUUID();
    const analysis = this.brain.enrich(incident);
    this.brain.take([{ incident, raw: '', analysis }]);
    return incident;
  }
}

/** Pairwise precision and recall of a clustering against the truth (each item: predicted, true label). */
export function pairScores(items: Array<{ predicted: string; truth: string }>): {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
} {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const count = (key: (i: { predicted: string; truth: string }) => string) => {
    const m = new Map<string, number>();
    for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
    return [...m.values()].reduce((s, n) => s + pairs(n), 0);
  };
  const predictedPairs = count((i) => i.predicted);
  const truePairs = count((i) => i.truth);
  const correctPairs = count((i) => `${i.predicted}\u0000${i.truth}`);
  return {
    precision: predictedPairs === 0 ? 1 : correctPairs / predictedPairs,
    recall: truePairs === 0 ? 1 : correctPairs / truePairs,
    truePairs,
    predictedPairs,
    correctPairs,
  };
}
