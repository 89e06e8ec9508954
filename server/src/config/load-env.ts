import * as path from 'node:path';
import type { LogLevel } from '@nestjs/common';
import type { EnvConfig } from './config.schema';
import { LOOPBACK_CIDRS, parseAddressList } from './address-list';
import { DEFAULT_LOG_LEVELS, defaultInstanceId, levelsFrom } from './log-levels';

const MIN_JWT_SECRET_LENGTH = 32;

// The environment (CONTRACT §1): each variable read, checked and defaulted; a bad one is a problem
// named after it.
export function readEnv(env: NodeJS.ProcessEnv, configDir: string, problems: string[]): EnvConfig {
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

export function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}
