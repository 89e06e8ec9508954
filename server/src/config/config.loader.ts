import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { classifierExamplesSchema, exampleProblems } from './classifier-examples';
import { sensitiveLexiconSchema, sentimentLexiconSchema } from './lexicons';
import {
  accountsSchema,
  citySchema,
  CONFIG_FILES,
  ConfigError,
  departmentsSchema,
  districtsGeoSchema,
  FEED_CHANNELS,
  feedsSchema,
  eventsSchema,
  gazetteerSchema,
  profilesSchema,
  rosterSchema,
  rulesSchema,
  storyLexiconSchema,
  subjectLexiconSchema,
  simulatorSchema,
  teamsSchema,
  type AppConfig,
  type ConfigFile,
  type EnvConfig,
  type FeedChannel,
  type GazetteerEntry,
} from './config.schema';
import { parseShift, SHIFT_FORMAT } from './shift';
import { LOOPBACK_CIDRS, parseAddressList } from './address-list';
import { DEFAULT_LOG_LEVELS, defaultInstanceId, levelsFrom } from './log-levels';
import type { LogLevel } from '@nestjs/common';

export interface LoadConfigOptions {
  // default: env CONFIG_DIR, else the repository's config/
  configDir?: string;
  // default: process.env
  env?: NodeJS.ProcessEnv;
}

export const DEV_FEED_KEY = 'dev-feed-key';
const MIN_JWT_SECRET_LENGTH = 32;
// a broken geojson can yield thousands of issues: report the first few of each file
const MAX_PROBLEMS_PER_FILE = 20;

