import { Inject, Injectable } from '@nestjs/common';
import type { Alert, AlertHistoryEntry, Dispatch, DispatchStep } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import type { Queryable } from '../infra/database/db';
import { AlertHistoryRepository, type DispatchTimes, type HistoryRecord } from './alert-history.repository';

const STEP_TIME: Record<DispatchStep, keyof Pick<DispatchTimes, 'ackedAt' | 'contactedAt' | 'onsiteAt' | 'resolvedAt'>> = {
  ack: 'ackedAt',
  contacted: 'contactedAt',
  onsite: 'onsiteAt',
  resolve: 'resolvedAt',
};

// An alert's response timeline: each call here appends what just happened, inside the
// caller's transaction, so the history holds exactly the changes that were committed.
@Injectable()
export class AlertHistoryService {
  private readonly people: Map<string, string>;
  private readonly teams: Map<string, string>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: AlertHistoryRepository,
  ) {
    this.people = new Map(config.accounts.map((a) => [a.username, a.displayName]));
    this.teams = new Map(config.teams.map((t) => [t.id, t.name]));
  }

  raised(tx: Queryable, a: Alert): Promise<boolean> {
    return this.repo.add(tx, this.raisedEntry(a));
  }

  raisedEntry(a: Alert): Omit<HistoryRecord, 'id'> {
    return { alertId: a.id, kind: 'raised', at: Date.parse(a.createdAt), actor: null, detail: { rule: a.rule, severity: a.severity } };
  }

  /** Severity only ever rises; nothing is written when it did not change. */
  async severityChanged(tx: Queryable, before: Alert, after: Alert): Promise<void> {
    const e = this.severityEntry(before, after);
    if (e) await this.repo.add(tx, e);
  }

  severityEntry(before: Alert, after: Alert): Omit<HistoryRecord, 'id'> | null {
    if (before.severity === after.severity) return null;
    return {
      alertId: after.id,
      kind: 'severity',
      at: Date.parse(after.updatedAt),
      actor: null,
      detail: { severity: after.severity, previousSeverity: before.severity },
    };
  }

  /** Several entries in one statement. */
  addMany(tx: Queryable, entries: Array<Omit<HistoryRecord, 'id'>>): Promise<void> {
    return this.repo.addMany(tx, entries);
  }

  /** 签收 (open → acknowledged) and 办结 (with its note); a dispatch writes its own entry with the teams. */
  async transitioned(tx: Queryable, before: Alert, after: Alert, actor: string, note?: string): Promise<void> {
    const at = Date.parse(after.updatedAt);
    if (after.status === 'acknowledged' && before.status === 'open') {
      await this.repo.add(tx, { alertId: after.id, kind: 'acknowledged', at, actor, detail: {} });
    } else if (after.status === 'resolved') {
      await this.repo.add(tx, { alertId: after.id, kind: 'resolved', at, actor, detail: { note: note ?? null } });
    }
  }

  async dispatched(tx: Queryable, created: readonly Dispatch[], actor: string): Promise<void> {
    const first = created[0];
    if (!first) return;
    await this.repo.add(tx, {
      alertId: first.alertId,
      kind: 'dispatched',
      at: Date.parse(first.createdAt),
      actor,
      detail: { teamIds: created.map((d) => d.teamId), note: first.note },
    });
  }

  /** A team's step, at the time the dispatch recorded for it (which may be the phone's own time). */
  async step(tx: Queryable, dispatchId: string, step: DispatchStep, actor: string, note?: string | null): Promise<void> {
    const d = await this.repo.dispatchTimes(tx, dispatchId);
    if (!d) return;
    const at = d[STEP_TIME[step]] ?? Date.now();
    await this.repo.add(tx, {
      alertId: d.alertId,
      kind: 'step',
      at,
      actor,
      detail: { dispatchId: d.id, teamId: d.teamId, step, note: step === 'resolve' ? (d.resultNote ?? note ?? null) : (note ?? null) },
    });
  }

  /** Records the escalation once per alert; false when it was already recorded (by anyone, ever). */
  escalated(tx: Queryable, a: Alert, at: number, waitedMinutes: number): Promise<boolean> {
    return this.repo.add(
      tx,
      {
        alertId: a.id,
        kind: 'escalated',
        at,
        actor: null,
        detail: { severity: a.severity, waitedMinutes: Math.round(waitedMinutes * 10) / 10 },
      },
      'escalated',
    );
  }

  escalatedAt(alertIds: string[]): Promise<Map<string, number>> {
    return alertIds.length === 0 ? Promise.resolve(new Map()) : this.repo.escalatedAt(alertIds);
  }

  async list(alertId: string): Promise<AlertHistoryEntry[]> {
    return (await this.repo.list(alertId)).map((r) => this.toEntry(r));
  }

  private toEntry(r: HistoryRecord): AlertHistoryEntry {
    const d = r.detail;
    const e: AlertHistoryEntry = {
      id: r.id,
      alertId: r.alertId,
      kind: r.kind,
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      actorName: r.actor === null ? null : (this.people.get(r.actor) ?? r.actor),
    };
    if (d.rule !== undefined) e.rule = d.rule;
    if (d.severity !== undefined) e.severity = d.severity;
    if (d.previousSeverity !== undefined) e.previousSeverity = d.previousSeverity;
    if (d.teamIds !== undefined) e.teams = d.teamIds.map((id) => this.team(id));
    if (d.teamId !== undefined) e.team = this.team(d.teamId);
    if (d.dispatchId !== undefined) e.dispatchId = d.dispatchId;
    if (d.step !== undefined) e.step = d.step;
    if (d.waitedMinutes !== undefined) e.waitedMinutes = d.waitedMinutes;
    if (d.note !== undefined) e.note = d.note;
    return e;
  }

  private team(id: string): { id: string; name: string } {
    return { id, name: this.teams.get(id) ?? id };
  }
}
