import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { EXTERNAL_ID_FIELD, FEED_LIMITS, isChannel, validateFeedRecord, type Channel, type FeedResult } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { Draining } from '../common/draining';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { Db } from '../infra/database/db';
import { Classifier } from '../correlation/engine/classifier';
import { IncidentsRepository, type NewIncident } from '../incidents/incidents.repository';
import { normalize } from '../correlation/engine/normalizer';
import { MetricsService } from '../metrics/metrics.service';
import { DistrictResolver } from '../correlation/engine/district-resolver';
import { CorrelationPipeline } from '../correlation/pipeline/correlation.pipeline';
import { InstanceMessages } from '../infra/cluster/instance-messages';
import { CorrelationLease } from '../infra/cluster/lease.service';
import { OrderIntake } from '../orders/order-intake';
import type { OrderRow } from '../orders/order.types';
import { IntakeFullError, IntakeWriter } from './intake-writer';

export interface IntakeOptions {
  simulated?: boolean;
}

// Intake answers within the time of one group commit. On the instance holding the correlation
// lease that commit stores the records with their events and alerts (enrichment, correlation and
// rules run just before it); elsewhere the records are stored waiting, and the holder takes them
// from the database (correlation/pipeline).
const MAX_GROUP = 2_000;

/** The one intake: real feeds and the simulator both come through here. */
@Injectable()
export class FeedsService implements OnModuleDestroy {
  private readonly logger = new Logger('feeds');
  private readonly classifier: Classifier;
  private readonly resolver: DistrictResolver;
  /** reads a record once for its routing and its understanding, when this instance understands it */
  private readonly writer: IntakeWriter;
  private draining = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    db: Db,
    incidents: IncidentsRepository,
    private readonly metrics: MetricsService,
    private readonly pipeline: CorrelationPipeline,
    lease: CorrelationLease,
    messages: InstanceMessages,
    private readonly shutdown: Draining,
    private readonly orderIntake: OrderIntake,
  ) {
    this.classifier = new Classifier(config.departments, config.classifierExamples);
    this.resolver = new DistrictResolver(config);
    this.writer = new IntakeWriter(db, incidents, {
      maxQueued: config.env.intakeMaxQueued,
      maxGroup: MAX_GROUP,
      // this instance holds the lease: records are stored with their events in one transaction
      store: (rows) => this.pipeline.store(rows),
      // stored the plain way: the records' work orders in the same transaction, and (another
      // instance holds the lease) a notice that there is work (delivered at commit)
      beforeCommit: async (tx, written, rows) => {
        const made = await this.orderIntake.createIn(
          tx,
          rows.filter((r) => written.has(r.incident.id)),
        );
        if (written.size > 0 && !lease.held) await messages.notifyIn(tx, 'pending');
        return made;
      },
      afterCommit: (rows, written, made) => {
        this.pipeline.accepted(rows.filter((r) => written.has(r.incident.id)).map((r) => r.incident));
        this.orderIntake.announce('new', made as OrderRow[]);
      },
    });
    metrics.gauge('jointduty_intake_queue', 'Records received and waiting for their group commit', () => [[{}, this.writer.depth]]);
  }

  /** Graceful shutdown: refuse new records (503, the proxy retries elsewhere), write those received. */
  async onModuleDestroy(): Promise<void> {
    this.draining = true;
    await this.writer.idle();
  }

  channelOrThrow(channel: string): Channel {
    if (!isChannel(channel))
      throw new AppException('feed.unknown_channel', `unknown channel ${channel.slice(0, 40)}: use 12345, 12315, 110 or sentiment`);
    return channel;
  }

  checkKey(channel: Channel, key: unknown): void {
    const expected = Buffer.from(this.config.feedKeys[channel], 'utf8');
    const given = Buffer.from(typeof key === 'string' ? key : '', 'utf8');
    if (given.length === 0) throw new AppException('feed.key_missing', 'X-Feed-Key: missing');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppException('feed.key_invalid', 'X-Feed-Key: wrong key for this channel');
    }
  }

  async intake(channel: Channel, body: unknown, opts: IntakeOptions = {}): Promise<FeedResult> {
    if (this.draining || this.shutdown.active) {
      throw new AppException('feed.shutting_down', 'this instance is shutting down: send again', undefined, { 'Retry-After': '1' });
    }
    const records = this.recordsOf(body);
    const backlog = await this.pipeline.backlog();
    if (backlog > this.config.env.correlationMaxBacklog) {
      this.metrics.inc(
        'jointduty_records_refused_total',
        'Feed records refused by backpressure',
        { channel, why: 'backlog' },
        records.length,
      );
      throw new AppException('feed.backlogged', `correlation is ${backlog} records behind: send again later`, undefined, {
        'Retry-After': '2',
      });
    }
    const receivedAt = new Date();
    const rejected: FeedResult['rejected'] = [];
    const fresh: NewIncident[] = [];
    const seen = new Set<string>();
    let duplicates = 0;

    records.forEach((value, index) => {
      const v = validateFeedRecord(channel, value, this.config.feedAliases);
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
      fresh.push({ incident, raw: JSON.stringify(value) });
    });

    this.metrics.inc('jointduty_records_rejected_total', 'Feed records rejected as invalid', { channel }, rejected.length);
    if (fresh.length === 0 && duplicates === 0) {
      throw new AppException('feed.all_rejected', 'every record was invalid', { accepted: 0, duplicates: 0, rejected });
    }

    let written: Set<string>;
    try {
      written = await this.writer.write(fresh);
    } catch (err) {
      if (err instanceof IntakeFullError) {
        this.metrics.inc(
          'jointduty_records_refused_total',
          'Feed records refused by backpressure',
          { channel, why: 'queue' },
          fresh.length,
        );
        throw new AppException('feed.queue_full', `${err.message}: send again`, undefined, { 'Retry-After': '1' });
      }
      // nothing of the request was written: the sender may retry the whole request safely
      this.logger.error(`intake write failed: ${(err as Error).message}`);
      throw new AppException('feed.store_unavailable', `database unavailable: ${(err as Error).message.slice(0, 200)}`, undefined, {
        'Retry-After': '2',
      });
    }
    const stored = fresh.filter((f) => written.has(f.incident.id)).length;
    duplicates += fresh.length - stored;
    this.metrics.inc('jointduty_records_in_total', 'Feed records accepted and stored', { channel }, stored);
    this.metrics.inc('jointduty_records_duplicate_total', 'Feed records already stored', { channel }, fresh.length - stored);
    return { accepted: stored, duplicates, rejected };
  }

  private recordsOf(body: unknown): unknown[] {
    if (Array.isArray(body)) {
      if (body.length === 0) throw new AppException('feed.empty_batch', 'body: an empty array holds no records');
      if (body.length > FEED_LIMITS.maxRecords) {
        throw new AppException('feed.too_many_records', `body: ${body.length} records, at most ${FEED_LIMITS.maxRecords} per request`);
      }
      return body;
    }
    if (body !== null && typeof body === 'object') return [body];
    throw new AppException('feed.not_records', 'body: must be a JSON object (one record) or an array of records');
  }
}