// Reads, validates and cross-checks config/ and the environment once. Throws one ConfigError
// listing every problem found, so an operator fixes them in one pass.
export function loadConfig(opts: LoadConfigOptions = {}): AppConfig {
  const env = opts.env ?? process.env;
  const problems: string[] = [];
  const configDir = path.resolve(opts.configDir ?? (nonEmpty(env.CONFIG_DIR) || defaultConfigDir()));
  const isDefaultDir = configDir === defaultConfigDir();
  const label = (file: ConfigFile): string => (isDefaultDir ? `config/${CONFIG_FILES[file]}` : path.join(configDir, CONFIG_FILES[file]));

  const envConfig = readEnv(env, configDir, problems);

  const read = <S extends z.ZodType>(file: ConfigFile, schema: S): z.output<S> | undefined => {
    const fileLabel = label(file);
    const raw = readSource(path.join(configDir, CONFIG_FILES[file]), fileLabel, problems);
    if (raw === undefined) return undefined;
    const parsed = schema.safeParse(raw, {
      error: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'is required' : undefined),
    });
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues;
    for (const issue of issues.slice(0, MAX_PROBLEMS_PER_FILE)) {
      problems.push(`${fileLabel}: ${formatPath(issue.path) || '(top level)'}: ${issue.message}`);
    }
    if (issues.length > MAX_PROBLEMS_PER_FILE) {
      problems.push(`${fileLabel}: … and ${issues.length - MAX_PROBLEMS_PER_FILE} more problems`);
    }
    return undefined;
  };

  const city = read('city', citySchema);
  const districtsGeo = read('districtsGeo', districtsGeoSchema);
  const departmentsFile = read('departments', departmentsSchema);
  const teamsFile = read('teams', teamsSchema);
  const accountsFile = read('accounts', accountsSchema);
  const rulesFile = read('rules', rulesSchema);
  const feedsFile = read('feeds', feedsSchema);
  const simulator = read('simulator', simulatorSchema);
  const gazetteerFile = read('gazetteer', gazetteerSchema);
  const events = read('events', eventsSchema);
  const profilesFile = read('profiles', profilesSchema);
  const rosterFile = read('roster', rosterSchema);
  const subjectLexicon = read('subjectLexicon', subjectLexiconSchema);
  const storyLexicon = read('storyLexicon', storyLexiconSchema);
  const sentimentLexicon = read('sentimentLexicon', sentimentLexiconSchema);
  const sensitiveLexicon = read('sensitiveLexicon', sensitiveLexiconSchema);
  const classifierExamples = read('classifierExamples', classifierExamplesSchema);
  if (classifierExamples && departmentsFile) {
    for (const p of exampleProblems(departmentsFile.departments, classifierExamples)) problems.push(`${label('classifierExamples')}: ${p}`);
  }

  // ---- cross-file checks, each on the files that parsed
  const cityLabel = label('city');
  const districtNames = new Set(city?.districts.map((d) => d.name));
  const notADistrict = (value: string) => `${value} is not a district of ${cityLabel}`;

  if (city) {
    if (!isTimeZone(city.timezone)) problems.push(`${cityLabel}: timezone: ${city.timezone} is not an IANA time zone`);
    // every name, alias and code must point to one district only
    duplicates(city.districts.map((d) => d.code)).forEach(([i, v]) =>
      problems.push(`${cityLabel}: districts[${i}].code: ${v} appears twice`),
    );
    const owner = new Map<string, string>();
    city.districts.forEach((d, i) => {
      const claim = (value: string, field: string) => {
        const prev = owner.get(value);
        if (prev !== undefined && prev !== d.name) {
          problems.push(`${cityLabel}: districts[${i}].${field}: ${value} is already used by ${prev}`);
        } else if (prev === d.name && field !== 'name') {
          problems.push(`${cityLabel}: districts[${i}].${field}: ${value} is listed twice`);
        }
        owner.set(value, d.name);
      };
      claim(d.name, 'name');
      d.aliases.forEach((a, j) => claim(a, `aliases[${j}]`));
      const terms = [d.name, ...d.aliases];
      d.excludes.forEach((x, j) => {
        if (!terms.some((t) => x.includes(t))) {
          problems.push(`${cityLabel}: districts[${i}].excludes[${j}]: ${x} contains neither ${d.name} nor one of its aliases`);
        }
      });
    });
  }

  if (city && districtsGeo) {
    const geoLabel = label('districtsGeo');
    const featureNames = new Set<string>();
    districtsGeo.features.forEach((f, i) => {
      const name = f.properties.name;
      if (!districtNames.has(name)) problems.push(`${geoLabel}: features[${i}].properties.name: ${notADistrict(name)}`);
      if (featureNames.has(name)) problems.push(`${geoLabel}: features[${i}].properties.name: ${name} appears twice`);
      featureNames.add(name);
    });
    for (const d of city.districts) {
      if (!featureNames.has(d.name)) problems.push(`${geoLabel}: features: no feature named ${d.name} (a district of ${cityLabel})`);
    }
  }

  if (departmentsFile) {
    const depLabel = label('departments');
    const list = departmentsFile.departments;
    duplicates(list.map((d) => d.id)).forEach(([i, v]) => problems.push(`${depLabel}: departments[${i}].id: ${v} appears twice`));
    const fallbacks = list.filter((d) => d.fallback).length;
    if (fallbacks !== 1) {
      problems.push(`${depLabel}: departments: exactly one department must have fallback: true (found ${fallbacks})`);
    }
  }

  const departmentIds = new Set(departmentsFile?.departments.map((d) => d.id));
  if (teamsFile) {
    const teamLabel = label('teams');
    duplicates(teamsFile.teams.map((t) => t.id)).forEach(([i, v]) => problems.push(`${teamLabel}: teams[${i}].id: ${v} appears twice`));
    teamsFile.teams.forEach((t, i) => {
      if (city && !districtNames.has(t.district)) problems.push(`${teamLabel}: teams[${i}].district: ${notADistrict(t.district)}`);
      if (departmentsFile && !departmentIds.has(t.department)) {
        problems.push(`${teamLabel}: teams[${i}].department: ${t.department} is not a department id of ${label('departments')}`);
      }
    });
  }

  if (accountsFile) {
    const accLabel = label('accounts');
    const teamIds = new Set(teamsFile?.teams.map((t) => t.id));
    duplicates(accountsFile.accounts.map((a) => a.username)).forEach(([i, v]) =>
      problems.push(`${accLabel}: accounts[${i}].username: ${v} appears twice`),
    );
    accountsFile.accounts.forEach((a, i) => {
      if (a.role === 'field' && a.teamId === undefined) {
        problems.push(`${accLabel}: accounts[${i}].teamId: is required for role field`);
      } else if (a.role !== 'field' && a.teamId !== undefined) {
        problems.push(`${accLabel}: accounts[${i}].teamId: only field accounts belong to a team (role is ${a.role})`);
      } else if (a.teamId !== undefined && teamsFile && !teamIds.has(a.teamId)) {
        problems.push(`${accLabel}: accounts[${i}].teamId: ${a.teamId} is not a team id of ${label('teams')}`);
      }
    });
  }

  if (profilesFile) {
    const profLabel = label('profiles');
    const ruleIds = new Set(rulesFile?.rules.map((r) => r.id));
    duplicates(profilesFile.profiles.map((p) => p.id)).forEach(([i, v]) =>
      problems.push(`${profLabel}: profiles[${i}].id: ${v} appears twice`),
    );
    profilesFile.profiles.forEach((p, i) => {
      if ((p.from === undefined) !== (p.to === undefined)) problems.push(`${profLabel}: profiles[${i}]: give both from and to, or neither`);
      if (p.from && p.to && p.from > p.to) problems.push(`${profLabel}: profiles[${i}].to: ${p.to} is before from ${p.from}`);
      const checkRules = (rules: Record<string, unknown>, field: string) => {
        if (!rulesFile) return;
        for (const r of Object.keys(rules))
          if (!ruleIds.has(r)) problems.push(`${profLabel}: profiles[${i}].${field}.${r}: not a rule id of ${label('rules')}`);
      };
      checkRules(p.rules, 'rules');
      p.watchAreas.forEach((w, j) => checkRules(w.rules, `watchAreas[${j}].rules`));
      // the wall shows who is on duty now: a shift must be readable as hours
      p.roster.forEach((r, j) => {
        if (r.shift !== undefined && parseShift(r.shift) === null)
          problems.push(`${profLabel}: profiles[${i}].roster[${j}].shift: ${SHIFT_FORMAT}`);
      });
    });
  }

  if (rulesFile) {
    duplicates(rulesFile.rules.map((r) => r.id)).forEach(([i, v]) =>
      problems.push(`${label('rules')}: rules[${i}].id: ${v} appears twice`),
    );
  }

  let gazetteer: GazetteerEntry[] | undefined;
  if (gazetteerFile) {
    const gazLabel = label('gazetteer');
    gazetteer = [
      ...gazetteerFile.streets.map((e) => ({ ...e, kind: 'street' as const })),
      ...gazetteerFile.landmarks.map((e) => ({ ...e, kind: 'landmark' as const })),
    ];
    const districtTerms = new Set(city?.districts.flatMap((d) => [d.name, ...d.aliases]));
    const seen = new Map<string, string>();
    for (const section of ['streets', 'landmarks'] as const) {
      gazetteerFile[section].forEach((e, i) => {
        if (city && !districtNames.has(e.district)) problems.push(`${gazLabel}: ${section}[${i}].district: ${notADistrict(e.district)}`);
        [e.name, ...e.aliases].forEach((term, j) => {
          const field = j === 0 ? 'name' : `aliases[${j - 1}]`;
          if (districtTerms.has(term)) {
            problems.push(`${gazLabel}: ${section}[${i}].${field}: ${term} is a district name or alias of ${cityLabel}`);
          }
          const prev = seen.get(term);
          if (prev !== undefined) problems.push(`${gazLabel}: ${section}[${i}].${field}: ${term} is already listed (${prev})`);
          seen.set(term, `${section}[${i}]`);
        });
      });
    }
  }

  // ---- feed keys: the environment overrides the file
  let feedKeys: Record<FeedChannel, string> | undefined;
  if (feedsFile) {
    const keys = { ...feedsFile.keys };
    for (const channel of FEED_CHANNELS) {
      const variable = feedKeyVariable(channel);
      const fromEnv = nonEmpty(env[variable]);
      if (fromEnv) keys[channel] = fromEnv;
      if (envConfig.production && keys[channel] === DEV_FEED_KEY) {
        problems.push(
          fromEnv
            ? `env ${variable}: ${DEV_FEED_KEY} is refused in production`
            : `${label('feeds')}: keys["${channel}"]: ${DEV_FEED_KEY} is refused in production (set env ${variable})`,
        );
      }
    }
    feedKeys = keys;
  }

  if (problems.length > 0) throw new ConfigError(problems);
  // every part parsed when no problem was recorded
  return {
    env: envConfig,
    city: city!,
    districtsGeo: districtsGeo!,
    departments: departmentsFile!.departments,
    teams: teamsFile!.teams,
    accounts: accountsFile!.accounts,
    rules: rulesFile!.rules,
    feedKeys: feedKeys!,
    simulator: simulator!,
    gazetteer: gazetteer!,
    events: events!,
    profiles: profilesFile!.profiles,
    roster: rosterFile!.roster,
    subjectLexicon: subjectLexicon!,
    storyLexicon: storyLexicon!,
    sentimentLexicon: sentimentLexicon!,
    sensitiveLexicon: sensitiveLexicon!,
    classifierExamples: classifierExamples!,
  };
}

