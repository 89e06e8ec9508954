import { Inject, Injectable, Logger } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import {
  EXTERNAL_ID_FIELD,
  FEED_LIMITS,
  isChannel,
  validateFeedRecord,
  type Channel,
  type FeedResult,
  type Incident,
} from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { Db } from '../infra/database/db';
import { UnderstandingService, type Understood } from '../events/understanding.service';
import { Classifier } from '../incidents/classifier';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { normalize } from '../incidents/normalizer';
import { MetricsService } from '../metrics/metrics.service';
import { DistrictResolver } from '../places/district-resolver';

export interface IntakeOptions {
  simulated?: boolean;
}

/** The one intake: real feeds and the simulator both come through here. */
@Injectable()
export class FeedsService {
  private readonly logger = new Logger('feeds');
  private readonly classifier: Classifier;
  private readonly resolver: DistrictResolver;
  // batches are stored and correlated one after another: correlation state is one sequence
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly incidents: IncidentsRepository,
    private readonly bus: EventBus,
    private readonly metrics: MetricsService,
    private readonly understanding: UnderstandingService,
  ) {
    this.classifier = new Classifier(config.departments, config.classifierExamples);
    this.resolver = new DistrictResolver(config);
  }

  channelOrThrow(channel: string): Channel {
    if (!isChannel(channel))
      throw new AppException('not_found', `unknown channel ${channel.slice(0, 40)}: use 12345, 12315, 110 or sentiment`);
    return channel;
  }

  checkKey(channel: Channel, key: unknown): void {
    const expected = Buffer.from(this.config.feedKeys[channel], 'utf8');
    const given = Buffer.from(typeof key === 'string' ? key : '', 'utf8');
    if (given.length === 0) throw new AppException('unauthorized', 'X-Feed-Key: missing');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppException('unauthorized', 'X-Feed-Key: wrong key for this channel');
    }
  }

  async intake(channel: Channel, body: unknown, opts: IntakeOptions = {}): Promise<FeedResult> {
    const records = this.recordsOf(body);
    const receivedAt = new Date();
    const rejected: FeedResult['rejected'] = [];
    const fresh: Understood[] = [];
    const seen = new Set<string>();
    let duplicates = 0;

    records.forEach((value, index) => {
      const v = validateFeedRecord(channel, value);
      if (!v.ok) return void rejected.push({ index, errors: v.errors });
      const district = (v.record as { district?: string }).district;
      if (district !== undefined && this.resolver.normalize(district) === null) {
        return void rejected.push({ index, errors: [`district: ${district} is not a district of ${this.config.city.name}`] });
      }
      const externalId = (v.record as unknown as Record<string, string>)[EXTERNAL_ID_FIELD[channel]]!;
      // the same id twice in one batch: the first one counts
      if (seen.has(externalId)) return void duplicates++;
      seen.add(externalId);
      const incident = normalize(channel, v.record, {
        receivedAt,
        simulated: opts.simulated === true,
        resolver: this.resolver,
        classifier: this.classifier,
      });
      const analysis = this.understanding.enrich(incident);
      fresh.push({ incident, raw: JSON.stringify(value), personKey: analysis.personKey, subjectKey: analysis.subjectKey, analysis });
    });

    this.metrics.inc('jointduty_records_rejected_total', 'Feed records rejected as invalid', { channel }, rejected.length);
    if (fresh.length === 0 && duplicates === 0) {
      throw new AppException('unprocessable', 'every record was invalid', { accepted: 0, duplicates: 0, rejected });
    }

    const stored = await this.store(fresh);
    duplicates += fresh.length - stored.length;
    this.metrics.inc('jointduty_records_in_total', 'Feed records accepted and stored', { channel }, stored.length);
    this.metrics.inc('jointduty_records_duplicate_total', 'Feed records already stored', { channel }, fresh.length - stored.length);
    // only after the commit: nothing is pushed that a crash could take back
    if (stored.length > 0) this.bus.publish('incident.accepted', stored);
    return { accepted: stored.length, duplicates, rejected };
  }

  private store(fresh: Understood[]): Promise<Incident[]> {
    if (fresh.length === 0) return Promise.resolve([]);
    const run = this.queue.then(() => this.storeNow(fresh));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async storeNow(fresh: Understood[]): Promise<Incident[]> {
    try {
      // ON CONFLICT DO NOTHING RETURNING id tells which rows are new: no lookup round trip first;
      // only those are correlated, in the same transaction
      return await this.db.transaction(async (tx) => {
        const written = await this.incidents.insertNew(tx, fresh);
        const stored = fresh.filter((f) => written.has(f.incident.id));
        await this.understanding.correlate(tx, stored);
        return stored.map((f) => f.incident);
      });
    } catch (err) {
      // nothing of the batch was written; correlation state goes back to what is stored, and the
      // sender may retry the whole batch safely
      await this.understanding.warmUp().catch((e: unknown) => this.logger.error(`warm-up after a failed batch failed: ${String(e)}`));
      throw new AppException('unavailable', `database unavailable: ${(err as Error).message.slice(0, 200)}`, undefined, {
        'Retry-After': '2',
      });
    }
  }

  private recordsOf(body: unknown): unknown[] {
    if (Array.isArray(body)) {
      if (body.length === 0) throw new AppException('bad_request', 'body: an empty array holds no records');
      if (body.length > FEED_LIMITS.maxRecords) {
        throw new AppException('payload_too_large', `body: ${body.length} records, at most ${FEED_LIMITS.maxRecords} per request`);
      }
      return body;
    }
    if (body !== null && typeof body === 'object') return [body];
    throw new AppException('bad_request', 'body: must be a JSON object (one record) or an array of records');
  }
}
