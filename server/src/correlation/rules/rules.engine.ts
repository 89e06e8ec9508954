import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { severityRank, type Incident, type Severity } from '@jointduty/shared';
import { APP_CONFIG } from '../../config/app-config.token';
import type { AppConfig } from '../../config/config.schema';
import type { EventState } from '../engine/correlator';
import { eventFromRecord } from '../engine/event-state';
import { EventsRepository } from '../../events/events.repository';
import { UnderstandingService } from '../understanding.service';
import { IncidentsRepository } from '../../incidents/incidents.repository';
import type { Queryable } from '../../infra/database/db';
import { MetricsService } from '../../metrics/metrics.service';
import { ProfilesService } from '../../profiles/profiles.service';
import { AlertsService, type AlertChangeMade, type AlertVerdict } from '../../alerts/alerts.service';
import { SilencesService } from '../../alerts/silences.service';
import { OrdersRepository } from '../../orders/orders.repository';
import { OrdersService } from '../../orders/orders.service';

type RuleConfig = AppConfig['rules'][number];

/** What the rules make of one event after a batch: the rules that fired, with the incident that fired them. */
export type Verdict = AlertVerdict;

export interface RuleInput {
  incident: Incident;
  event: EventState;
  params: Record<string, unknown>;
}

/** What a rule says when it fires: why, in words the duty room reads; a severity above the rule's own if it must. */
export interface RuleResult {
  title: string;
  summary: string;
  severity?: Severity;
}

// A rule looks at an event as it stands after an incident joined it, and at that incident.
type RuleFn = (input: RuleInput) => RuleResult | null;

function strings(v: unknown, dflt: string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : dflt;
}
function number(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}
const CHANNEL_NAMES: Record<string, string> = { '12345': '12345热线', '12315': '12315', '110': '110', sentiment: '网络舆情' };
const where = (e: EventState) =>
  [e.district, e.place && !(e.district && e.place.includes(e.district)) ? e.place : null].filter(Boolean).join(' ');
const about = (e: EventState, i: Incident) => e.subject ?? e.place ?? i.title;

export const RULES: Record<string, RuleFn> = {
  // 110 群体性事件, or casualties ≥ 3 (CONTRACT §3)
  'police-mass-incident': ({ incident: i, params }) => {
    if (i.channel !== '110') return null;
    const byType = strings(params.alarmTypes, ['群体性事件']).includes(i.kind);
    const casualties = i.facts.casualties ?? 0;
    const byCasualties = casualties >= number(params.minCasualties, 3);
    if (!byType && !byCasualties) return null;
    const place = i.address && i.district && i.address.includes(i.district) ? i.address : [i.district, i.address].filter(Boolean).join(' ');
    return {
      title: byType ? `${i.kind}：${i.title}` : `${casualties}人伤亡：${i.title}`,
      summary: `110 ${i.kind}${byCasualties ? `，伤亡 ${casualties} 人` : ''}${place ? `，${place}` : ''}`,
    };
  },

  // people harmed together, reported by 2+ channels or 3+ incidents
  'mass-casualty': ({ incident: i, event: e, params }) => {
    const channels = e.harmChannels.length;
    const count = e.harmIncidents;
    if (count === 0) return null;
    if (channels < number(params.minChannels, 2) && count < number(params.minIncidents, 3)) return null;
    return {
      title: `多人伤害：${about(e, i)}`,
      summary: `${channels} 个渠道 ${count} 件报告（${e.harmChannels.map((c) => CHANNEL_NAMES[c] ?? c).join('、')}）${where(e) ? `，${where(e)}` : ''}`,
    };
  },

  // 5+ complaints against one merchant from distinct people within 24 h, claimants left out
  'group-complaint': ({ incident: i, event: e, params }) => {
    if (e.keys.length === 0) return null;
    const since = e.lastAt - number(params.windowHours, 24) * 3_600_000;
    const people = new Set(e.complainants.filter((c) => c.at >= since).map((c) => c.who));
    const min = number(params.minComplainants, 5);
    if (people.size < min) return null;
    return {
      title: `群体性投诉：${e.subject ?? i.title}`,
      summary: `${number(params.windowHours, 24)} 小时内 ${people.size} 人投诉同一商家${e.subject ? ` ${e.subject}` : ''}${where(e) ? `，${where(e)}` : ''}`,
    };
  },

  // sensitive topics: illegal fundraising, gatherings, blocking roads, media exposure …
  'sensitive-topic': ({ incident: i }) => {
    const topics = i.facts.sensitive ?? [];
    if (topics.length === 0) return null;
    return {
      title: `敏感话题（${topics.slice(0, 3).join('、')}）：${i.title}`,
      summary: `${CHANNEL_NAMES[i.channel] ?? i.channel}：涉及 ${topics.join('、')}`,
    };
  },

  // a negative post with reposts + comments ≥ 1,000 (major from 100,000)
  'viral-post': ({ incident: i, params }) => {
    if (i.channel !== 'sentiment' || (i.facts.negativity ?? 0.5) <= 0.5) return null;
    const metrics = strings(params.engagementMetrics, ['reposts', 'comments']);
    const facts = i.facts as Record<string, unknown>;
    const engagement = metrics.reduce((sum, m) => sum + number(facts[m], 0), 0);
    if (engagement < number(params.minEngagement, 1000)) return null;
    const major = engagement >= number(params.majorEngagement, 100_000);
    return {
      title: `负面舆情扩散：${i.title}`,
      summary: `${i.kind} 帖文转发+评论 ${engagement.toLocaleString('en-US')}，负面度 ${(i.facts.negativity ?? 0).toFixed(2)}${i.facts.author ? `，作者 ${i.facts.author}` : ''}`,
      ...(major ? { severity: 'major' as const } : {}),
    };
  },

  // the same person about the same subject 3+ times in 30 days (flagged at intake)
  'repeat-complaint': ({ incident: i, event: e }) => {
    if (!i.flags.includes('repeat')) return null;
    return { title: `反复投诉：${about(e, i)}`, summary: `同一诉求人就同一事项 30 天内多次反映：${i.title}` };
  },
};

