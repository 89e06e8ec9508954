// The reports (CONTRACT §8) against months of orders whose outcomes are known: three months of
// 12345 orders for six units, generated from a fixed seed and driven through the real API on the
// controllable clock (test/support/order-month.ts). Every figure the reports give is computed
// here again from what each order did — not from the server's code — and compared: each unit's
// rates, the city's, the ranking order, the 约谈 list, the weekly bulletin and the daily report.
// Then the files and the shift-end drafts.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { DailyReport, OrderCounts, RankingReport, Rates, WeeklyReport } from '@jointduty/shared';
import { EventBus } from '@jointduty/server/infra/bus/bus';
import { OrderReminderSweep } from '@jointduty/server/orders/order-reminders.service';
import { ReportDrafts } from '@jointduty/server/reports/report-drafts';
import { realClock, setClock } from '../support/clock';
import { login, request, startServer, type TestServer } from '../support/harness';
import { driveOrders, planOrders, UNITS, type DrivenOrder } from '../support/order-month';

const MONTHS = ['2026-09', '2026-10', '2026-11'];
// after every deadline of the orders (the latest: late replies to November's 15-working-day orders)
const FINAL = '2027-01-08T12:00:00+08:00';
const WEIGHTS = { sign: 10, firstCheck: 20, onTime: 40, satisfaction: 20, resolution: 10 } as const;
const DAY = 86_400_000;
const CITY_OFFSET = 8 * 3_600_000;

const cityDate = (ms: number) => new Date(ms + CITY_OFFSET).toISOString().slice(0, 10);
const cityStart = (date: string) => Date.parse(`${date}T00:00:00+08:00`);

// ---- the figures, from each order's outcome (docs/rates.md), every deadline passed

type Counts = Pick<
  OrderCounts,
  | 'received'
  | 'signDecided'
  | 'signOnTime'
  | 'firstCheckDecided'
  | 'firstCheckOnTime'
  | 'dueDecided'
  | 'dueOnTime'
  | 'replied'
  | 'untrue'
  | 'followedUp'
  | 'satisfied'
  | 'resolved'
>;

function countsOf(orders: DrivenOrder[]): Counts {
  const c: Counts = {
    received: 0,
    signDecided: 0,
    signOnTime: 0,
    firstCheckDecided: 0,
    firstCheckOnTime: 0,
    dueDecided: 0,
    dueOnTime: 0,
    replied: 0,
    untrue: 0,
    followedUp: 0,
    satisfied: 0,
    resolved: 0,
  };
  for (const o of orders) {
    c.received += 1;
    // every deadline has passed: each order is decided on each, done in time or not
    c.signDecided += 1;
    c.signOnTime += o.sign === 'onTime' ? 1 : 0;
    c.firstCheckDecided += 1;
    c.firstCheckOnTime += o.check === 'onTime' ? 1 : 0;
    c.dueDecided += 1;
    c.dueOnTime += o.reply === 'onTime' ? 1 : 0;
    c.replied += o.reply !== 'never' ? 1 : 0;
    c.untrue += o.reply !== 'never' && o.result === '不属实' ? 1 : 0;
    c.followedUp += o.followup ? 1 : 0;
    c.satisfied += o.followup && o.followup.satisfaction !== '不满意' ? 1 : 0;
    c.resolved += o.followup?.resolved ? 1 : 0;
  }
  return c;
}

type Expected = Record<keyof Rates, [numerator: number, denominator: number]>;
const expectedRates = (c: Counts): Expected => ({
  sign: [c.signOnTime, c.signDecided],
  firstCheck: [c.firstCheckOnTime, c.firstCheckDecided],
  onTime: [c.dueOnTime, c.dueDecided],
  satisfaction: [c.satisfied, c.followedUp],
  resolution: [c.resolved, c.followedUp],
  untrue: [c.untrue, c.replied],
});
const value = ([n, d]: [number, number]) => (d === 0 ? null : n / d);

function scoreOf(r: Expected): number | null {
  let sum = 0;
  let weight = 0;
  for (const [k, w] of Object.entries(WEIGHTS) as Array<[keyof Expected, number]>) {
    const v = value(r[k]);
    if (v === null) continue;
    sum += w * v;
    weight += w;
  }
  return weight === 0 ? null : (sum / weight) * 100;
}

