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
