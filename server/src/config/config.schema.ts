import type { LogLevel } from '@nestjs/common';
import { z } from 'zod';

import { CHANNELS, ROLES, SEVERITIES, type Channel, type Role, type Severity } from '@jointduty/shared';
import type { ClassifierExamples } from './classifier-examples';
import type { SensitiveLexicon, SentimentLexicon } from './lexicons';
import type { CalendarConfig, OrdersConfig, ReportsConfig } from './orders.schema';
import type { FeedAliases } from '@jointduty/shared';
import { parseShift, SHIFT_FORMAT } from './shift';
import type { SimulatorConfig } from './simulator.schema';

// One source of truth: the channels, roles and severities come from the shared package.
export const FEED_CHANNELS = CHANNELS;
export type FeedChannel = Channel;
export { ROLES, SEVERITIES };
export type { Role, Severity };

// The files of config/, by the part of AppConfig they fill.
export const CONFIG_FILES = {
  city: 'city.yaml',
  districtsGeo: 'districts.geojson',
  departments: 'departments.yaml',
  teams: 'teams.yaml',
  accounts: 'accounts.yaml',
  rules: 'rules.yaml',
  feeds: 'feeds.yaml',
  simulator: 'simulator.yaml',
  gazetteer: 'gazetteer.yaml',
  events: 'events.yaml',
  profiles: 'profiles.yaml',
  roster: 'roster.yaml',
  subjectLexicon: 'lexicons/subjects.yaml',
  storyLexicon: 'lexicons/stories.yaml',
  sentimentLexicon: 'lexicons/sentiment.yaml',
  sensitiveLexicon: 'lexicons/sensitive.yaml',
  classifierExamples: 'classifier/examples.yaml',
  calendar: 'calendar.yaml',
  orders: 'orders.yaml',
  reports: 'reports.yaml',
} as const;
export type ConfigFile = keyof typeof CONFIG_FILES;

// ---- the typed configuration the server is built on

export interface EnvConfig {
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  simulator: boolean;
  jwtSecret: string | null;
  production: boolean;
  configDir: string;
  /** records received and not yet committed before intake answers 503 (INTAKE_MAX_QUEUED) */
  intakeMaxQueued: number;
  /** records committed and not yet correlated before intake answers 429 (CORRELATION_MAX_BACKLOG) */
  correlationMaxBacklog: number;
  /** the Nest log levels written: LOG_LEVEL as a threshold, default log (log, warn, error, fatal) */
  logLevels: LogLevel[];
  /** INSTANCE_ID, else the host name: the `instance` of every log line */
  instanceId: string;
  /** who may read /metrics, as CIDR ranges: loopback always, plus METRICS_ALLOW */
  metricsAllow: string[];
}

export interface CityDistrict {
  name: string;
  code: string;
  aliases: string[];
  // words containing the name or an alias that do not mean the district (崂山啤酒, 胶州湾)
  excludes: string[];
}

export interface CityConfig {
  name: string;
  code: string;
  timezone: string;
  center: { lng: number; lat: number };
  districts: CityDistrict[];
}

// [lng, lat], possibly followed by an altitude
export type Position = number[];
export type LinearRing = Position[];
export type DistrictGeometry = { type: 'Polygon'; coordinates: LinearRing[] } | { type: 'MultiPolygon'; coordinates: LinearRing[][] };

export interface DistrictFeature {
  type: 'Feature';
  id?: string | number;
  properties: { name: string; [key: string]: unknown };
  geometry: DistrictGeometry;
}

export interface DistrictsGeo {
  type: 'FeatureCollection';
  features: DistrictFeature[];
}

export interface Department {
  id: string;
  name: string;
  keywords: string[];
  categories: string[];
  // the one department that takes what no keyword matches (the hotline office)
  fallback: boolean;
  // district units (区级承办单位): the department's work orders in a unit's district go to the unit
  units: DepartmentUnit[];
}

export interface DepartmentUnit {
  id: string;
  name: string;
  // a district name of city.yaml
  district: string;
}

export interface Team {
  id: string;
  name: string;
  district: string;
  department: string;
}

export interface Account {
  username: string;
  role: Role;
  teamId?: string;
  // role department: the department or district unit the account works for
  departmentId?: string;
  displayName: string;
}

export interface Rule {
  id: string;
  severity: Severity;
  enabled: boolean;
  title: string;
  params: Record<string, unknown>;
}

