import { Injectable } from '@nestjs/common';
import { severityRank } from '@jointduty/shared';
import { AlertsService, type AlertChangeMade } from '../../alerts/alerts.service';
import { CorrelationLease } from '../../infra/cluster/lease.service';
import { Db } from '../../infra/database/db';
import { RulesEngine, type Verdict } from '../rules/rules.engine';
import { UnderstandingService } from '../understanding.service';
import { CorrelationMemory } from './correlation-memory';

/** an event's alerts follow its growth at most this often (new alerts and higher severities at once) */
export const GROWTH_EVERY_MS = 2000;

// An alert's growth alone (one more incident, a new summary of the same rule at the same
// severity) is written at most every GROWTH_EVERY_MS per event: a busy event (a sentiment post
// shared again and again) would otherwise send an `alert:update` to every screen with each batch.
// A new alert or a higher severity is written at once.
@Injectable()
export class GrowthThrottle {
  /** alert growth waiting for its interval, by event */
  private readonly heldBack = new Map<string, Verdict>();

  constructor(
    private readonly db: Db,
    private readonly lease: CorrelationLease,
    private readonly understanding: UnderstandingService,
    private readonly rules: RulesEngine,
    private readonly alerts: AlertsService,
    private readonly memory: CorrelationMemory,
  ) {}

  /** Whether growth is held back, for flush(). */
  get waiting(): boolean {
    return this.heldBack.size > 0;
  }

  /**
   * The verdicts to write now; the others are held back. The growth held back is written by the
   * next batch that touches the event after the interval, or by flush().
   */
  due(verdicts: Verdict[], now: number): Verdict[] {
    const out: Verdict[] = [];
    for (const v of verdicts) {
      const known = v.event.alertRules ?? {};
      const material = v.matches.some((m) => known[m.rule] === undefined || severityRank(m.severity) > severityRank(known[m.rule]!));
      if (material || now - (v.event.alertsAt ?? 0) >= GROWTH_EVERY_MS) {
        this.heldBack.delete(v.event.id);
        out.push(v);
      } else {
        this.heldBack.set(v.event.id, v);
      }
    }
    return out;
  }

  /** After a commit: memory notes when each event's alerts were written, and at which severities. */
  written(verdicts: Verdict[], changes: AlertChangeMade[], now: number): void {
    const byId = new Map(verdicts.map((v) => [v.event.id, v.event]));
    for (const v of verdicts) {
      v.event.alertsAt = now;
      v.event.alertRules ??= {};
    }
    for (const c of changes) {
      const e = byId.get(c.alert.eventId);
      if (!e) continue;
      e.alerted = true;
      e.alertRules![c.alert.rule] = c.alert.severity;
    }
    for (const v of verdicts) if (v.matches.length > 0) v.event.alerted = true;
  }

  /** Writes the growth held back longer than the interval (events that stopped growing), or all of it. In turn. */
  async flush(all = false): Promise<void> {
    // memory is being rebuilt: the next call writes it
    if (!this.memory.warm) return;
    const now = Date.now();
    const verdicts: Verdict[] = [];
    for (const [id, v] of this.heldBack) {
      if (!all && now - (v.event.alertsAt ?? 0) < GROWTH_EVERY_MS) continue;
      this.heldBack.delete(id);
      // memory may have been rebuilt since: the event as it stands now
      const event = this.understanding.event(id);
      if (event) verdicts.push({ ...v, event });
    }
    if (verdicts.length === 0) return;
    const changes = await this.db.transaction(async (tx) => {
      await this.lease.fence(tx);
      return this.rules.applyIn(tx, verdicts);
    });
    this.written(verdicts, changes, now);
    this.alerts.publish(changes);
  }
}
