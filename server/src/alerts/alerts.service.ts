import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  maskText,
  severityRank,
  type Alert,
  type AlertStatus,
  type Dispatch,
  type DispatchStep,
  type Incident,
  type Severity,
} from '@jointduty/shared';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { EventBus } from '../infra/bus/bus';
import { Db, type Queryable } from '../infra/database/db';
import type { EventState } from '../events/event.types';
import { AlertHistoryService } from './alert-history.service';
import { AlertsRepository } from './alerts.repository';
import { MetricsService } from '../metrics/metrics.service';

/** What the rules made of one event: the rules that fired, with the incident that fired them. */
export interface AlertVerdict {
  event: EventState;
  incident: Incident;
  matches: RuleMatch[];
}

/** An alert raised or changed in a transaction, to publish once it commits. */
export interface AlertChangeMade {
  alert: Alert;
  isNew: boolean;
}

/** A rule that fired on an event, in the words the duty room reads. */
export interface RuleMatch {
  rule: string;
  severity: Severity;
  title: string;
  summary: string;
}

// Which status may follow which: an alert never goes back to open.
const NEXT: Record<AlertStatus, AlertStatus[]> = {
  open: ['acknowledged', 'dispatched', 'resolved'],
  acknowledged: ['dispatched', 'resolved'],
  dispatched: ['dispatched', 'resolved'],
  resolved: [],
};

