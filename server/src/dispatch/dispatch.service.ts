import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DISPATCH_STATUSES, STEP_STATUS, type Alert, type Dispatch, type DispatchStatus, type DispatchStep, type SessionUser } from '@jointduty/shared';
import { AlertsService } from '../alerts/alerts.service';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { Db } from '../infra/database/db';
import { DispatchRepository } from './dispatch.repository';

const ORDER = DISPATCH_STATUSES;

@Injectable()
export class DispatchService {
  private readonly teamIds: Set<string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly repo: DispatchRepository,
    private readonly alerts: AlertsService,
    private readonly bus: EventBus,
    private readonly audit: AuditService,
  ) {
    this.teamIds = new Set(config.teams.map((t) => t.id));
  }

  teams() {
    return this.config.teams;
  }

  /** Sends an alert to field teams; each team's phones get `dispatch:new`. */
  async dispatch(alertId: string, teamIds: string[], note: string | null, user: SessionUser): Promise<{ alert: Alert; dispatches: Dispatch[] }> {
    const unknown = teamIds.filter((t) => !this.teamIds.has(t));
    if (unknown.length > 0) throw new AppException('bad_request', `teamIds: unknown team ${unknown.map((t) => t.slice(0, 64)).join(', ')}`);
    const created: Dispatch[] = [];
    const alert = await this.alerts.transition(alertId, user.username, 'dispatched', 'alert.dispatch', undefined, undefined, async (tx) => {
      for (const teamId of [...new Set(teamIds)]) {
        const d: Dispatch = {
          id: randomUUID(),
          alertId,
          teamId,
          status: 'dispatched',
          note,
          dispatchedBy: user.username,
          createdAt: new Date().toISOString(),
          ackedAt: null,
          contactedAt: null,
          onsiteAt: null,
          resolvedAt: null,
          resultNote: null,
        };
        await this.repo.insert(tx, d);
        created.push(d);
      }
    });
    for (const d of created) {
      this.bus.publish('dispatch.created', { teamId: d.teamId, notice: { dispatchId: d.id, alert, note } });
    }
    return { alert, dispatches: created };
  }

  async list(user: SessionUser, status?: DispatchStatus): Promise<Dispatch[]> {
    // field users see their own team's, whatever they ask for
    const teamId = user.role === 'field' ? (user.teamId ?? '\u0000none') : undefined;
    const list = await this.repo.list({ teamId, status, limit: 200 });
    const alerts = new Map<string, Alert>();
    for (const d of list) {
      if (!alerts.has(d.alertId)) alerts.set(d.alertId, await this.alerts.get(d.alertId));
      d.alert = alerts.get(d.alertId);
    }
    return list;
  }

  /** One response step by the dispatched team: 签收 已联系 到场 办结, each timed. */
  async step(dispatchId: string, step: DispatchStep, note: string | undefined, user: SessionUser): Promise<Dispatch> {
    const status = STEP_STATUS[step];
    const { dispatch, alert } = await this.db.transaction(async (tx) => {
      const d = await this.repo.getIn(tx, dispatchId);
      // another team's dispatch is answered exactly like a missing one: ids reveal nothing
      if (!d || d.teamId !== user.teamId) throw new AppException('not_found', `dispatch ${dispatchId.slice(0, 64)} not found for your team`);
      if (ORDER.indexOf(status) <= ORDER.indexOf(d.status)) {
        throw new AppException('conflict', `dispatch is already ${d.status}: cannot go back to ${status}`);
      }
      await this.repo.setStatus(tx, d.id, status, Date.now(), step === 'resolve' ? (note ?? '') : undefined);
      const alert = await this.alerts.touch(tx, d.alertId, user.username);
      return { dispatch: (await this.repo.getIn(tx, d.id))!, alert };
    });
    await this.audit.record(user.username, `dispatch.${step}`, 'dispatch', dispatchId, { note: note ?? null });
    this.alerts.publishUpdated(alert);
    return dispatch;
  }
}
