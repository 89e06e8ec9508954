import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultConfigDir, loadConfig } from './config.loader';
import { ConfigError } from './config.schema';

const PROD_SECRET = 'x'.repeat(40);
const PROD_KEYS = {
  FEED_KEY_12345: 'k-12345-0123456789abcdef',
  FEED_KEY_12315: 'k-12315-0123456789abcdef',
  FEED_KEY_110: 'k-110-0123456789abcdef',
  FEED_KEY_SENTIMENT: 'k-sentiment-0123456789abcdef',
};

// the ConfigError thrown by fn, failing the test when nothing is thrown
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  describe('the repository config/', () => {
    it('is found from the source tree', () => {
      expect(defaultConfigDir()).toBe(path.resolve(__dirname, '../../../config'));
    });

    it('loads and holds the default city', () => {
      const config = loadConfig({ env: {} });
      expect(config.city.name).toBe('青岛市');
      expect(config.city.code).toBe('370200');
      expect(config.city.timezone).toBe('Asia/Shanghai');
      expect(config.city.districts.map((d) => `${d.name} ${d.code}`)).toEqual([
        '市南区 370202',
        '市北区 370203',
        '黄岛区 370211',
        '崂山区 370212',
        '李沧区 370213',
        '城阳区 370214',
        '即墨区 370215',
        '胶州市 370281',
        '平度市 370283',
        '莱西市 370285',
      ]);
      expect(config.districtsGeo.features.map((f) => f.properties.name).sort()).toEqual(config.city.districts.map((d) => d.name).sort());
      expect(config.gazetteer.filter((g) => g.kind === 'street')).toHaveLength(141);
      expect(config.gazetteer.filter((g) => g.kind === 'landmark').length).toBeGreaterThanOrEqual(40);
      expect(config.departments.filter((d) => d.fallback).map((d) => d.name)).toEqual(['12345热线办']);
      expect(config.teams.map((t) => t.id)).toEqual(expect.arrayContaining(['shinan-1', 'huangdao-1']));
      expect(config.accounts.map((a) => [a.username, a.role, a.teamId ?? a.departmentId])).toEqual([
        ['admin', 'admin', undefined],
        ['duty', 'duty', undefined],
        ['leader', 'leader', undefined],
        ['field-shinan', 'field', 'shinan-1'],
        ['field-huangdao', 'field', 'huangdao-1'],
        ['dept-market', 'department', 'market'],
        ['dept-city', 'department', 'city-management'],
      ]);
      expect(config.rules.find((r) => r.id === 'police-mass-incident')).toEqual({
        id: 'police-mass-incident',
        severity: 'major',
        enabled: true,
        title: '110 群体性事件或多人伤亡',
        params: { alarmTypes: ['群体性事件'], minCasualties: 3 },
      });
      expect(config.rules.map((r) => r.id)).toEqual([
        'police-mass-incident',
        'mass-casualty',
        'group-complaint',
        'sensitive-topic',
        'viral-post',
        'repeat-complaint',
        'overdue-order',
        'escalation',
      ]);
      expect(config.feedKeys).toEqual({
        '12345': 'dev-feed-key',
        '12315': 'dev-feed-key',
        '110': 'dev-feed-key',
        sentiment: 'dev-feed-key',
      });
      // the base roster names the member units of joint duty
      expect(new Set(config.roster.map((r) => r.unit))).toEqual(
        new Set(['联席办', '公安局', '文化和旅游局', '交通运输局', '城市管理局', '市场监管局', '12345热线办']),
      );
      expect(config.roster.find((r) => r.shift === '20:00-08:00')).toMatchObject({ unit: '联席办', person: expect.any(String) });
      expect(config.simulator?.ratePerMinute).toBe(40);
      expect(config.simulator?.hourlyRhythm).toHaveLength(24);
      // the working-day calendar and the work orders' rules (details in load-orders.spec.ts)
      expect(config.calendar.years.map((y) => y.year)).toEqual([2025, 2026]);
      expect(config.orders.limits.default).toEqual({ firstCheck: { workingDays: 1 }, due: { workingDays: 15, after: 'receipt' } });
      expect(config.departments.find((d) => d.id === 'market')?.units.map((u) => u.id)).toEqual(['market-shinan', 'market-huangdao']);
    });

    it('has map coordinates in Qingdao, as plain lng/lat', () => {
      const { districtsGeo } = loadConfig({ env: {} });
      const positions = districtsGeo.features.flatMap((f) =>
        (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2),
      );
      const lngs = positions.map((p) => p[0]!);
      const lats = positions.map((p) => p[1]!);
      // not the scaled integers of echarts' UTF8Encoding
      expect([Math.min(...lngs), Math.max(...lngs)]).toEqual([expect.closeTo(119.5, 0), expect.closeTo(121.4, 0)]);
      expect(Math.min(...lngs)).toBeGreaterThan(119.4);
      expect(Math.max(...lngs)).toBeLessThan(121.5);
      expect(Math.min(...lats)).toBeGreaterThan(35.5);
      expect(Math.max(...lats)).toBeLessThan(37.2);
      const jimo = districtsGeo.features.find((f) => f.properties.name === '即墨区');
      expect(jimo?.id).toBe('370215');
      expect(districtsGeo.features.some((f) => f.properties.name === '即墨市')).toBe(false);
    });
  });

  describe('environment', () => {
    it('applies the defaults of CONTRACT §1', () => {
      const { env } = loadConfig({ env: {} });
      expect(env).toEqual({
        port: 3000,
        dataDir: path.resolve(process.cwd(), 'data'),
        databaseUrl: null,
        redisUrl: null,
        simulator: true,
        jwtSecret: null,
        production: false,
        configDir: defaultConfigDir(),
        intakeMaxQueued: 20_000,
        correlationMaxBacklog: 50_000,
        logLevels: ['log', 'warn', 'error', 'fatal'],
        instanceId: hostname(),
        metricsAllow: ['127.0.0.0/8', '::1/128'],
      });
    });

    it('reads every variable', () => {
      const { env, feedKeys } = loadConfig({
        env: {
          PORT: '8080',
          DATA_DIR: '/var/lib/jointduty',
          DATABASE_URL: 'postgresql://u:p@db/jointduty',
          REDIS_URL: 'rediss://cache:6380',
          SIMULATOR: 'OFF',
          JWT_SECRET: PROD_SECRET,
          FEED_KEY_110: 'police-key',
          INTAKE_MAX_QUEUED: '5000',
          CORRELATION_MAX_BACKLOG: '100000',
        },
      });
      expect(env).toMatchObject({
        port: 8080,
        dataDir: '/var/lib/jointduty',
        databaseUrl: 'postgresql://u:p@db/jointduty',
        redisUrl: 'rediss://cache:6380',
        simulator: false,
        jwtSecret: PROD_SECRET,
        intakeMaxQueued: 5000,
        correlationMaxBacklog: 100_000,
      });
      expect(feedKeys['110']).toBe('police-key');
      expect(feedKeys['12345']).toBe('dev-feed-key');
    });

    it.each([
      ['on', true],
      ['true', true],
      ['1', true],
      ['off', false],
      ['false', false],
      ['0', false],
    ])('SIMULATOR=%s → %s', (value, expected) => {
      expect(loadConfig({ env: { SIMULATOR: value } }).env.simulator).toBe(expected);
    });

    it('lists every bad variable at once, naming each', () => {
      const err = configError(() =>
        loadConfig({
          env: {
            PORT: '70000',
            DATABASE_URL: 'mysql://u:secret@db/x',
            REDIS_URL: 'http://cache',
            SIMULATOR: 'maybe',
            JWT_SECRET: 'short',
            INTAKE_MAX_QUEUED: '0',
            CORRELATION_MAX_BACKLOG: 'lots',
          },
        }),
      );
      expect(err.problems).toHaveLength(7);
      for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'SIMULATOR', 'JWT_SECRET', 'INTAKE_MAX_QUEUED', 'CORRELATION_MAX_BACKLOG']) {
        expect(err.message).toContain(`env ${name}:`);
      }
      expect(err.message).not.toContain('secret'); // URLs may carry passwords
    });

    it('refuses several instances (REDIS_URL) without one JWT_SECRET', () => {
      const err = configError(() => loadConfig({ env: { REDIS_URL: 'redis://cache:6379' } }));
      expect(err.problems).toEqual(['env JWT_SECRET: is required with REDIS_URL (every instance must accept the same tokens)']);
    });

    it.each([
      ['warn', ['warn', 'error', 'fatal']],
      ['ERROR', ['error', 'fatal']],
      ['info', ['log', 'warn', 'error', 'fatal']],
      ['debug', ['debug', 'log', 'warn', 'error', 'fatal']],
      ['trace', ['verbose', 'debug', 'log', 'warn', 'error', 'fatal']],
    ])('LOG_LEVEL=%s writes %j', (value, expected) => {
      expect(loadConfig({ env: { LOG_LEVEL: value } }).env.logLevels).toEqual(expected);
    });

    it('names the instance by INSTANCE_ID', () => {
      expect(loadConfig({ env: { INSTANCE_ID: 'app2' } }).env.instanceId).toBe('app2');
    });

    it('allows loopback and the METRICS_ALLOW addresses and ranges to read /metrics', () => {
      expect(loadConfig({ env: { METRICS_ALLOW: '172.31.240.0/24, 10.0.0.7,fd00::/8 ::1' } }).env.metricsAllow).toEqual([
        '127.0.0.0/8',
        '::1/128',
        '172.31.240.0/24',
        '10.0.0.7/32',
        'fd00::/8',
      ]);
    });

    it('names each bad entry of METRICS_ALLOW, a bad LOG_LEVEL and a bad INSTANCE_ID', () => {
      const err = configError(() =>
        loadConfig({ env: { METRICS_ALLOW: '10.0.0.0/33,prometheus, fd00::/129,10.0.0.1', LOG_LEVEL: 'loud', INSTANCE_ID: 'app 1' } }),
      );
      expect(err.problems).toEqual([
        'env LOG_LEVEL: must be one of verbose, debug, log, warn, error, fatal (or trace, info), got "loud"',
        'env INSTANCE_ID: must be 1 to 63 letters, digits, dots, dashes or underscores, starting with a letter or digit, got "app 1"',
        'env METRICS_ALLOW: "10.0.0.0/33": the prefix length must be 0 to 32 for an IPv4 address',
        'env METRICS_ALLOW: "prometheus" is not an IP address or CIDR range (e.g. 10.0.0.0/8, 192.168.1.5, fd00::/8)',
        'env METRICS_ALLOW: "fd00::/129": the prefix length must be 0 to 128 for an IPv6 address',
      ]);
    });

    it('refuses a LOG_LEVEL that is a property of every object', () => {
      expect(configError(() => loadConfig({ env: { LOG_LEVEL: 'constructor' } })).problems[0]).toMatch(/^env LOG_LEVEL: must be one of/);
    });

    it('refuses production without JWT_SECRET', () => {
      const err = configError(() => loadConfig({ env: { NODE_ENV: 'production', ...PROD_KEYS } }));
      expect(err.problems).toEqual(['env JWT_SECRET: is required when NODE_ENV=production']);
    });

    it('refuses production with the dev feed key, naming the variable to set', () => {
      const err = configError(() =>
        loadConfig({ env: { NODE_ENV: 'production', JWT_SECRET: PROD_SECRET, ...PROD_KEYS, FEED_KEY_SENTIMENT: undefined } }),
      );
      expect(err.problems).toHaveLength(1);
      expect(err.message).toContain('config/feeds.yaml: keys["sentiment"]: dev-feed-key is refused in production');
      expect(err.message).toContain('FEED_KEY_SENTIMENT');

      const fromEnv = configError(() =>
        loadConfig({ env: { NODE_ENV: 'production', JWT_SECRET: PROD_SECRET, ...PROD_KEYS, FEED_KEY_110: 'dev-feed-key' } }),
      );
      expect(fromEnv.problems).toEqual(['env FEED_KEY_110: dev-feed-key is refused in production']);
    });

    it('starts in production with a secret and real feed keys', () => {
      const config = loadConfig({ env: { NODE_ENV: 'production', JWT_SECRET: PROD_SECRET, ...PROD_KEYS } });
      expect(config.env.production).toBe(true);
      expect(config.feedKeys.sentiment).toBe(PROD_KEYS.FEED_KEY_SENTIMENT);
    });
  });

  describe('a broken copy', () => {
    let dir: string;
    const file = (name: string) => path.join(dir, name);
    const edit = (name: string, from: string | RegExp, to: string) => {
      const before = readFileSync(file(name), 'utf8');
      const after = before.replace(from, to);
      expect(after).not.toBe(before);
      writeFileSync(file(name), after);
    };
    const load = () => configError(() => loadConfig({ configDir: dir, env: {} }));

    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'jointduty-config-'));
      cpSync(defaultConfigDir(), dir, { recursive: true });
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('loads unchanged, from CONFIG_DIR too', () => {
      expect(loadConfig({ env: { CONFIG_DIR: dir } }).env.configDir).toBe(dir);
    });

    it('names the file and field of a team in an unknown district', () => {
      edit('teams.yaml', 'district: 市北区, department: market', 'district: 市中区, department: market');
      const err = load();
      expect(err.problems).toEqual([`${file('teams.yaml')}: teams[2].district: 市中区 is not a district of ${file('city.yaml')}`]);
    });

    it('names the file and field of a team with an unknown department', () => {
      edit('teams.yaml', 'department: transport', 'department: traffic');
      expect(load().message).toContain(`${file('teams.yaml')}: teams[10].department: traffic is not a department id`);
    });

    it('names the file and line of a YAML syntax error', () => {
      writeFileSync(file('rules.yaml'), 'rules:\n  - id: a\n    params: { x: [1, 2 }\n');
      const [first] = load().problems;
      expect(first).toMatch(/rules\.yaml: line 3, column \d+: Flow sequence in block collection must be sufficiently indented/);
    });

    it('reports a key given twice', () => {
      writeFileSync(file('simulator.yaml'), readFileSync(file('simulator.yaml'), 'utf8') + 'ratePerMinute: 10\n');
      expect(load().message).toMatch(/simulator\.yaml: line \d+, column 1: Map keys must be unique/);
    });

    it('reports a missing file', () => {
      unlinkSync(file('accounts.yaml'));
      expect(load().problems).toEqual([`${file('accounts.yaml')}: file not found`]);
    });

    it('reports an hourly rhythm that is not 24 non-negative weights', () => {
      edit('simulator.yaml', /\[4, 3, 1,/, '[3, -1,');
      const err = load();
      expect(err.message).toContain(`${file('simulator.yaml')}: hourlyRhythm: must hold exactly 24 weights`);
      expect(err.message).toContain(`${file('simulator.yaml')}: hourlyRhythm[1]: must not be negative`);
    });

    it('runs a city without simulator.yaml with the simulator off, and refuses it with the simulator on', () => {
      unlinkSync(file('simulator.yaml'));
      expect(loadConfig({ configDir: dir, env: { SIMULATOR: 'off' } }).simulator).toBeNull();
      expect(load().problems).toEqual([
        `${file('simulator.yaml')}: file not found (the simulator is on: give the city one, see config/README.md, or set SIMULATOR=off)`,
      ]);
    });

    it('checks simulator.yaml against the city and its templates against the slots', () => {
      edit('simulator.yaml', '  - name: 莱西市', '  - name: 莱东市');
      edit('simulator.yaml', "{merchant}海鲜价格不明码标价'", "{merchant}海鲜价格{price3}'");
      edit('simulator.yaml', '，[与店家协商未果|店员态度强硬|拒不退还多收的部分]。', '，[与店家协商未果|店员态度强硬。');
      edit('simulator.yaml', 'districts: [崂山区]', 'districts: [崂山]');
      edit('simulator.yaml', '{amount}元打了水漂，{remain}', '{amount}元打了水漂，{remains}');
      const err = load();
      expect(err.problems).toEqual([
        `${file('simulator.yaml')}: districts[9].name: 莱东市 is not a district of ${file('city.yaml')}`,
        `${file('simulator.yaml')}: merchants.teashop.districts[0]: 崂山 is not one of districts`,
        `${file('simulator.yaml')}: hotline.stories[0].title: {price3} is not a slot the simulator fills here`,
        `${file('simulator.yaml')}: hotline.stories[0].text: has a [ ] or | outside a choice [a|b] (choices are not nested)`,
        `${file('simulator.yaml')}: episodes.vanishedGym.consumer[4]: {remains} is not a slot the simulator fills here`,
      ]);
    });

    it('requires a place for every tag a story asks for, and a story of every kind', () => {
      const sim = parse(readFileSync(file('simulator.yaml'), 'utf8')) as {
        districts: Array<{ places: Array<{ tags: string[] }> }>;
        hotline: { stories: Array<{ appealType: string }> };
      };
      for (const d of sim.districts) for (const p of d.places) p.tags = p.tags.filter((t) => t !== 'venue');
      sim.hotline.stories = sim.hotline.stories.filter((s) => s.appealType !== '建议');
      writeFileSync(file('simulator.yaml'), stringify(sim));
      const problems = load().problems;
      expect(problems).toContain(`${file('simulator.yaml')}: hotline.stories[5].place: no place of districts has the tag venue`);
      expect(problems).toContain(`${file('simulator.yaml')}: hotline.stories: no story of appealType 建议 (every one needs at least one)`);
      expect(problems.every((p) => p.startsWith(`${file('simulator.yaml')}: `))).toBe(true);
    });

    it('reports missing, mistyped and unknown fields', () => {
      edit('rules.yaml', 'severity: major\n    enabled: true\n    title: 110', 'severity: huge\n    enabled: yes\n    title: 110');
      edit('city.yaml', 'timezone: Asia/Shanghai', 'timezone: Asia/Qingdao\nmayor: 某某');
      edit('accounts.yaml', '{ username: duty, role: duty, displayName: 值班员 }', '{ username: duty, role: duty }');
      const err = load();
      expect(err.message).toContain(`${file('rules.yaml')}: rules[0].severity: `);
      expect(err.message).toContain(`${file('rules.yaml')}: rules[0].enabled: `);
      expect(err.message).toContain(`${file('city.yaml')}: (top level): Unrecognized key: "mayor"`);
      expect(err.message).toContain(`${file('accounts.yaml')}: accounts[1].displayName: is required`);
      expect(err.problems).toHaveLength(4);
    });

    it('checks the timezone', () => {
      edit('city.yaml', 'timezone: Asia/Shanghai', 'timezone: Asia/Qingdao');
      expect(load().problems).toEqual([`${file('city.yaml')}: timezone: Asia/Qingdao is not an IANA time zone`]);
    });

    it('requires a team exactly for field accounts, and an existing one', () => {
      edit('accounts.yaml', 'teamId: shinan-1, ', '');
      edit('accounts.yaml', 'teamId: huangdao-1', 'teamId: huangdao-9');
      edit('accounts.yaml', '{ username: admin, role: admin,', '{ username: admin, role: admin, teamId: shinan-1,');
      expect(load().problems).toEqual([
        `${file('accounts.yaml')}: accounts[0].teamId: only field accounts belong to a team (role is admin)`,
        `${file('accounts.yaml')}: accounts[3].teamId: is required for role field`,
        `${file('accounts.yaml')}: accounts[4].teamId: huangdao-9 is not a team id of ${file('teams.yaml')}`,
      ]);
    });

    it('names a broken map position', () => {
      const geo = JSON.parse(readFileSync(file('districts.geojson'), 'utf8')) as {
        features: Array<{ geometry: { coordinates: unknown[][] } }>;
      };
      geo.features[0]!.geometry.coordinates[0]![7] = [36.06, 'x'];
      writeFileSync(file('districts.geojson'), JSON.stringify(geo));
      expect(load().problems).toEqual([
        `${file('districts.geojson')}: features[0].geometry.coordinates: [0][7]: is not a [lng, lat] position`,
      ]);
    });

    it('requires a map feature for every district', () => {
      const geo = JSON.parse(readFileSync(file('districts.geojson'), 'utf8')) as { features: Array<{ properties: { name: string } }> };
      geo.features = geo.features.filter((f) => f.properties.name !== '莱西市');
      writeFileSync(file('districts.geojson'), JSON.stringify(geo));
      expect(load().problems).toEqual([
        `${file('districts.geojson')}: features: no feature named 莱西市 (a district of ${file('city.yaml')})`,
      ]);
    });

    it('checks gazetteer districts and duplicate rule ids', () => {
      edit('gazetteer.yaml', '{ name: 栈桥, district: 市南区 }', '{ name: 栈桥, district: 南区 }');
      edit('rules.yaml', 'id: overdue-order', 'id: police-mass-incident');
      expect(load().problems).toEqual([
        `${file('rules.yaml')}: rules[6].id: police-mass-incident appears twice`,
        expect.stringMatching(/gazetteer\.yaml: landmarks\[\d+\]\.district: 南区 is not a district of .*city\.yaml$/),
      ]);
    });

    it('refuses an alias claimed by two districts', () => {
      edit('city.yaml', 'aliases: [李沧]', 'aliases: [李沧, 崂山]');
      expect(load().problems).toEqual([`${file('city.yaml')}: districts[4].aliases[1]: 崂山 is already used by 崂山区`]);
    });

    it('names the file and field of a bad roster line', () => {
      edit(
        'roster.yaml',
        "person: 值班长 刘志远, phone: '0532-8000-0001', shift: '08:00-20:00'",
        "phone: '0532-8000-0001', shift: '8点到20点'",
      );
      edit('roster.yaml', "shift: '20:00-08:00' }", "shift: '20:00-08:00', team: night }");
      const err = load();
      expect(err.problems).toEqual([
        `${file('roster.yaml')}: roster[0].person: is required`,
        `${file('roster.yaml')}: roster[0].shift: must be HH:MM-HH:MM (08:00-20:00, 20:00-08:00 across midnight) or 全天`,
        `${file('roster.yaml')}: roster[1]: Unrecognized key: "team"`,
      ]);
    });

    it('reports a missing roster, and a profile roster shift that is not hours', () => {
      unlinkSync(file('roster.yaml'));
      edit('profiles.yaml', "shift: '18:00–次日02:00'", "shift: '晚班'");
      expect(load().problems).toEqual([
        `${file('roster.yaml')}: file not found`,
        `${file('profiles.yaml')}: profiles[0].roster[1].shift: must be HH:MM-HH:MM (08:00-20:00, 20:00-08:00 across midnight) or 全天`,
      ]);
    });

    it('collects problems of several files in one error', () => {
      edit('teams.yaml', 'district: 市北区, department: market', 'district: 市中区, department: market');
      unlinkSync(file('feeds.yaml'));
      const err = configError(() => loadConfig({ configDir: dir, env: { NODE_ENV: 'production' } }));
      expect(err.problems).toHaveLength(3);
      expect(err.problems).toEqual(
        expect.arrayContaining([
          'env JWT_SECRET: is required when NODE_ENV=production',
          `${file('teams.yaml')}: teams[2].district: 市中区 is not a district of ${file('city.yaml')}`,
          `${file('feeds.yaml')}: file not found`,
        ]),
      );
      expect(err.message).toMatch(/^Invalid configuration \(3 problems\):\n {2}- /);
    });
  });
});