export interface GazetteerEntry {
  name: string;
  district: string;
  kind: 'street' | 'landmark';
  // other names of the same place as written in text (香港中路 for 香港中路街道)
  aliases: string[];
}

export interface AppConfig {
  env: EnvConfig;
  city: CityConfig;
  districtsGeo: DistrictsGeo;
  departments: Department[];
  teams: Team[];
  accounts: Account[];
  rules: Rule[];
  feedKeys: Record<FeedChannel, string>;
  /** other spellings of the feeds' enum values (config/feeds.yaml `aliases`, CONTRACT §11) */
  feedAliases: FeedAliases;
  // config/simulator.yaml; null when a city has none and the simulator is off
  simulator: SimulatorConfig | null;
  gazetteer: GazetteerEntry[];
  events: EventsFile;
  profiles: Profile[];
  roster: RosterLine[];
  subjectLexicon: SubjectLexiconFile;
  storyLexicon: StoryLexiconFile;
  sentimentLexicon: SentimentLexicon;
  sensitiveLexicon: SensitiveLexicon;
  classifierExamples: ClassifierExamples;
  calendar: CalendarConfig;
  orders: OrdersConfig;
  reports: ReportsConfig;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  // each problem reads "<file or env VAR>: <field>: <why>"
  constructor(readonly problems: readonly string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

// ---- file schemas (shape only; cross-file checks live in the loader)

const text = z.string().trim().min(1, 'must not be empty');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and -');
// YAML reads an unquoted 370202 as a number: accept it, keep it as a string
const divisionCode = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : v),
  z.string().regex(/^\d{6}$/, 'must be a 6-digit division code'),
);
const words = z.array(text);

export const citySchema = z.strictObject({
  name: text,
  code: divisionCode,
  timezone: text,
  center: z.strictObject({
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
  }),
  districts: z
    .array(
      z.strictObject({
        name: text,
        code: divisionCode,
        aliases: words.default([]),
        excludes: words.default([]),
      }),
    )
    .min(1, 'must list at least one district'),
});

// Coordinates are checked by hand: a district map holds tens of thousands of positions, and a
// zod schema per position makes loading several times slower.
function polygonProblem(value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return 'a polygon is a non-empty array of rings';
  for (let r = 0; r < value.length; r += 1) {
    const ring: unknown = value[r];
    if (!Array.isArray(ring) || ring.length < 4) return `[${r}]: a ring is an array of at least 4 positions`;
    for (let k = 0; k < ring.length; k += 1) {
      const p: unknown = ring[k];
      if (
        !Array.isArray(p) ||
        p.length < 2 ||
        typeof p[0] !== 'number' ||
        typeof p[1] !== 'number' ||
        !(Math.abs(p[0]) <= 180) ||
        !(Math.abs(p[1]) <= 90)
      ) {
        return `[${r}][${k}]: is not a [lng, lat] position`;
      }
    }
  }
  return null;
}

const polygon = z.custom<LinearRing[]>().superRefine((value, ctx) => {
  const problem = polygonProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const districtsGeoSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.union([z.string(), z.number()]).optional(),
      properties: z.looseObject({ name: text }),
      geometry: z.discriminatedUnion('type', [
        z.object({ type: z.literal('Polygon'), coordinates: polygon }),
        z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
      ]),
    }),
  ),
});

const categoryPath = z.string().regex(/^[^>\s]+(>[^>\s]+)*$/, 'must be a path like 市场监管>食品安全');

export const departmentsSchema = z.strictObject({
  departments: z
    .array(
      z.strictObject({
        id,
        name: text,
        keywords: words.default([]),
        categories: z.array(categoryPath).default([]),
        fallback: z.boolean().default(false),
        units: z.array(z.strictObject({ id, name: text, district: text })).default([]),
      }),
    )
    .min(1),
});

export const teamsSchema = z.strictObject({
  teams: z.array(z.strictObject({ id, name: text, district: text, department: text })),
});

export const accountsSchema = z.strictObject({
  accounts: z.array(
    z.strictObject({
      username: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1–64 of a-z 0-9 . _ -'),
      role: z.enum(ROLES),
      teamId: text.optional(),
      departmentId: text.optional(),
      displayName: text,
    }),
  ),
});

