import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  STEP_STATUS,
  type Alert,
  type Dispatch,
  type DispatchStatus,
  type DispatchStep,
  type DispatchStepBody,
  type SessionUser,
} from '@jointduty/shared';
import { AlertsService } from '../alerts/alerts.service';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { Db } from '../infra/database/db';
import { decideStep } from './dispatch-steps';
import { DispatchRepository } from './dispatch.repository';

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
  async dispatch(
    alertId: string,
    teamIds: string[],
    note: string | null,
    user: SessionUser,
  ): Promise<{ alert: Alert; dispatches: Dispatch[] }> {
    const unknown = teamIds.filter((t) => !this.teamIds.has(t));
    if (unknown.length > 0)
      throw new AppException('dispatch.unknown_team', `teamIds: unknown team ${unknown.map((t) => t.slice(0, 64)).join(', ')}`);
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
      await this.alerts.recordDispatched(tx, created, user.username);
      return { teamIds: created.map((d) => d.teamId), note };
    });
    for (const d of created) {
      // a team's phones learn of their own dispatch only, not of the other teams sent with them
      const own: Alert = { ...alert, dispatches: alert.dispatches?.filter((p) => p.teamId === d.teamId) };
      const notice = {
        dispatchId: d.id,
        alert: own,
        note,
        createdAt: d.createdAt,
        dispatchedBy: d.dispatchedBy,
        dispatchedByName: this.nameOf(d.dispatchedBy),
      };
      this.bus.publish('dispatch.created', { teamId: d.teamId, notice });
    }
    return { alert, dispatches: created };
  }

  async list(user: SessionUser, status?: DispatchStatus): Promise<Dispatch[]> {
    // field users see their own team's, whatever they ask for
    const teamId = user.role === 'field' ? (user.teamId ?? '\u0000none') : undefined;
    const list = await this.repo.list({ teamId, status, limit: 200 });
    const alerts = await this.alerts.getMany(list.map((d) => d.alertId));
    for (const d of list) {
      const alert = alerts.get(d.alertId);
      if (!alert) continue;
      // a field user sees their own team's progress on the alert, not the other teams'
      d.alert = teamId === undefined ? alert : { ...alert, dispatches: alert.dispatches?.filter((p) => p.teamId === teamId) };
    }
    // what a phone needs without `GET /api/events/{id}`: who sent it, where, the leaders' 批示
    const eventIds = [...new Set(list.flatMap((d) => (d.alert ? [d.alert.eventId] : [])))];
    const [instructions, places] = await Promise.all([this.repo.instructionsFor(eventIds), this.repo.placesFor(eventIds)]);
    for (const d of list) {
      d.dispatchedByName = this.nameOf(d.dispatchedBy);
      d.place = d.alert ? (places.get(d.alert.eventId) ?? null) : null;
      d.instructions = d.alert ? (instructions.get(d.alert.eventId) ?? []) : [];
    }
    return list;
  }

  private nameOf(username: string): string {
    return this.config.accounts.find((a) => a.username === username)?.displayName ?? username;
  }

  /** One response step by the dispatched team: 签收 已联系 到场 办结, each timed (rules: dispatch-steps.ts). */
  async step(dispatchId: string, step: DispatchStep, body: DispatchStepBody, user: SessionUser): Promise<Dispatch> {
    const status = STEP_STATUS[step];
    const note = body.note;
    const { dispatch, alert, before } = await this.db.transaction(async (tx) => {
      const decide = async () => {
        const found = await this.repo.getForStep(tx, dispatchId);
        // another team's dispatch is answered exactly like a missing one: ids reveal nothing
        if (!found || found.dispatch.teamId !== user.teamId) {
          throw new AppException('dispatch.not_found', `dispatch ${dispatchId.slice(0, 64)} not found for your team`);
        }
        const decision = decideStep(found.dispatch, step, {
          at: body.at,
          alertStatus: found.alertStatus,
          resultNote: note,
          now: Date.now(),
        });
        return { d: found.dispatch, decision };
      };
      let { d, decision } = await decide();
      if (
        decision.kind === 'apply' &&
        !(await this.repo.setStatus(tx, d.id, status, decision.at, step === 'resolve' ? note : undefined, decision.expected))
      ) {
        // another phone of the team moved it first: judge again on what it is now
        ({ d, decision } = await decide());
        if (decision.kind === 'apply')
          throw new AppException('dispatch.changed_meanwhile', `step: the dispatch changed meanwhile; send ${step} again`);
      }
      // sent again (a replayed offline queue, a second phone): answered as it is, nothing recorded
      if (decision.kind === 'repeat') return { dispatch: d, alert: null, before: d.status };
      await this.alerts.recordStep(tx, d.id, step, user.username, note ?? null);
      const alert = await this.alerts.touch(tx, d.alertId, user.username);
      return { dispatch: (await this.repo.getIn(tx, d.id))!, alert, before: d.status };
    });
    if (!alert) return dispatch;
    await this.audit.record(user.username, `dispatch.${step}`, 'dispatch', dispatchId, {
      before: { status: before },
      after: { status: dispatch.status, note: note ?? null },
    });
    this.alerts.publishUpdated(alert);
    return dispatch;
  }
}
