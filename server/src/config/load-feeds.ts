import { ALARM_TYPES, APPEAL_TYPES, CONSUMER_KINDS, URGENCIES, type FeedAliases } from '@jointduty/shared';
import { FEED_CHANNELS, type FeedChannel, type FeedsFile } from './config.schema';
import { nonEmpty } from './load-env';
import type { CheckContext } from './read-files';

export const DEV_FEED_KEY = 'dev-feed-key';

export function feedKeyVariable(channel: FeedChannel): string {
  return `FEED_KEY_${channel.toUpperCase()}`;
}

// The key of each feed channel: the environment overrides the file; production refuses the dev key.
export function feedKeysOf(
  ctx: CheckContext,
  file: FeedsFile | undefined,
  env: NodeJS.ProcessEnv,
  production: boolean,
): Record<FeedChannel, string> | undefined {
  if (!file) return undefined;
  const keys = { ...file.keys };
  for (const channel of FEED_CHANNELS) {
    const variable = feedKeyVariable(channel);
    const fromEnv = nonEmpty(env[variable]);
    if (fromEnv) keys[channel] = fromEnv;
    if (production && keys[channel] === DEV_FEED_KEY) {
      ctx.problems.push(
        fromEnv
          ? `env ${variable}: ${DEV_FEED_KEY} is refused in production`
          : `${ctx.files.label('feeds')}: keys["${channel}"]: ${DEV_FEED_KEY} is refused in production (set env ${variable})`,
      );
    }
  }
  return keys;
}

// the values each aliased field takes in the contract
const ALIAS_TARGETS: Record<keyof FeedAliases, readonly string[]> = {
  appealType: APPEAL_TYPES,
  urgency: URGENCIES,
  kind: CONSUMER_KINDS,
  alarmType: ALARM_TYPES,
};

/** The feeds' value aliases; undefined after recording each one that maps to no value of its field. */
export function feedAliasesOf(ctx: CheckContext, file: FeedsFile | undefined): FeedAliases | undefined {
  if (!file) return undefined;
  const before = ctx.problems.length;
  for (const [field, targets] of Object.entries(ALIAS_TARGETS) as Array<[keyof FeedAliases, readonly string[]]>) {
    for (const [from, to] of Object.entries(file.aliases[field])) {
      if (!targets.includes(to)) {
        ctx.problems.push(`${ctx.files.label('feeds')}: aliases.${field}.${from}: ${to} is not a value of ${field} (${targets.join(' ')})`);
      }
    }
  }
  return ctx.problems.length > before ? undefined : file.aliases;
}