export const rulesSchema = z.strictObject({
  rules: z.array(
    z.strictObject({
      id,
      severity: z.enum(SEVERITIES),
      enabled: z.boolean(),
      title: text,
      params: z.record(z.string(), z.unknown()).default({}),
    }),
  ),
});

const aliasMap = z.record(text, text).default({});
export const feedsSchema = z.strictObject({
  keys: z.record(z.enum(FEED_CHANNELS), text),
  aliases: z
    .strictObject({ appealType: aliasMap, urgency: aliasMap, kind: aliasMap, alarmType: aliasMap })
    .default({ appealType: {}, urgency: {}, kind: {}, alarmType: {} }),
});

const gazetteerEntry = z.strictObject({ name: text, district: text, aliases: words.default([]) });

export const gazetteerSchema = z.strictObject({
  streets: z.array(gazetteerEntry).default([]),
  landmarks: z.array(gazetteerEntry).default([]),
});

const hours = z
  .number()
  .positive()
  .max(24 * 90);
const ratio = z.number().min(0, 'must be 0..1').max(1, 'must be 0..1');

export const eventsSchema = z.strictObject({
  windowHours: z.strictObject({ subject: hours, place: hours, text: hours }),
  similarity: z.strictObject({ place: ratio, precisePlace: ratio, text: ratio }),
  praiseNegativityBelow: ratio,
  people: z.strictObject({
    windowDays: z.number().positive().max(365),
    claimant: z.strictObject({ minComplaints: z.number().int().positive(), minMerchants: z.number().int().positive() }),
    punitive: words,
  }),
});

export const subjectLexiconSchema = z.strictObject({
  kinds: words.min(1),
  branch: text.refine((s) => {
    try {
      new RegExp(s, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression'),
  bareBranch: text,
  boundaries: words,
  generic: words,
  estates: words,
  notEstates: words,
  roads: words.min(1),
  notRoadEndings: words,
  notRoads: words,
});

export const storyLexiconSchema = z.strictObject({
  concepts: z.record(id, z.strictObject({ harm: z.boolean().default(false), acute: z.boolean().default(false), words: words.min(1) })),
  stopwords: words,
});

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const ruleOverrides = z.record(id, z.record(z.string(), z.unknown())).default({});

export const profilesSchema = z.strictObject({
  profiles: z.array(
    z.strictObject({
      id,
      name: text,
      // local dates of the city, both included; a profile without dates is switched on by hand
      from: localDate.optional(),
      to: localDate.optional(),
      rules: ruleOverrides,
      watchAreas: z.array(z.strictObject({ name: text, words: words.min(1), rules: ruleOverrides })).default([]),
      roster: z.array(z.strictObject({ unit: text, person: text, phone: text.optional(), shift: text.optional() })).default([]),
    }),
  ),
});

// the base joint-duty roster (联合值守): member unit, who, work phone, shift
const shift = text.refine((s) => parseShift(s) !== null, SHIFT_FORMAT);

export const rosterSchema = z.strictObject({
  roster: z.array(z.strictObject({ unit: text, person: text, phone: text.optional(), shift })),
});

export type EventsFile = z.infer<typeof eventsSchema>;
export type RosterLine = z.infer<typeof rosterSchema>['roster'][number];
export type SubjectLexiconFile = z.infer<typeof subjectLexiconSchema>;
export type StoryLexiconFile = z.infer<typeof storyLexiconSchema>;
export type Profile = z.infer<typeof profilesSchema>['profiles'][number];
export type ProfilesFile = z.infer<typeof profilesSchema>;

export type CityFile = z.infer<typeof citySchema>;
export type DistrictsGeoFile = z.infer<typeof districtsGeoSchema>;
export type DepartmentsFile = z.infer<typeof departmentsSchema>;
export type TeamsFile = z.infer<typeof teamsSchema>;
export type AccountsFile = z.infer<typeof accountsSchema>;
export type RulesFile = z.infer<typeof rulesSchema>;
export type FeedsFile = z.infer<typeof feedsSchema>;
export type { SimulatorConfig } from './simulator.schema';
export type {
  AutoReminderLevel,
  CalendarConfig,
  CalendarHoliday,
  CalendarYear,
  ChannelLimits,
  OrderDueLimit,
  OrderLimit,
  OrderLimits,
  OrdersConfig,
  ReportsConfig,
  ShiftConfig,
} from './orders.schema';
export type GazetteerFile = z.infer<typeof gazetteerSchema>;
