import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { maskText, severityRank, type Alert, type AlertStatus, type Channel, type Incident, type Severity } from '@jointduty/shared';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { EventBus } from '../infra/bus/bus';
import { Db, type Queryable } from '../infra/database/db';
import { EventsRepository } from '../events/events.repository';
import { AlertsRepository } from './alerts.repository';

export interface RaiseInput {
  rule: string;
  severity: Severity;
  title: string;
  summary: string;
  incident: Incident;
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
    private readonly events: EventsRepository,
    private readonly bus: EventBus,
    private readonly audit: AuditService,
  ) {}

  /** One alert per event per rule: raised once, then updated; severity only ever rises. */
  async raiseOrUpdate(input: RaiseInput): Promise<Alert> {
    const { alert, isNew } = await this.db.transaction(async (tx) => {
      const inc = input.incident;
      const eventId = inc.eventId ?? (await this.events.createFor(tx, inc, `rule ${input.rule}`));
      inc.eventId = eventId;
      const existing = await this.repo.findByEventRule(tx, eventId, input.rule);
      const now = new Date().toISOString();
      const seq = await this.repo.nextSeq(tx);
      if (existing) {
        const channels = [...new Set<Channel>([...existing.channels, inc.channel])];
        const severity = severityRank(input.severity) > severityRank(existing.severity) ? input.severity : existing.severity;
        const next: Alert = { ...existing, seq, severity, channels, incidentCount: existing.incidentCount + 1, summary: maskText(input.summary), updatedAt: now };
        await this.repo.update(tx, next);
        await this.withProgress(tx, next);
        await this.repo.addChange(tx, 'update', next, null);
        return { alert: next, isNew: false };
      }
      const alert: Alert = {
        id: randomUUID(),
        seq,
        eventId,
        rule: input.rule,
        severity: input.severity,
        // alerts travel to every screen: no phone or ID number a citizen typed goes with them
        title: maskText(input.title).slice(0, 200),
        summary: maskText(input.summary),
        channels: [inc.channel],
        district: inc.district,
        category: inc.category,
        incidentCount: 1,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      };
      if (inc.flags.includes('simulated')) alert.simulated = true;
      await this.repo.insert(tx, alert);
      await this.repo.addChange(tx, 'new', alert, null);
      return { alert, isNew: true };
    });
    this.bus.publish(isNew ? 'alert.raised' : 'alert.updated', alert);
    return alert;
  }

  async get(id: string): Promise<Alert> {
    const a = await this.repo.get(id);
    if (!a) throw new AppException('not_found', `alert ${id.slice(0, 64)} not found`);
    return this.withProgress(this.db, a);
  }

  list(q: Parameters<AlertsRepository['list']>[0]): Promise<Alert[]> {
    return this.repo.list(q);
  }

  history(id: string) {
    return this.repo.history(id);
  }

  acknowledge(id: string, actor: string): Promise<Alert> {
    return this.transition(id, actor, 'acknowledged', 'alert.acknowledge', undefined, (a) => {
      // acknowledging a dispatched alert changes nothing but is not an error
      if (a.status === 'dispatched') return a.status;
      return 'acknowledged';
    });
  }

  resolve(id: string, actor: string, note: string): Promise<Alert> {
    return this.transition(id, actor, 'resolved', 'alert.resolve', { resolvedAt: Date.now(), resolutionNote: note });
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
    inTx?: (tx: Queryable, alert: Alert) => Promise<void>,
  ): Promise<Alert> {
    const updated = await this.db.transaction(async (tx) => {
      const current = await this.repo.getIn(tx, id);
      if (!current) throw new AppException('not_found', `alert ${id.slice(0, 64)} not found`);
      const target = decide ? decide(current) : to;
      if (target !== current.status && !NEXT[current.status].includes(target)) {
        throw new AppException('conflict', `alert is ${current.status}: cannot become ${target}`);
      }
      if (inTx) await inTx(tx, current);
      const next: Alert = { ...current, status: target, seq: await this.repo.nextSeq(tx), updatedAt: new Date().toISOString() };
      await this.repo.update(tx, next, {
        acknowledgedAt: target === 'acknowledged' || target === 'dispatched' || target === 'resolved' ? Date.now() : undefined,
        ...extra,
      });
      await this.withProgress(tx, next);
      await this.repo.addChange(tx, 'update', next, actor);
      return { before: current.status, next };
    });
    await this.audit.record(actor, action, 'alert', id, { before: updated.before, after: updated.next.status });
    this.bus.publish('alert.updated', updated.next);
    return updated.next;
  }

  /** Re-announces an alert after something around it changed (a dispatch step). */
  async touch(tx: Queryable, id: string, actor: string): Promise<Alert> {
    const current = await this.repo.getIn(tx, id);
    if (!current) throw new AppException('not_found', `alert ${id.slice(0, 64)} not found`);
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
