import { Inject, Injectable } from '@nestjs/common';
import type { Alert, Coordinates, Severity } from '@jointduty/shared';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { IncidentsRepository } from '../incidents/incidents.repository';
import { AlertsRepository } from './alerts.repository';
import { AlertsService } from './alerts.service';

// OASIS CAP 1.2 export of an alert, for other warning systems (the form GB/T 35965.1 builds on).
// Each stored version of an alert (its seq) is one CAP message with a stable identifier; a later
// version is an Update that references the one before it. The mapping is in docs/info-reports.md.

/** The grade's CAP severity and urgency; a resolved alert's urgency is Past. */
export const CAP_SEVERITY: Record<Severity, string> = { general: 'Moderate', urgent: 'Severe', major: 'Extreme' };
export const CAP_URGENCY: Record<Severity, string> = { general: 'Expected', urgent: 'Immediate', major: 'Immediate' };

/** The CAP message of one version of an alert, as `<references>` names it. */
export interface CapMessageRef {
  identifier: string;
  sent: string;
}

export interface CapOptions {
  sender: string;
  city: string;
  /** the rule's name in Chinese (config/rules.yaml `title`) */
  ruleName: string;
  /** the version before this one; null for the first */
  previous: CapMessageRef | null;
  /** where the alert's records were, WGS 84 */
  points: readonly Coordinates[];
  /** the alert's page in the console, when the server knows its own address */
  web?: string;
}

function esc(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // characters XML 1.0 cannot carry at all
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      // a lone half of a surrogate pair is no character either
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
  );
}

/** CAP wants times like 2026-07-20T21:05:00+08:00: no fractions, an explicit offset (the city's, China Standard Time). */
export function capTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
  return d.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** The identifier of one version of an alert: stable, and free of the characters CAP forbids. */
export function capIdentifier(alertId: string, seq: number): string {
  return `jointduty-${alertId.replace(/[^A-Za-z0-9-]/g, '')}-${seq}`;
}

const EARTH_KM = 6371;
const rad = (d: number) => (d * Math.PI) / 180;

function distanceKm(a: Coordinates, b: Coordinates): number {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The circle around the records' places (CAP `lat,lon radius`, radius in km): their centre, and
 * the farthest of them plus half a kilometre (a single place gets 0.5 km). Null without places.
 */
export function capCircle(points: readonly Coordinates[]): string | null {
  const valid = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180);
  if (valid.length === 0) return null;
  const centre = { lat: valid.reduce((s, p) => s + p.lat, 0) / valid.length, lng: valid.reduce((s, p) => s + p.lng, 0) / valid.length };
  const far = Math.max(...valid.map((p) => distanceKm(centre, p)));
  const radius = Math.ceil((far + 0.5) * 10) / 10;
  return `${centre.lat.toFixed(5)},${centre.lng.toFixed(5)} ${radius.toFixed(1)}`;
}

function capCategory(a: Alert): string {
  if (a.channels.includes('110')) return 'Security';
  if (a.rule === 'mass-casualty') return 'Safety';
  if (a.channels.includes('12315')) return 'Other';
  return 'Safety';
}

/** Reported by the police, or by more than one channel: observed; else likely. */
function capCertainty(a: Alert): string {
  return a.channels.includes('110') || a.channels.length > 1 ? 'Observed' : 'Likely';
}

export function alertToCap(alert: Alert, opts: CapOptions): string {
  const status = alert.simulated ? 'Exercise' : 'Actual';
  const resolved = alert.status === 'resolved';
  const area = [opts.city, alert.district].filter(Boolean).join(' ');
  const event = alert.category ? `${opts.ruleName}（${alert.category.replace(/>/g, '/')}）` : opts.ruleName;
  const circle = capCircle(opts.points);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">`,
    `  <identifier>${capIdentifier(alert.id, alert.seq)}</identifier>`,
    `  <sender>${esc(opts.sender)}</sender>`,
    `  <sent>${capTime(alert.updatedAt)}</sent>`,
    `  <status>${status}</status>`,
    `  <msgType>${opts.previous ? 'Update' : 'Alert'}</msgType>`,
    `  <scope>Restricted</scope>`,
    `  <restriction>joint duty office staff only</restriction>`,
  ];
  if (opts.previous)
    lines.push(`  <references>${esc(opts.sender)},${opts.previous.identifier},${capTime(opts.previous.sent)}</references>`);
  lines.push(
    `  <incidents>jointduty-event-${alert.eventId.replace(/[^A-Za-z0-9-]/g, '')}</incidents>`,
    `  <info>`,
    `    <language>zh-CN</language>`,
    `    <category>${capCategory(alert)}</category>`,
    `    <event>${esc(event)}</event>`,
  );
  if (resolved) lines.push(`    <responseType>AllClear</responseType>`);
  lines.push(
    `    <urgency>${resolved ? 'Past' : CAP_URGENCY[alert.severity]}</urgency>`,
    `    <severity>${CAP_SEVERITY[alert.severity]}</severity>`,
    `    <certainty>${capCertainty(alert)}</certainty>`,
    `    <effective>${capTime(alert.createdAt)}</effective>`,
    `    <senderName>${esc(opts.city)}联席值守</senderName>`,
    `    <headline>${esc(alert.title)}</headline>`,
    `    <description>${esc(alert.summary)}</description>`,
  );
  if (opts.web) lines.push(`    <web>${esc(opts.web)}</web>`);
  const parameters: Array<[string, string]> = [
    ['rule', alert.rule],
    ['status', alert.status],
    ['incidentCount', String(alert.incidentCount)],
    ['channels', alert.channels.join(' ')],
  ];
  for (const [name, value] of parameters) {
    lines.push(`    <parameter>`, `      <valueName>${name}</valueName>`, `      <value>${esc(value)}</value>`, `    </parameter>`);
  }
  lines.push(`    <area>`, `      <areaDesc>${esc(area || opts.city)}</areaDesc>`);
  if (circle) lines.push(`      <circle>${circle}</circle>`);
  lines.push(`    </area>`, `  </info>`, `</alert>`, ``);
  return lines.join('\n');
}

// a CAP area is drawn from at most this many of the alert's records
const MAX_POINTS = 1000;

/** GET /api/alerts/{id}/cap: the alert's current version, with the version before it and its records' places. */
@Injectable()
export class CapService {
  private readonly ruleNames: Map<string, string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AlertsService,
    private readonly repo: AlertsRepository,
    private readonly incidents: IncidentsRepository,
  ) {
    this.ruleNames = new Map(config.rules.map((r) => [r.id, r.title]));
  }

  async of(id: string): Promise<string> {
    const alert = await this.alerts.get(id);
    const [previous, incidents] = await Promise.all([
      this.repo.previousVersion(alert.id, alert.seq),
      this.incidents.list({ eventId: alert.eventId, limit: MAX_POINTS }),
    ]);
    return alertToCap(alert, {
      sender: `jointduty@${this.config.city.code}`,
      city: this.config.city.name,
      ruleName: this.ruleNames.get(alert.rule) ?? alert.rule,
      previous: previous && { identifier: capIdentifier(alert.id, previous.seq), sent: previous.updatedAt },
      points: incidents.flatMap((i) => (i.location ? [i.location] : [])),
    });
  }
}
