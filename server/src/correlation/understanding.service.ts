import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Incident } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { IncidentsRepository, type SettledIncident } from '../incidents/incidents.repository';
import { MetricsService } from '../metrics/metrics.service';
import { watchAreaInText } from './engine/watch-areas';
import { ProfilesService } from '../profiles/profiles.service';
import { Brain, type Analysis, type Understood } from './engine/brain';
import type { EventState, Observation } from './engine/correlator';
import { EventsRepository } from '../events/events.repository';

export type { Analysis, Understood };

const HOUR = 3_600_000;
const PRUNE_EVERY_MS = 10 * 60_000;

// The brain, stored. Records are stored first; the instance holding the correlation lease then
// enriches and correlates them in batches (server/src/pipeline), writes what it decided in one
// transaction per batch, and rebuilds this memory from the database when it takes the lease and
// after a batch that did not commit.
@Injectable()
export class UnderstandingService {
  private readonly logger = new Logger('understanding');
  readonly brain: Brain;
  private prunedAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: EventsRepository,
    private readonly incidents: IncidentsRepository,
    profiles: ProfilesService,
    private readonly metrics: MetricsService,
  ) {
    this.brain = new Brain(config, {
      watchAreaOf: (norm) => watchAreaInText(profiles.active()?.profile, norm),
      paramsFor: (rule) => profiles.paramsFor(rule, null),
    });
  }

  /** Rebuilds the in-memory state from the database. */
  async warmUp(now = Date.now()): Promise<void> {
    const started = Date.now();
    this.brain.clear();
    const keepHours = Math.max(...Object.values(this.config.events.windowHours));
    const since = now - keepHours * HOUR;
    const alerted = await this.events.alertedSince(since - 7 * 24 * HOUR);
    for (const e of await this.events.recent(since)) {
      if (alerted.has(e.id)) e.alerted = true;
      this.brain.correlator.restore(e);
      if (!e.standalone && e.fieldKeys) this.brain.learnNames(e.fieldKeys);
    }
    for (const f of await this.incidents.filingsSince(now - this.config.events.people.windowDays * 86_400_000)) {
      const merchant = f.subjectKey && (f.subjectKey.startsWith('uscc:') || f.subjectKey.startsWith('name:')) ? f.subjectKey : null;
      this.brain.people.add(f.personKey, { at: f.at, subject: f.subjectKey, merchant, complaint: f.complaint });
    }
    this.logger.log(
      `warmed up: ${this.brain.correlator.size} recent events, ${this.brain.people.size} people in ${Date.now() - started} ms`,
    );
  }

  event(id: string): EventState | undefined {
    return this.brain.correlator.get(id);
  }

  enrich(incident: Incident): Analysis {
    return this.brain.enrich(incident);
  }

  /**
   * How correlation sees a stored incident, read again (an event rebuilt after a move): its
   * stored flags stand, the incident itself is left as it is.
   */
  observe(incident: Incident): Observation {
    const o = this.brain.enrich(structuredClone(incident)).observation;
    o.claimant = incident.flags.includes('professional-claimant');
    return o;
  }

  /**
   * Understands stored records that no event has taken yet, in order: enrichment (subject, place,
   * signals, flags), then people and correlation. Changes memory only: the caller writes what it
   * returns in one transaction, and rebuilds memory with warmUp() if that fails.
   */
  understand(batch: Incident[]): { settled: SettledIncident[]; states: EventState[] } {
    const understood: Understood[] = batch.map((incident) => {
      const analysis = this.brain.enrich(incident);
      return { incident, raw: '', personKey: analysis.personKey, subjectKey: analysis.subjectKey, analysis };
    });
    const { states, assignments } = this.brain.take(understood);
    for (const a of assignments) {
      const how = a.isNew ? 'new' : ((a.reason ?? '').split(' ')[1] ?? 'other');
      this.metrics.inc('jointduty_correlation_total', 'Incidents correlated, by how they joined (new, merchant, place, district)', { how });
    }
    const now = Date.now();
    if (now - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = now;
      this.brain.people.prune(this.brain.newest);
    }
    return {
      settled: understood.map((u) => ({ incident: u.incident, personKey: u.personKey ?? null, subjectKey: u.subjectKey ?? null })),
      states,
    };
  }
}