function checkRates(actual: Rates, expected: Expected): void {
  for (const k of Object.keys(expected) as Array<keyof Expected>) {
    expect({ rate: k, numerator: actual[k].numerator, denominator: actual[k].denominator }).toEqual({
      rate: k,
      numerator: expected[k][0],
      denominator: expected[k][1],
    });
    const v = value(expected[k]);
    if (v === null) expect(actual[k].value).toBeNull();
    else expect(actual[k].value).toBeCloseTo(v, 10);
  }
}

describe('reports on months of orders with known outcomes', () => {
  let server: TestServer;
  let orders: DrivenOrder[];
  const tokens: Record<string, string> = {};
  const get = <T = any>(path: string, who = 'leader') => request<T>(server, 'GET', path, { token: tokens[who] });
  const monthOf = (o: DrivenOrder) => cityDate(o.createdAt).slice(0, 7);

  beforeAll(async () => {
    server = await startServer();
    // the drafts' own timer stays off: the test drafts a shift's end when it chooses
    server.app.get(ReportDrafts).onModuleDestroy();
    orders = await driveOrders(server, planOrders(20261205, MONTHS, 14));
    setClock(FINAL);
    // what the last deadlines decided without a step is marked by the reminder sweep
    await server.app.get(OrderReminderSweep).sweep();
    for (const u of ['admin', 'duty', 'leader']) tokens[u] = await login(server, u);
  }, 240_000);
  afterAll(async () => {
    realClock();
    await server?.close();
  });

  it('the orders went where planned, received on the planned days', () => {
    expect(orders).toHaveLength(MONTHS.length * UNITS.length * 14);
    for (const o of orders) {
      expect(o.departmentId).toBe(o.unit.departmentId);
      expect(cityDate(o.createdAt)).toBe(cityDate(o.acceptedAt));
    }
  });

  /** The ranking as it must be, computed from the orders received in `months`. */
  function expectedRanking(months: string[], callInMonths: string[]) {
    const inPeriod = orders.filter((o) => months.includes(monthOf(o)));
    const units = UNITS.map((u) => {
      const mine = inPeriod.filter((o) => o.departmentId === u.departmentId);
      const rates = expectedRates(countsOf(mine));
      return { departmentId: u.departmentId, orders: mine.length, rates, score: scoreOf(rates) };
    })
      .filter((u) => u.orders > 0)
      .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || b.orders - a.orders || a.departmentId.localeCompare(b.departmentId));
    const city = expectedRates(countsOf(inPeriod));
    // 约谈: below the city's pooled rate every one of the months, on on-time completion or satisfaction
    const callIns = UNITS.flatMap((u) => {
      const below = (key: 'onTime' | 'satisfaction') =>
        callInMonths.every((m) => {
          const month = orders.filter((o) => monthOf(o) === m);
          const unit = expectedRates(countsOf(month.filter((o) => o.departmentId === u.departmentId)))[key];
          const all = expectedRates(countsOf(month))[key];
          return unit[1] >= 1 && value(all) !== null && value(unit)! < value(all)!;
        });
      const on = (['onTime', 'satisfaction'] as const).filter(below);
      return on.length > 0 ? [{ departmentId: u.departmentId, on }] : [];
    }).sort((a, b) => a.departmentId.localeCompare(b.departmentId));
    return { units, city, callIns, orders: inPeriod.length };
  }

  function checkRanking(r: RankingReport, want: ReturnType<typeof expectedRanking>): void {
    expect(r.kind).toBe('ranking');
    expect(r.city.orders).toBe(want.orders);
    checkRates(r.city.rates, want.city);
    expect(r.units.map((u) => u.departmentId)).toEqual(want.units.map((u) => u.departmentId));
    want.units.forEach((w, i) => {
      const u = r.units[i]!;
      expect(u.orders).toBe(w.orders);
      expect(u.rank).toBe(i + 1);
      checkRates(u.rates, w.rates);
      expect(u.score).toBeCloseTo(w.score!, 2);
    });
    expect(r.callIns.map((c) => ({ departmentId: c.departmentId, on: c.on }))).toEqual(want.callIns);
  }

  it('monthly (November): each unit and the city, the ranking order, and the 约谈 list of three months running', async () => {
    const r = await get<RankingReport>('/api/reports/monthly?month=2026-11');
    expect(r.status).toBe(200);
    const want = expectedRanking(['2026-11'], MONTHS);
    // the seed makes some units fall below the city three months running, and not all of them
    expect(want.callIns.length).toBeGreaterThan(0);
    expect(want.callIns.length).toBeLessThan(UNITS.length);
    checkRanking(r.body, want);
    const entry = r.body.callIns[0]!;
    expect(entry.months.map((m) => m.month)).toEqual(MONTHS);
    expect(entry.departmentName).not.toBe(entry.departmentId);
    for (const c of r.body.callIns) expect(r.body.summary).toContain(c.departmentName);

    // the trend: the six months ending with November, September to November with the orders
    expect(r.body.trend.map((t) => t.key)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    for (const t of r.body.trend) {
      const month = orders.filter((o) => monthOf(o) === t.key);
      expect(t.orders).toBe(month.length);
      checkRates(t.rates, expectedRates(countsOf(month)));
    }
    // categories by their first level, most first
    const nov = orders.filter((o) => monthOf(o) === '2026-11');
    const tops = new Map<string, number>();
    for (const o of nov) tops.set(o.unit.category.split('>')[0]!, (tops.get(o.unit.category.split('>')[0]!) ?? 0) + 1);
    expect(Object.fromEntries(r.body.categories.map((c) => [c.key, c.count]))).toEqual(Object.fromEntries(tops));
    expect(r.body.weights).toEqual(WEIGHTS);
  });

  it('monthly (October): the 约谈 months reach back to August, which had no orders: nobody is called in', async () => {
    const r = await get<RankingReport>('/api/reports/monthly?month=2026-10');
    checkRanking(r.body, expectedRanking(['2026-10'], ['2026-08', '2026-09', '2026-10']));
    expect(r.body.callIns).toEqual([]);
  });

  it('quarterly (Q4): October and November pooled; trend per month of the quarter', async () => {
    const r = await get<RankingReport>('/api/reports/monthly?quarter=2026-Q4');
    checkRanking(r.body, expectedRanking(['2026-10', '2026-11', '2026-12'], ['2026-10', '2026-11', '2026-12']));
    expect(r.body.trend.map((t) => [t.key, t.orders])).toEqual([
      ['2026-10', orders.filter((o) => monthOf(o) === '2026-10').length],
      ['2026-11', orders.filter((o) => monthOf(o) === '2026-11').length],
      ['2026-12', 0],
    ]);
  });

  /** Deadlines in [start, end) and whether each was missed, from the outcomes. */
  function deadlinesIn(start: number, end: number) {
    const rows = orders.flatMap((o) => {
      const fcIn = o.firstCheckBy >= start && o.firstCheckBy < end;
      const dueIn = o.dueBy >= start && o.dueBy < end;
      if (!fcIn && !dueIn) return [];
      const missedFc = fcIn && o.check !== 'onTime';
      const missedDue = dueIn && o.reply !== 'onTime';
      return [{ o, missed: missedFc || missedDue, missedList: [...(missedFc ? ['firstCheck'] : []), ...(missedDue ? ['due'] : [])] }];
    });
    const perUnit = new Map<string, { due: number; overdue: number }>();
    for (const r of rows) {
      const u = perUnit.get(r.o.departmentId) ?? { due: 0, overdue: 0 };
      u.due += 1;
      u.overdue += r.missed ? 1 : 0;
      perUnit.set(r.o.departmentId, u);
    }
    return { rows, perUnit };
  }

  it('weekly: for every week of the months, the orders due, those that missed, per unit, and the list', async () => {
    let weeksWithMisses = 0;
    // 2026-W36 begins on Monday August 31; W53 ends on Sunday January 3
    for (let w = 36; w <= 53; w++) {
      const r = await get<WeeklyReport>(`/api/reports/weekly?week=2026-W${w}`, 'duty');
      expect(r.status).toBe(200);
      const start = Date.parse(r.body.period.start);
      const end = Date.parse(r.body.period.end);
      expect(end - start).toBe(7 * DAY);
      const want = deadlinesIn(start, end);
      const overdue = want.rows.filter((x) => x.missed).length;
      expect({ week: w, due: r.body.totals.due, overdue: r.body.totals.overdue }).toEqual({ week: w, due: want.rows.length, overdue });
      expect(r.body.totals.onTimeRate.numerator).toBe(want.rows.length - overdue);
      expect(Object.fromEntries(r.body.units.map((u) => [u.departmentId, { due: u.due, overdue: u.overdue }]))).toEqual(
        Object.fromEntries(want.perUnit),
      );
      expect(r.body.truncated).toBe(false);
      expect(r.body.orders.map((l) => l.id).sort()).toEqual(
        want.rows
          .filter((x) => x.missed)
          .map((x) => x.o.id)
          .sort(),
      );
      for (const line of r.body.orders) {
        const x = want.rows.find((y) => y.o.id === line.id)!;
        expect(line.missed).toEqual(x.missedList);
        // titles are masked: no citizen's phone in the list
        expect(line.title).not.toMatch(/139\d{8}/);
      }
      if (overdue > 0) weeksWithMisses += 1;
    }
    expect(weeksWithMisses).toBeGreaterThan(5);
  });

  it('daily: intake, orders received, due, overdue, replied, closed, and the day’s rates', async () => {
    const days = [...new Set(orders.map((o) => cityDate(o.acceptedAt)))].sort();
    // a spread of days across the months, and one without orders
    const sample = [...days.filter((_, i) => i % 9 === 0), '2026-12-20'];
    for (const date of sample) {
      const r = await get<DailyReport>(`/api/reports/daily?date=${date}`, 'duty');
      expect(r.status).toBe(200);
      const start = cityStart(date);
      const end = start + DAY;
      const within = (t: number | null) => t !== null && t >= start && t < end;
      const received = orders.filter((o) => within(o.createdAt));
      const want = deadlinesIn(start, end);
      expect({ date, ...r.body.orders, rates: undefined }).toEqual({
        date,
        received: received.length,
        due: want.rows.length,
        overdue: want.rows.filter((x) => x.missed).length,
        replied: orders.filter((o) => within(o.repliedAt)).length,
        closed: orders.filter((o) => within(o.closedAt)).length,
        rates: undefined,
      });
      checkRates(r.body.orders.rates, expectedRates(countsOf(received)));
      expect(r.body.intake.total).toBe(received.length);
      expect(r.body.intake.byChannel).toEqual(received.length ? [{ key: '12345', label: '12345 热线', count: received.length }] : []);
      expect(r.body.summary).toContain(`新收工单${received.length}件`);
      expect(r.body.summary).toContain(`共接收来件${received.length}件`);
    }
  });

  it('every report as xlsx and docx: its type and a Chinese filename, RFC 5987 encoded', async () => {
    const cases: Array<[string, string]> = [
      ['/api/reports/daily?date=2026-11-10', '值班日报-2026-11-10'],
      ['/api/reports/weekly?week=2026-W46', '周通报-2026-W46'],
      ['/api/reports/monthly?month=2026-11', '考核排名-2026-11'],
      ['/api/reports/monthly?quarter=2026-Q4', '考核排名-2026-Q4'],
    ];
    const types = {
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    };
    for (const [path, name] of cases) {
      for (const format of ['xlsx', 'docx'] as const) {
        const res = await fetch(`${server.url}${path}&format=${format}`, { headers: { authorization: `Bearer ${tokens.duty}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe(types[format]);
        const disposition = res.headers.get('content-disposition')!;
        expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`${name}.${format}`)}`);
        // the ASCII fallback for clients without RFC 5987
        expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.(xlsx|docx)";/);
        const bytes = Buffer.from(await res.arrayBuffer());
        // both are zip packages
        expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      }
    }
  });

  it('the monthly workbook and document, read back, say what the JSON says', async () => {
    const json = (await get<RankingReport>('/api/reports/monthly?month=2026-11')).body;
    const file = async (format: string) =>
      Buffer.from(
        await (
          await fetch(`${server.url}/api/reports/monthly?month=2026-11&format=${format}`, {
            headers: { authorization: `Bearer ${tokens.duty}` },
          })
        ).arrayBuffer(),
      );

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await file('xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('排名')!;
    expect(sheet).toBeDefined();
    // the header row and the columns of the rates, found by their Chinese headers
    const columns = new Map<string, number>();
    let header = 0;
    sheet.eachRow((row, n) => {
      row.eachCell((cell, k) => {
        if (
          typeof cell.value === 'string' &&
          ['承办单位', '按时签收率', '按时办结率', '满意率', '名次'].includes(cell.value) &&
          (!header || header === n)
        ) {
          header = n;
          columns.set(cell.value, k);
        }
      });
    });
    expect(columns.size).toBe(5);
    const rowOf = (name: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row, n) => {
        if (n > header && row.getCell(columns.get('承办单位')!).value === name) found = row;
      });
      return found;
    };
    const cellRate = (v: ExcelJS.CellValue) => (typeof v === 'number' ? v : null);
    for (const u of json.units) {
      const row = rowOf(u.departmentName)!;
      expect(row).toBeDefined();
      expect(row.getCell(columns.get('名次')!).value).toBe(u.rank);
      expect(cellRate(row.getCell(columns.get('按时签收率')!).value)).toBeCloseTo(u.rates.sign.value ?? NaN, 6);
      const onTime = row.getCell(columns.get('按时办结率')!);
      if (u.rates.onTime.value === null) expect(onTime.value).toBe('—');
      else {
        expect(cellRate(onTime.value)).toBeCloseTo(u.rates.onTime.value, 6);
        expect(onTime.numFmt).toContain('%');
      }
      const sat = row.getCell(columns.get('满意率')!).value;
      if (u.rates.satisfaction.value === null) expect(sat).toBe('—');
      else expect(cellRate(sat)).toBeCloseTo(u.rates.satisfaction.value, 6);
    }
    const city = rowOf('全市平均')!;
    expect(cellRate(city.getCell(columns.get('按时办结率')!).value)).toBeCloseTo(json.city.rates.onTime.value!, 6);
    const callIns = book.getWorksheet('约谈名单')!;
    const named = new Set<string>();
    callIns.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && named.add(c.value)));
    for (const c of json.callIns) expect(named).toContain(c.departmentName);

    // the document: the summary paragraph, every unit and its on-time rate as written, page numbers
    const zip = await JSZip.loadAsync(await file('docx'));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain(json.summary);
    const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
    for (const u of json.units) {
      expect(text).toContain(u.departmentName);
      expect(text).toContain(pct(u.rates.onTime.value));
    }
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^word\/footer\d*\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(footers.join('')).toContain('PAGE');
  });

  it('a shift’s end drafts the day’s report once: listed, readable, announced and audited', async () => {
    const drafted: unknown[] = [];
    const off = server.app.get(EventBus).subscribe('report.drafted', (p) => void drafted.push(p));
    const drafts = server.app.get(ReportDrafts);
    // the night shift of November 10 ended at 08:00 on the 11th: it drafts the whole of the 10th
    setClock('2026-11-11T08:00:30+08:00');
    const id = await drafts.draftDue();
    expect(id).not.toBeNull();
    expect(await drafts.draftDue()).toBeNull();
    off();
    expect(drafted).toEqual([{ kind: 'daily', date: '2026-11-10', shiftKey: '2026-11-10 20:00-08:00', snapshotId: id }]);

    setClock(FINAL);
    const list = await get<Array<{ id: string; shiftKey: string; date: string }>>('/api/reports/snapshots?date=2026-11-10');
    expect(list.body.map((s) => [s.id, s.shiftKey, s.date])).toEqual([[id, '2026-11-10 20:00-08:00', '2026-11-10']]);
    const snap = await get<DailyReport>(`/api/reports/snapshots/${id}`);
    expect(snap.status).toBe(200);
    expect(snap.body.kind).toBe('daily');
    expect(snap.body.period.key).toBe('2026-11-10');
    const received = orders.filter((o) => cityDate(o.createdAt) === '2026-11-10').length;
    expect(snap.body.orders.received).toBe(received);
    const docx = await fetch(`${server.url}/api/reports/snapshots/${id}?format=docx`, {
      headers: { authorization: `Bearer ${tokens.duty}` },
    });
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain(encodeURIComponent('值班日报-2026-11-10.docx'));
    const audit = await request<any[]>(server, 'GET', `/api/audit?targetId=${id}`, { token: tokens.admin });
    expect(audit.body.map((e) => e.action)).toContain('report.drafted');
  });
});
