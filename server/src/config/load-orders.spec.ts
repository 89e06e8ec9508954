import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultConfigDir } from './config.loader';
import { accountsSchema, citySchema, departmentsSchema, teamsSchema, CONFIG_FILES, type ConfigFile } from './config.schema';
import { calendarOf, calendarWarnings } from './load-calendar';
import { ordersOf } from './load-orders';
import { checkAccounts, checkDepartments } from './load-organisation';
import { calendarSchema, ordersSchema, type CalendarConfig } from './orders.schema';
import { configFiles, type CheckContext } from './read-files';

// config/calendar.yaml, config/orders.yaml, and the departments' units and accounts that work orders
// need: each file's problems named by file and field.

const shipped = (file: ConfigFile): any => parse(readFileSync(path.join(defaultConfigDir(), CONFIG_FILES[file]), 'utf8'));

describe('the work orders config', () => {
  let dir: string;
  let ctx: CheckContext;
  const label = (file: ConfigFile) => path.join(dir, CONFIG_FILES[file]);
  // writes the files given (text as is, anything else as YAML) and reads them afresh
  const write = (contents: Partial<Record<ConfigFile, unknown>>) => {
    for (const [file, value] of Object.entries(contents)) {
      writeFileSync(label(file as ConfigFile), typeof value === 'string' ? value : stringify(value));
    }
    const problems: string[] = [];
    ctx = { files: configFiles(dir, false, problems), problems };
  };
  const calendar = (years: unknown): CalendarConfig | undefined => {
    write({ calendar: { years } });
    return calendarOf(ctx, ctx.files.read('calendar', calendarSchema));
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'jointduty-orders-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('calendar.yaml', () => {
    it('reads the shipped years, a single-day holiday ending where it starts', () => {
      const result = calendar(shipped('calendar').years);
      expect(ctx.problems).toEqual([]);
      expect(result!.years.map((y) => y.year)).toEqual([2025, 2026]);
      expect(result!.years[0]!.holidays[0]).toEqual({ name: '元旦', from: '2025-01-01', to: '2025-01-01' });
      expect(result!.years[1]!.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    });

    it('takes unquoted dates and years as well', () => {
      write({ calendar: 'years:\n  - year: "2026"\n    holidays: [{ name: 元旦, from: 2026-01-01, to: !!timestamp 2026-01-03 }]\n' });
      expect(calendarOf(ctx, ctx.files.read('calendar', calendarSchema))).toEqual({
        years: [{ year: 2026, source: null, holidays: [{ name: '元旦', from: '2026-01-01', to: '2026-01-03' }], workdays: [] }],
      });
      expect(ctx.problems).toEqual([]);
    });

    it('names a date that is not a day, and a field it does not know', () => {
      expect(
        calendar([{ year: 2026, holidays: [{ name: '春节', from: '2026-02-30' }], workdays: ['2026-2-14'], extra: 1 }]),
      ).toBeUndefined();
      expect(ctx.problems).toEqual([
        `${label('calendar')}: years[0].holidays[0].from: is not a day of the calendar`,
        `${label('calendar')}: years[0].workdays[0]: must be a date "YYYY-MM-DD"`,
        `${label('calendar')}: years[0]: Unrecognized key: "extra"`,
      ]);
    });

    it('refuses a year twice, dates outside their year, ranges backwards, days both off and worked', () => {
      const result = calendar([
        {
          year: 2026,
          holidays: [
            { name: '元旦', from: '2025-12-31', to: '2026-01-03' },
            { name: '春节', from: '2026-02-23', to: '2026-02-15' },
            { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
            { name: '五一', from: '2026-05-05', to: '2026-05-06' },
          ],
          workdays: ['2026-05-02', '2027-01-09', '2026-02-14', '2026-02-14', '2026-02-13'],
        },
        { year: 2026, holidays: [] },
      ]);
      expect(result).toBeUndefined();
      const at = `${label('calendar')}: years`;
      expect(ctx.problems).toEqual([
        `${at}[1].year: 2026 appears twice`,
        `${at}[0].holidays[0].from: 2025-12-31 is not in 2026`,
        `${at}[0].holidays[1].to: 2026-02-15 is before from 2026-02-23`,
        `${at}[0].holidays[3]: 2026-05-05 is already off (劳动节)`,
        `${at}[0].workdays[3]: 2026-02-14 appears twice`,
        `${at}[0].workdays[0]: 2026-05-02 is a day off (劳动节): a day is either off or worked`,
        `${at}[0].workdays[1]: 2027-01-09 is not in 2026`,
        `${at}[0].workdays[4]: 2026-02-13 is a Monday–Friday: a make-up working day is a Saturday or Sunday`,
      ]);
    });

    describe('calendarWarnings', () => {
      const years = (...ys: number[]): CalendarConfig => ({
        years: ys.map((year) => ({ year, source: null, holidays: [], workdays: [] })),
      });

      it('is quiet while this year and the next are in', () => {
        expect(calendarWarnings(years(2025, 2026, 2027), 'Asia/Shanghai', Date.parse('2026-06-01T00:00:00Z'))).toEqual([]);
      });

      it('warns of next year missing, and of this year', () => {
        expect(calendarWarnings(years(2025, 2026), 'Asia/Shanghai', new Date('2026-06-01T00:00:00Z'))).toEqual([
          "config/calendar.yaml: years: 2027 (next year) is missing: its days count Monday to Friday, without holidays or make-up working days, until the State Council's notice for 2027 is entered",
        ]);
        const warnings = calendarWarnings(years(2025), 'Asia/Shanghai', Date.parse('2026-06-01T00:00:00Z'), '/etc/city/calendar.yaml');
        expect(warnings).toEqual([
          expect.stringMatching(/^\/etc\/city\/calendar\.yaml: years: 2026 \(this year\) is missing: /),
          expect.stringMatching(/^\/etc\/city\/calendar\.yaml: years: 2027 \(next year\) is missing: /),
        ]);
      });

      it("takes the year in the city's time zone", () => {
        // 2026-12-31T16:30Z is already 2027 in Shanghai, still 2026 in UTC
        const newYear = Date.parse('2026-12-31T16:30:00Z');
        expect(calendarWarnings(years(2026, 2027), 'Asia/Shanghai', newYear)).toHaveLength(1);
        expect(calendarWarnings(years(2026, 2027), 'UTC', newYear)).toEqual([]);
      });
    });
  });

  describe('orders.yaml', () => {
    const orders = (edit: (file: any) => void = () => {}) => {
      const file = shipped('orders');
      edit(file);
      write({ orders: file });
      return ordersOf(ctx, ctx.files.read('orders', ordersSchema));
    };

    it('reads the shipped limits and rules', () => {
      const config = orders();
      expect(ctx.problems).toEqual([]);
      expect(config!.limits.channels['12345']).toEqual({
        urgent: { firstCheck: { hours: 2 }, due: { workingDays: 1, after: 'receipt' } },
        kinds: { 咨询: { firstCheck: { workingDays: 1 }, due: { workingDays: 5, after: 'receipt' } } },
        other: { firstCheck: { workingDays: 1 }, due: { workingDays: 15, after: 'receipt' } },
      });
      expect(config!.limits.channels['12315']!.kinds).toEqual({
        投诉: { firstCheck: { workingDays: 7 }, due: { workingDays: 45, after: 'firstCheck' } },
        举报: { firstCheck: { workingDays: 15 }, due: { workingDays: 15, after: 'receipt' } },
        咨询: { firstCheck: null, due: { workingDays: 5, after: 'receipt' } },
      });
      expect(config!.limits.channels['110']).toBeUndefined();
      expect(config!.limits.default).toEqual({ firstCheck: { workingDays: 1 }, due: { workingDays: 15, after: 'receipt' } });
      expect(config).toMatchObject({
        reminderLevels: { group: 3, platform: 2, phone: 0 },
        reminderTime: '08:30',
        reminderMinute: 510,
        extensionMaxWorkingDays: 30,
        reopenWorkingDays: 5,
        clearingHour: 17,
      });
    });

    it('names a limit without a unit, with both, or with a bad number, and a missing first check', () => {
      expect(
        orders((f) => {
          f.limits['12345'].other.firstCheck = {};
          f.limits['12345'].kinds['咨询'].due = { workingDays: 5, hours: 2 };
          f.limits['12315'].kinds['举报'].firstCheck = { workingDays: 1.5 };
          delete f.limits.default.firstCheck;
          f.reminderTime = '8:30';
          f.clearingHour = 24;
        }),
      ).toBeUndefined();
      const at = `${label('orders')}:`;
      expect(ctx.problems).toEqual([
        `${at} limits["12315"].kinds["举报"].firstCheck.workingDays: must be a whole number`,
        `${at} limits["12345"].kinds["咨询"].due: give either workingDays or hours`,
        `${at} limits["12345"].other.firstCheck: give either workingDays or hours`,
        `${at} limits.default.firstCheck: is required`,
        `${at} reminderTime: must be a time "HH:MM" (00:00–23:59)`,
        expect.stringMatching(/^.*orders\.yaml: clearingHour: /),
      ]);
    });

    it('refuses a kind the channel does not have, urgency off 12345, and a due after a first check there is not', () => {
      expect(
        orders((f) => {
          f.limits['12315'].kinds['投诉'].firstCheck = null;
          f.limits['12315'].kinds['表扬'] = f.limits.default;
          f.limits['12315'].urgent = f.limits.default;
          f.limits['110'] = { kinds: { 治安: f.limits.default, 盗窃: f.limits.default } };
        }),
      ).toBeUndefined();
      const at = `${label('orders')}: limits`;
      expect(ctx.problems).toEqual([
        `${at}["12315"].urgent: only 12345 records carry an urgency`,
        `${at}["12315"].kinds.投诉.due.after: counts from the first check, but firstCheck is null`,
        `${at}["12315"].kinds.表扬: not a kind of 12315 (投诉 举报 咨询)`,
        `${at}["110"].kinds.盗窃: not a kind of 110 (刑事 治安 交通 火灾 纠纷 求助 群体性事件 其他)`,
      ]);
    });
  });

  describe('departments.yaml units and department accounts', () => {
    const read = (departments: unknown, accounts?: unknown) => {
      write({ city: shipped('city'), departments, teams: shipped('teams'), accounts: accounts ?? shipped('accounts') });
      const city = ctx.files.read('city', citySchema);
      const deps = ctx.files.read('departments', departmentsSchema);
      checkDepartments(ctx, deps, city);
      checkAccounts(ctx, ctx.files.read('accounts', accountsSchema), ctx.files.read('teams', teamsSchema), deps);
      return deps;
    };

    it('reads the shipped units, and none where a department has none', () => {
      const deps = read(shipped('departments'));
      expect(ctx.problems).toEqual([]);
      const units = (id: string) => deps!.departments.find((d) => d.id === id)!.units;
      expect(units('market')).toEqual([
        { id: 'market-shinan', name: '市南区市场监管局', district: '市南区' },
        { id: 'market-huangdao', name: '黄岛区市场监管局', district: '黄岛区' },
      ]);
      expect(units('city-management').map((u) => `${u.id} ${u.name} ${u.district}`)).toEqual([
        'city-management-shinan 市南区城市管理局 市南区',
        'city-management-huangdao 黄岛区城市管理局 黄岛区',
      ]);
      expect(units('police')).toEqual([]);
    });

    it('refuses a unit id used twice or by a department, a district not of the city, two units in one district', () => {
      const file = shipped('departments');
      const market = file.departments[0];
      market.units.push(
        { id: 'police', name: '某单位', district: '市北区' },
        { id: 'market-shinan', name: '市南区市场监管局二', district: '市中区' },
        { id: 'market-huangdao-2', name: '黄岛区市场监管局二', district: '黄岛区' },
      );
      read(file);
      const at = `${label('departments')}: departments`;
      expect(ctx.problems).toEqual([
        `${at}[0].units[2].id: police appears twice`,
        `${at}[0].units[3].id: market-shinan appears twice`,
        `${at}[0].units[4].district: market already has a unit in 黄岛区`,
        `${at}[0].units[3].district: 市中区 is not a district of ${label('city')}`,
      ]);
    });

    it('requires a department or unit exactly for department accounts, and an existing one', () => {
      const accounts = shipped('accounts');
      accounts.accounts.push(
        { username: 'dept-shinan', role: 'department', departmentId: 'market-shinan', displayName: '市南区市场监管局' },
        { username: 'dept-none', role: 'department', displayName: '某局' },
        { username: 'dept-gone', role: 'department', departmentId: 'market-laoshan', displayName: '崂山区市场监管局' },
      );
      accounts.accounts[1].departmentId = 'market';
      read(shipped('departments'), accounts);
      const at = `${label('accounts')}: accounts`;
      expect(ctx.problems).toEqual([
        `${at}[1].departmentId: only department accounts belong to a department (role is duty)`,
        `${at}[8].departmentId: is required for role department`,
        `${at}[9].departmentId: market-laoshan is not a department or unit id of ${label('departments')}`,
      ]);
    });
  });
});
