import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Incident, Severity } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { EventBus } from '../infra/bus/bus';
import { AlertsService } from './alerts.service';

type RuleConfig = AppConfig['rules'][number];

interface RuleMatch {
  title: string;
  summary: string;
}

// A rule looks at one incident and says whether, and why, it raises an alert. Rules that need
// events across channels (group complaints, viral posts …) arrive with correlation.
type RuleFn = (incident: Incident, params: Record<string, unknown>) => RuleMatch | null;

function strings(v: unknown, dflt: string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : dflt;
}
function number(v: unknown, dflt: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

export const RULES: Record<string, RuleFn> = {
  // 110 群体性事件, or casualties ≥ 3 (CONTRACT §3)
  'police-mass-incident': (i, params) => {
    if (i.channel !== '110') return null;
    const types = strings(params.alarmTypes, ['群体性事件']);
    const minCasualties = number(params.minCasualties, 3);
    const casualties = i.facts.casualties ?? 0;
    const byType = types.includes(i.kind);
    const byCasualties = casualties >= minCasualties;
    if (!byType && !byCasualties) return null;
    // the address usually names the district already: say it once
    const where = i.address && i.district && i.address.includes(i.district) ? i.address : [i.district, i.address].filter(Boolean).join(' ');
    return {
      title: byType ? `${i.kind}：${i.title}` : `${casualties}人伤亡：${i.title}`,
      summary: `110 ${i.kind}${byCasualties ? `，伤亡 ${casualties} 人` : ''}${where ? `，${where}` : ''}`,
    };
  },
};

@Injectable()
export class RulesEngine implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('rules');
  private readonly active: Array<{ rule: RuleConfig; fn: RuleFn }>;
  private readonly configured: RuleConfig[];
  private unsubscribe: (() => void) | null = null;
  // batches are judged one after another, so two batches never race to raise the same alert
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly bus: EventBus,
    private readonly alerts: AlertsService,
  ) {
    this.configured = config.rules;
    this.active = config.rules.filter((r) => r.enabled && RULES[r.id]).map((rule) => ({ rule, fn: RULES[rule.id]! }));
  }

  onModuleInit(): void {
    const waiting = this.configured.filter((r) => r.enabled && !RULES[r.id]).map((r) => r.id);
    if (waiting.length > 0) this.logger.warn(`rules in config/rules.yaml not implemented yet (need event correlation): ${waiting.join(', ')}`);
    this.unsubscribe = this.bus.subscribe('incident.accepted', (batch) => {
      this.queue = this.queue.then(() => this.judge(batch)).catch((err: unknown) => this.logger.error(`rules failed: ${String(err)}`));
      return this.queue;
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Waits until every batch handed over so far has been judged (tests and shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }

  private async judge(batch: Incident[]): Promise<void> {
    for (const incident of batch) {
      for (const { rule, fn } of this.active) {
        const match = fn(incident, rule.params);
        if (match) await this.alerts.raiseOrUpdate({ rule: rule.id, severity: rule.severity as Severity, incident, ...match });
      }
    }
  }
}