@Injectable()
export class AlertsService {
  constructor(
    private readonly db: Db,
    private readonly repo: AlertsRepository,
    private readonly bus: EventBus,
    private readonly audit: AuditService,
    private readonly alertHistory: AlertHistoryService,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * One alert per event per rule (grouping as Alertmanager does): a rule that fires the first time
   * raises its alert; later it updates it (count, channels, summary; severity only ever rises), and
   * every open alert of the event follows the event's growth. Resolved alerts stay as they were.
   */
  async applyEvent(event: EventState, incident: Incident, matches: RuleMatch[]): Promise<Alert[]> {
    const changes = await this.db.transaction((tx) => this.applyEventIn(tx, event, incident, matches));
    this.publish(changes);
    return changes.map((c) => c.alert);
  }

  /** Tells the screens about alert changes, after the transaction that made them committed. */
  publish(changes: AlertChangeMade[]): void {
    for (const c of changes) {
      if (c.isNew) {
        this.metrics.inc('jointduty_alerts_raised_total', 'Alerts raised, by severity and rule', {
          severity: c.alert.severity,
          rule: c.alert.rule,
        });
      }
      this.bus.publish(c.isNew ? 'alert.raised' : 'alert.updated', c.alert);
    }
  }

  /** applyEvent inside the caller's transaction; the caller publishes the changes after commit. */
  applyEventIn(tx: Queryable, event: EventState, incident: Incident, matches: RuleMatch[]): Promise<AlertChangeMade[]> {
    return this.applyEventsIn(tx, [{ event, incident, matches }]);
  }

  /**
   * applyEvent for many events at once, in a fixed number of statements whatever their number:
   * their alerts read in one query, seqs taken in one step (in the order of the changes), new
   * alerts, updates, the change log and the history each written in one statement.
   */
  async applyEventsIn(tx: Queryable, verdicts: readonly AlertVerdict[]): Promise<AlertChangeMade[]> {
    if (verdicts.length === 0) return [];
    const byEvent = await this.repo.byEvents(
      tx,
      verdicts.map((v) => v.event.id),
    );
    const now = new Date().toISOString();
    const out: AlertChangeMade[] = [];
    const before = new Map<string, Alert>();
    for (const { event, incident, matches } of verdicts) {
      const existing = byEvent.get(event.id) ?? [];
      if (existing.length === 0 && matches.length === 0) continue;
      const channels = [...event.channels];
      for (const m of matches) {
        if (existing.some((a) => a.rule === m.rule)) continue;
        const alert: Alert = {
          id: randomUUID(),
          seq: 0,
          eventId: event.id,
          rule: m.rule,
          severity: m.severity,
          // alerts travel to every screen: no phone or ID number a citizen typed goes with them
          title: maskText(m.title).slice(0, 200),
          summary: maskText(m.summary),
          channels,
          district: event.district ?? incident.district,
          category: event.category ?? incident.category,
          incidentCount: event.incidentCount,
          status: 'open',
          createdAt: now,
          updatedAt: now,
        };
        if (incident.flags.includes('simulated')) alert.simulated = true;
        out.push({ alert, isNew: true });
      }
      for (const current of existing) {
        if (current.status === 'resolved') continue;
        const m = matches.find((x) => x.rule === current.rule);
        const severity = m && severityRank(m.severity) > severityRank(current.severity) ? m.severity : current.severity;
        const summary = m ? maskText(m.summary) : current.summary;
        const same =
          severity === current.severity &&
          summary === current.summary &&
          current.incidentCount === event.incidentCount &&
          current.channels.join() === channels.join();
        if (same) continue;
        before.set(current.id, current);
        out.push({
          alert: { ...current, seq: 0, severity, summary, channels, incidentCount: event.incidentCount, updatedAt: now },
          isNew: false,
        });
      }
    }
    if (out.length === 0) return [];
    // seq order is the order of the changes here, and commit order across transactions
    const last = await this.repo.takeSeqs(tx, out.length);
    out.forEach((c, i) => (c.alert.seq = last - out.length + 1 + i));
    const added = out.filter((c) => c.isNew).map((c) => c.alert);
    const updated = out.filter((c) => !c.isNew).map((c) => c.alert);
    await this.repo.insertMany(tx, added);
    await this.repo.updateGrowth(tx, updated);
    if (updated.length > 0) {
      const progress = await this.repo.dispatchProgressOf(
        tx,
        updated.map((a) => a.id),
      );
      for (const a of updated) {
        const p = progress.get(a.id);
        if (p && p.length > 0) a.dispatches = p;
      }
    }
    await this.repo.addChanges(
      tx,
      out.map((c) => ({ kind: c.isNew ? 'new' : 'update', alert: c.alert, actor: null })),
    );
    await this.alertHistory.addMany(tx, [
      ...added.map((a) => this.alertHistory.raisedEntry(a)),
      ...updated.flatMap((a) => this.alertHistory.severityEntry(before.get(a.id)!, a) ?? []),
    ]);
    return out;
  }

  /** Whether any alert of the event has been resolved (a handled work order is not overdue). */
  async eventResolved(eventId: string): Promise<boolean> {
    const alerts = await this.repo.byEvent(this.db, eventId);
    return alerts.some((a) => a.status === 'resolved');
  }

  byEvent(eventId: string): Promise<Alert[]> {
    return this.repo.byEvent(this.db, eventId);
  }

  async get(id: string): Promise<Alert> {
    const a = await this.repo.get(id);
    if (!a) throw new AppException('alert.not_found', `alert ${id.slice(0, 64)} not found`);
    return this.withProgress(this.db, a);
  }

  /** Several alerts with their teams' progress, in two queries whatever their number. */
  async getMany(ids: string[]): Promise<Map<string, Alert>> {
    const unique = [...new Set(ids)];
    const [alerts, progress] = await Promise.all([this.repo.getMany(unique), this.repo.dispatchProgressOf(this.db, unique)]);
    const out = new Map<string, Alert>();
    for (const a of alerts) {
      const p = progress.get(a.id);
      if (p && p.length > 0) a.dispatches = p;
      out.set(a.id, a);
    }
    return out;
  }

  list(q: Parameters<AlertsRepository['list']>[0]): Promise<Alert[]> {
    return this.repo.list(q);
  }

  /** The alert's response timeline, oldest first. */
  history(id: string) {
    return this.alertHistory.list(id);
  }

  // history entries a dispatch writes inside its own transaction
  recordDispatched(tx: Queryable, created: readonly Dispatch[], actor: string): Promise<void> {
    return this.alertHistory.dispatched(tx, created, actor);
  }

  recordStep(tx: Queryable, dispatchId: string, step: DispatchStep, actor: string, note?: string | null): Promise<void> {
    return this.alertHistory.step(tx, dispatchId, step, actor, note);
  }

  acknowledge(id: string, actor: string): Promise<Alert> {
    return this.transition(id, actor, 'acknowledged', 'alert.acknowledge', undefined, (a) => {
      // acknowledging a dispatched alert changes nothing but is not an error
      if (a.status === 'dispatched') return a.status;
      return 'acknowledged';
    });
  }

  resolve(id: string, actor: string, note: string): Promise<Alert> {
    return this.transition(id, actor, 'resolved', 'alert.resolve', { resolvedAt: Date.now(), resolutionNote: note }, undefined, undefined, {
      note,
    });
  }

  /**
   * Changes an alert inside a transaction: new seq, change row, audit; pushes after commit.
   * `inTx` lets callers (dispatch) write their own rows in the same transaction.
   */
  async transition(
    id: string,
    actor: string,
    to: AlertStatus,
    action: string,
    extra?: { resolvedAt?: number; resolutionNote?: string },
    decide?: (a: Alert) => AlertStatus,
    // may answer what the audit log keeps beside the status after (the teams dispatched)
    inTx?: (tx: Queryable, alert: Alert) => Promise<Record<string, unknown> | void>,
    // what the audit log keeps beside the status after (a resolution note)
    auditAfter?: Record<string, unknown>,
  ): Promise<Alert> {
    const updated = await this.db.transaction(async (tx) => {
      const current = await this.repo.getIn(tx, id);
      if (!current) throw new AppException('alert.not_found', `alert ${id.slice(0, 64)} not found`);
      const target = decide ? decide(current) : to;
      if (target !== current.status && !NEXT[current.status].includes(target)) {
        throw new AppException('alert.transition_invalid', `alert is ${current.status}: cannot become ${target}`);
      }
      const more = inTx ? await inTx(tx, current) : undefined;
      const next: Alert = { ...current, status: target, seq: await this.repo.nextSeq(tx), updatedAt: new Date().toISOString() };
      await this.repo.update(tx, next, {
        acknowledgedAt: target === 'acknowledged' || target === 'dispatched' || target === 'resolved' ? Date.now() : undefined,
        ...extra,
      });
      await this.withProgress(tx, next);
      await this.repo.addChange(tx, 'update', next, actor);
      await this.alertHistory.transitioned(tx, current, next, actor, extra?.resolutionNote);
      return { before: current.status, next, more };
    });
    await this.audit.record(actor, action, 'alert', id, {
      before: { status: updated.before },
      after: { status: updated.next.status, ...auditAfter, ...(updated.more ?? {}) },
    });
    this.bus.publish('alert.updated', updated.next);
    return updated.next;
  }

  /** Re-announces an alert after something around it changed (a dispatch step). */
  async touch(tx: Queryable, id: string, actor: string): Promise<Alert> {
    const current = await this.repo.getIn(tx, id);
    if (!current) throw new AppException('alert.not_found', `alert ${id.slice(0, 64)} not found`);
    const next: Alert = { ...current, seq: await this.repo.nextSeq(tx), updatedAt: new Date().toISOString() };
    await this.repo.update(tx, next);
    await this.withProgress(tx, next);
    await this.repo.addChange(tx, 'update', next, actor);
    return next;
  }

  publishUpdated(alert: Alert): void {
    this.bus.publish('alert.updated', alert);
  }

  private async withProgress(tx: Queryable, a: Alert): Promise<Alert> {
    const progress = await this.repo.dispatchProgress(tx, a.id);
    if (progress.length > 0) a.dispatches = progress;
    return a;
  }
}