export function feedKeyVariable(channel: FeedChannel): string {
  return `FEED_KEY_${channel.toUpperCase()}`;
}

// The repository's config/: the nearest config/city.yaml above this file, so it works from
// server/src/config (ts, jest) and server/dist/config (built) alike.
let cachedDefaultDir: string | undefined;
export function defaultConfigDir(): string {
  if (cachedDefaultDir) return cachedDefaultDir;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'config');
    if (candidate !== __dirname && existsSync(path.join(candidate, CONFIG_FILES.city))) {
      return (cachedDefaultDir = candidate);
    }
    if (path.dirname(dir) === dir) break;
  }
  return (cachedDefaultDir = path.resolve(__dirname, '../../../config'));
}

// ---- environment (CONTRACT §1)

function readEnv(env: NodeJS.ProcessEnv, configDir: string, problems: string[]): EnvConfig {
  const production = env.NODE_ENV === 'production';

  let port = 3000;
  const rawPort = nonEmpty(env.PORT);
  if (rawPort) {
    const n = /^\d+$/.test(rawPort) ? Number(rawPort) : NaN;
    if (Number.isInteger(n) && n >= 1 && n <= 65535) port = n;
    else problems.push(`env PORT: must be an integer from 1 to 65535, got "${rawPort}"`);
  }

  const dataDir = path.resolve(process.cwd(), nonEmpty(env.DATA_DIR) || './data');

  // URLs may carry passwords: never echo them
  const databaseUrl = nonEmpty(env.DATABASE_URL) || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    problems.push('env DATABASE_URL: must start with postgres:// or postgresql://');
  }
  const redisUrl = nonEmpty(env.REDIS_URL) || null;
  if (redisUrl && !/^rediss?:\/\//i.test(redisUrl)) {
    problems.push('env REDIS_URL: must start with redis:// or rediss://');
  }

  let simulator = true;
  const rawSimulator = nonEmpty(env.SIMULATOR);
  if (rawSimulator) {
    const v = rawSimulator.toLowerCase();
    if (['on', 'true', '1', 'yes'].includes(v)) simulator = true;
    else if (['off', 'false', '0', 'no'].includes(v)) simulator = false;
    else problems.push(`env SIMULATOR: must be on or off, got "${rawSimulator}"`);
  }

  const jwtSecret = nonEmpty(env.JWT_SECRET) || null;
  if (jwtSecret && jwtSecret.length < MIN_JWT_SECRET_LENGTH) {
    problems.push(`env JWT_SECRET: must be at least ${MIN_JWT_SECRET_LENGTH} characters (got ${jwtSecret.length})`);
  }
  if (!jwtSecret && production) problems.push('env JWT_SECRET: is required when NODE_ENV=production');
  // several instances verify each other's tokens: a secret made up at start would differ on each
  if (!jwtSecret && redisUrl) problems.push('env JWT_SECRET: is required with REDIS_URL (every instance must accept the same tokens)');

  // backpressure: how far intake and correlation may fall behind before intake answers 503/429
  const positive = (name: string, dflt: number): number => {
    const raw = nonEmpty(env[name]);
    if (!raw) return dflt;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (Number.isSafeInteger(n) && n >= 1) return n;
    problems.push(`env ${name}: must be a whole number of records, 1 or more, got "${raw.slice(0, 40)}"`);
    return dflt;
  };
  const intakeMaxQueued = positive('INTAKE_MAX_QUEUED', 20_000);
  const correlationMaxBacklog = positive('CORRELATION_MAX_BACKLOG', 50_000);

  // a threshold, as operators expect: LOG_LEVEL=warn writes warn, error and fatal
  let logLevels = [...DEFAULT_LOG_LEVELS];
  const rawLogLevel = nonEmpty(env.LOG_LEVEL);
  if (rawLogLevel) {
    const level = LOG_LEVEL_NAMES.get(rawLogLevel.toLowerCase());
    if (level) logLevels = levelsFrom(level);
    else problems.push(`env LOG_LEVEL: must be one of verbose, debug, log, warn, error, fatal (or trace, info), got "${rawLogLevel}"`);
  }

  // the instance's name in every log line: short and plain, it is read in log searches
  const instanceId = defaultInstanceId({ INSTANCE_ID: nonEmpty(env.INSTANCE_ID) });
  if (nonEmpty(env.INSTANCE_ID) && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(instanceId)) {
    problems.push(
      `env INSTANCE_ID: must be 1 to 63 letters, digits, dots, dashes or underscores, starting with a letter or digit, got "${instanceId}"`,
    );
  }

  // loopback always; METRICS_ALLOW adds the scraper's network (Prometheus on the internal network)
  const metricsAllow = [...LOOPBACK_CIDRS];
  const rawMetricsAllow = nonEmpty(env.METRICS_ALLOW);
  if (rawMetricsAllow) {
    const { cidrs, problems: bad } = parseAddressList(rawMetricsAllow);
    for (const p of bad) problems.push(`env METRICS_ALLOW: ${p}`);
    for (const c of cidrs) if (!metricsAllow.includes(c)) metricsAllow.push(c);
  }

  return {
    port,
    dataDir,
    databaseUrl,
    redisUrl,
    simulator,
    jwtSecret,
    production,
    configDir,
    logLevels,
    instanceId,
    metricsAllow,
    intakeMaxQueued,
    correlationMaxBacklog,
  };
}

