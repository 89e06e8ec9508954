import type { Channel } from './channels';
import type { Severity } from './alert';
import type { OrderFigures } from './orders';

/** Today's overview (GET /api/stats/overview and the `stats` push). */
export interface StatsOverview {
  date: string;
  generatedAt: string;
  total: number;
  byChannel: Record<Channel, number>;
  byDistrict: Record<string, number>;
  byCategory: Record<string, number>;
  openAlerts: Record<Severity, number>;
  /** Share of today's alerts acknowledged within 24 h; null when there were none. */
  responseRate: number | null;
  /** Share of work orders handled within their deadline (last 30 days, docs/metrics.md); null when none was due. */
  onTimeRate: number | null;
  /** The work orders' figures: due today, overdue, ledger, on-time rates (CONTRACT §7). */
  orders: OrderFigures;
  simulatorOn: boolean;
  /** The peak-season profile in force (啤酒节, 黄金周 …), shown on the wall; null when none. */
  profile: ActiveProfileSummary | null;
  /** Who is on duty now (联合值守): config/roster.yaml, with the active profile's roster adding or replacing units. */
  roster: RosterEntry[];
}

/** One member unit's person on duty now. */
export interface RosterEntry {
  unit: string;
  person: string;
  /** a work phone */
  phone: string | null;
  /** as written in the roster, e.g. 08:00-20:00 or 20:00-08:00; null when always on duty */
  shift: string | null;
  /** from the base roster or the active profile's */
  source: 'base' | 'profile';
}

/** Incidents per minute per channel (GET /api/stats/series): the wall's trend chart. */
export interface StatsSeries {
  /** the first minute shown, ISO; one entry per minute after it */
  start: string;
  minutes: number;
  byChannel: Record<Channel, number[]>;
  /** the same minutes seven days earlier */
  lastWeek: Record<Channel, number[]>;
  /** the merchants with the most incidents in their events over the last 24 h */
  hotMerchants: Array<{ name: string; incidents: number; eventId: string; district: string | null }>;
}

export interface ActiveProfileSummary {
  id: string;
  name: string;
  /** switched on by a duty officer rather than by its dates */
  manual: boolean;
  watchAreas: string[];
  roster: Array<{ unit: string; person: string; phone?: string; shift?: string }>;
}

export interface FeedResult {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; errors: string[] }>;
}

export interface HealthStatus {
  status: 'ok' | 'degraded';
  database: 'ok' | 'down';
  bus: 'ok' | 'down';
  /**
   * how live pushes reach the sockets of other instances: the Socket.IO Redis Streams adapter
   * (REDIS_URL) or none (one instance), and whether its Redis answers; while it is away each
   * instance still serves its own sockets, and the answer is degraded
   */
  realtime?: { adapter: 'redis-streams' | 'none'; status: 'ok' | 'down' };
  version: string;
  uptimeSeconds: number;
  /** which instance answered (INSTANCE_ID and process id) */
  instance?: string;
  /** whether this instance holds the correlation lease (exactly one instance does) */
  correlation?: 'holder' | 'standby';
}
