// NODE_ENV=production refuses the default passwords, the default feed keys and a missing JWT_SECRET.
import { createApp } from '@jointduty/server/app.factory';
import { loadConfig } from '@jointduty/server/config/config.loader';
import { ConfigError } from '@jointduty/server/config/config.schema';
import { startServer, tempDir } from '../support/harness';

const KEYS = {
  FEED_KEY_12345: 'k-12345-0123456789',
  FEED_KEY_12315: 'k-12315-0123456789',
  FEED_KEY_110: 'k-110-0123456789',
  FEED_KEY_SENTIMENT: 'k-s-0123456789',
};
const SECRET = 'a-production-secret-of-forty-characters!';

describe('production', () => {
  it('refuses a missing JWT_SECRET and the default feed keys, naming them', () => {
    expect(() => loadConfig({ env: { NODE_ENV: 'production', ...KEYS } })).toThrow(/JWT_SECRET/);
    try {
      loadConfig({ env: { NODE_ENV: 'production', JWT_SECRET: SECRET } });
      throw new Error('should have refused');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/FEED_KEY_12345/);
      expect((err as Error).message).toMatch(/dev-feed-key/);
    }
  });

  it('refuses to start while an account still has the demo password', async () => {
    // a database seeded outside production keeps the demo password …
    const dev = await startServer();
    await dev.close();
    // … and production will not run on it
    const config = loadConfig({
      env: {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET: SECRET,
        ...KEYS,
        DATA_DIR: dev.dataDir,
        SIMULATOR: 'off',
        DATABASE_URL: process.env.TEST_DATABASE_URL ?? '',
      },
    });
    await expect(createApp(config, { logger: false })).rejects.toThrow(/default password/);
  });

  it('seeds a fresh production database only with a real SEED_PASSWORD', async () => {
    const config = loadConfig({
      env: { ...process.env, NODE_ENV: 'production', JWT_SECRET: SECRET, ...KEYS, DATA_DIR: tempDir(), SIMULATOR: 'off', DATABASE_URL: '' },
    });
    delete process.env.SEED_PASSWORD;
    await expect(createApp(config, { logger: false })).rejects.toThrow(/SEED_PASSWORD/);
  });
});