export const OVERDUE_EVERY_MS = 60_000;
const OVERDUE_LOOKBACK_MS = 30 * 86_400_000;

@Injectable()
export class RulesEngine implements OnModuleInit {
  private readonly logger = new Logger('rules');
  private readonly active: Array<{ rule: RuleConfig; fn: RuleFn }>;
  private readonly overdueRule: RuleConfig | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AlertsService,
    private readonly understanding: UnderstandingService,
    private readonly events: EventsRepository,
    private readonly incidents: IncidentsRepository,
    private readonly profiles: ProfilesService,
    private readonly silences: SilencesService,
    private readonly metrics: MetricsService,
    private readonly orders: OrdersRepository,
    private readonly orderUnits: OrdersService,
  ) {
    this.active = config.rules.filter((r) => r.enabled && RULES[r.id]).map((rule) => ({ rule, fn: RULES[rule.id]! }));
    this.overdueRule = config.rules.find((r) => r.id === 'overdue-order' && r.enabled);
  }

  onModuleInit(): void {
    const unknown = this.config.rules
      .filter((r) => r.enabled && !RULES[r.id] && r.id !== 'overdue-order' && r.id !== 'escalation')
      .map((r) => r.id);
    if (unknown.length > 0) this.logger.warn(`rules in config/rules.yaml the engine does not know (ignored): ${unknown.join(', ')}`);
  }

  /** Whether the overdue-order rule is on (the pipeline checks it every minute). */
  get checksOverdue(): boolean {
    return this.overdueRule !== undefined;
  }

  /**
   * Judges a correlated batch against each incident's event as it stands after the batch, in
   * memory. One verdict per event: a rule that fired on several of its incidents fires once
   * (first title, highest severity, latest summary), and an event with alerts is listed even when
   * nothing fired, so its alerts follow its growth once per batch.
   */
  evaluate(batch: Incident[], now = Date.now()): Verdict[] {
    const verdicts = new Map<string, Verdict>();
    for (const incident of batch) {
      if (!incident.eventId) continue;
      const event = this.understanding.event(incident.eventId);
      if (!event) continue;
      let v = verdicts.get(event.id);
      for (const { rule, fn } of this.active) {
        const params = this.profiles.paramsFor(rule, event.watchArea, now);
        const r = fn({ incident, event, params });
        if (!r) continue;
        if (this.silences.mutes(event.id, rule.id, now)) {
          this.metrics.inc('jointduty_alerts_silenced_total', 'Rule matches muted by a silence', { rule: rule.id });
          continue;
        }
        const severity = r.severity ?? rule.severity;
        if (!v) verdicts.set(event.id, (v = { event, incident, matches: [] }));
        const same = v.matches.find((m) => m.rule === rule.id);
        if (!same) {
          if (v.matches.length === 0) v.incident = incident;
          v.matches.push({ rule: rule.id, severity, title: r.title, summary: r.summary });
        } else {
          if (severityRank(severity) > severityRank(same.severity)) same.severity = severity;
          same.summary = r.summary;
        }
      }
      if (!v && event.alerted) verdicts.set(event.id, (v = { event, incident, matches: [] }));
      else if (v && v.matches.length === 0) v.incident = incident;
    }
    return [...verdicts.values()];
  }

  /** Raises and updates the alerts the verdicts call for, inside the caller's transaction. */
  applyIn(tx: Queryable, verdicts: Verdict[]): Promise<AlertChangeMade[]> {
    return this.alerts.applyEventsIn(tx, verdicts);
  }

  /** Work orders past their due time with no resolved alert on their event (overdue-order). */
  async checkOverdue(now = Date.now()): Promise<number> {
    const rule = this.overdueRule;
    if (!rule) return 0;
    // work orders (orders/) still open past their handling deadline, with their records
    const late = await this.orders.pastDue(now, now - OVERDUE_LOOKBACK_MS, 200);
    const records = new Map((await this.incidents.fullByIds(late.map((o) => o.incidentId))).map((i) => [i.id, i]));
    let raised = 0;
    for (const o of late) {
      const i = records.get(o.incidentId);
      if (!i?.eventId) continue;
      const event = this.understanding.event(i.eventId) ?? (await this.eventOf(i));
      if (!event || this.silences.mutes(event.id, rule.id, now)) continue;
      if (await this.alerts.eventResolved(event.id)) continue;
      const hours = Math.floor((now - o.dueBy) / 3_600_000);
      const unit = this.orderUnits.units.get(o.departmentId)?.name ?? o.departmentId;
      await this.alerts.applyEvent(event, i, [
        {
          rule: rule.id,
          severity: rule.severity,
          title: `工单超期：${i.title}`,
          summary: `工单 ${i.externalId} 已超过办理时限 ${hours} 小时未办结，承办单位 ${unit}`,
        },
      ]);
      raised++;
    }
    await this.incidents.markOverdue(
      late.map((o) => o.incidentId),
      now,
    );
    return raised;
  }

  // an event older than the correlation window: enough of it for an alert
  private async eventOf(i: Incident): Promise<EventState | null> {
    const e = await this.events.get(i.eventId!);
    if (!e) return null;
    // its join reasons kept for the alert's text
    return { ...eventFromRecord(e), reasons: e.reasons };
  }
}
