import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse, stringify } from 'yaml';
import { defaultConfigDir } from './config.loader';
import { CONFIG_FILES } from './config.schema';
import { reportsOf } from './load-reports';
import { reportsSchema, type ReportsConfig } from './orders.schema';
import { configFiles, type CheckContext } from './read-files';

// config/reports.yaml: the shifts must follow one another round the clock, some rate must weigh,
// and every problem is named by file and field.

const shipped = (): any => parse(readFileSync(path.join(defaultConfigDir(), CONFIG_FILES.reports), 'utf8'));

describe('config/reports.yaml', () => {
  let dir: string;
  let ctx: CheckContext;
  const read = (value: unknown): ReportsConfig | undefined => {
    writeFileSync(path.join(dir, CONFIG_FILES.reports), typeof value === 'string' ? value : stringify(value));
    const problems: string[] = [];
    ctx = { files: configFiles(dir, false, problems), problems };
    return reportsOf(ctx, ctx.files.read('reports', reportsSchema));
  };
  const problems = () => ctx.problems.map((p) => p.replace(dir + path.sep, ''));

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'jointduty-reports-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the shipped file: a day and a night shift, the weights, the report deadlines', () => {
    const r = read(shipped())!;
    expect(problems()).toEqual([]);
    expect(r.shifts).toEqual([
      { text: '08:00-20:00', start: 480, end: 1200 },
      { text: '20:00-08:00', start: 1200, end: 480 },
    ]);
    expect(r.officeUnit).toBe('联席办');
    expect(r.ranking.weights).toEqual({ sign: 10, firstCheck: 20, onTime: 40, satisfaction: 20, resolution: 10 });
    expect(r.infoReports).toEqual({ initialMinutes: 30, updateEveryMinutes: 120, finalMinutes: 60 });
  });

  it('takes three shifts written in any order, one of them ending at midnight', () => {
    const r = read({ ...shipped(), shifts: ['16:00-24:00', '00:00-08:00', '08:00-16:00'] })!;
    expect(problems()).toEqual([]);
    expect(r.shifts.map((s) => s.text)).toEqual(['00:00-08:00', '08:00-16:00', '16:00-24:00']);
  });

  it('refuses shifts with a gap or an overlap, naming the field; one 24-hour shift is a day', () => {
    expect(read({ ...shipped(), shifts: ['08:00-18:00', '20:00-08:00'] })).toBeUndefined();
    expect(problems()).toEqual(['reports.yaml: shifts: 08:00-18:00 must end where the next shift begins (20:00-08:00)']);
    expect(read({ ...shipped(), shifts: ['08:00-20:00', '08:00-20:00'] })).toBeUndefined();
    expect(problems().length).toBeGreaterThan(0);
    // one shift of 24 hours (24小时值班) is a day of its own
    expect(read({ ...shipped(), shifts: ['08:00-08:00'] })!.shifts).toEqual([{ text: '08:00-08:00', start: 480, end: 480 }]);
    expect(read({ ...shipped(), shifts: ['8:00-20:00'] })).toBeUndefined();
    expect(problems()[0]).toMatch(/^reports\.yaml: shifts\[0\]: must be "HH:MM-HH:MM"/);
  });

  it('refuses weights that weigh nothing, a rate it does not know, and deadlines that are not minutes', () => {
    expect(read({ ...shipped(), ranking: { ...shipped().ranking, weights: { sign: 0 } } })).toBeUndefined();
    expect(problems()).toEqual(['reports.yaml: ranking.weights: give at least one rate a weight above 0']);
    expect(read({ ...shipped(), ranking: { ...shipped().ranking, weights: { speed: 5 } } })).toBeUndefined();
    expect(problems().join('\n')).toContain('ranking.weights');
    expect(read({ ...shipped(), infoReports: { initialMinutes: 0, updateEveryMinutes: 120, finalMinutes: 1.5 } })).toBeUndefined();
    expect(problems().join('\n')).toMatch(/infoReports\.initialMinutes/);
    expect(problems().join('\n')).toMatch(/infoReports\.finalMinutes/);
  });
});