// Nest's names, and pino's (which the JSON lines show) for the same levels
const LOG_LEVEL_NAMES = new Map<string, LogLevel>([
  ['verbose', 'verbose'],
  ['trace', 'verbose'],
  ['debug', 'debug'],
  ['log', 'log'],
  ['info', 'log'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'fatal'],
]);

// ---- reading files

function readSource(file: string, fileLabel: string, problems: string[]): unknown {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push(`${fileLabel}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`}`);
    return undefined;
  }
  if (file.endsWith('.json') || file.endsWith('.geojson')) {
    try {
      return JSON.parse(source) as unknown;
    } catch (err) {
      problems.push(`${fileLabel}: invalid JSON: ${(err as Error).message}`);
      return undefined;
    }
  }
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors.slice(0, MAX_PROBLEMS_PER_FILE)) {
      const at = e.linePos?.[0];
      const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      problems.push(`${fileLabel}: ${at ? `line ${at.line}, column ${at.col}: ` : ''}${message}`);
    }
    return undefined;
  }
  return doc.toJS() as unknown;
}

// ['teams', 2, 'district'] → teams[2].district
function formatPath(p: readonly PropertyKey[]): string {
  let out = '';
  for (const key of p) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

// [index, value] of each value that occurred earlier in the list
function duplicates(values: string[]): Array<[number, string]> {
  const seen = new Set<string>();
  const out: Array<[number, string]> = [];
  values.forEach((v, i) => {
    if (seen.has(v)) out.push([i, v]);
    seen.add(v);
  });
  return out;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}
