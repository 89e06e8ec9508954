import { Inject, Injectable } from '@nestjs/common';
import type { AnyReport, DailyReport, Period, RankingReport, ReportFormat, WeeklyReport } from '@jointduty/shared';
import { AppException } from '../common/app.exception';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { reportToDocx } from '../documents/report-docx';
import { reportToXlsx } from '../documents/report-xlsx';
import { OrdersService } from '../orders/orders.service';
import { zeroCounts } from '../orders/rates';
import { buildDaily } from './daily-report';
import { dailyPeriodOf, dayPeriod, formatOf, monthPeriod, rankingPeriodOf, weeklyPeriodOf } from './periods';
import { buildRanking, callInMonthsOf, trendMonthsOf } from './ranking-report';
import { ReportsRepository } from './reports.repository';
import { buildWeekly } from './weekly-report';

/** A report as the API answers it: JSON, or a file with its type and names. */
export type ReportAnswer =
  | { format: 'json'; body: unknown }
  | { format: 'xlsx' | 'docx'; body: Buffer; contentType: string; filename: string; asciiFilename: string };

export interface SnapshotSummary {
  id: string;
  kind: string;
  date: string;
  shiftKey: string;
  createdAt: string;
}

const CONTENT_TYPE: Record<'xlsx' | 'docx', string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

// the files' names: the users' word, then the period's key
const FILE_WORD: Record<AnyReport['kind'], [chinese: string, ascii: string]> = {
  daily: ['值班日报', 'daily-report'],
  weekly: ['周通报', 'weekly-bulletin'],
  ranking: ['考核排名', 'unit-ranking'],
};

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const snapshotNotFound = (id: string) => new AppException('report.not_found', `snapshot ${id.slice(0, 64)} not found`);

// The reports (CONTRACT §8): 值班日报, 周通报 and the unit ranking with its 约谈 list, each for a
// period read from the query, as JSON or as a file. The rates come from the orders' running
// counts (docs/rates.md), so a year costs as little to report as a day.
@Injectable()
export class ReportsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ReportsRepository,
    private readonly orders: OrdersService,
  ) {}

  private unitName = (id: string): string => this.orders.units.get(id)?.name ?? id;
  private teamName = (id: string): string => this.config.teams.find((t) => t.id === id)?.name ?? id;

  // ---- the API's calls: period and format from the query, then the report

  async dailyAnswer(query: Record<string, unknown>, now = Date.now()): Promise<ReportAnswer> {
    const format = formatOf(query);
    return this.answer(await this.daily(dailyPeriodOf(this.orders.calendar, query, now), now), format);
  }

  async weeklyAnswer(query: Record<string, unknown>, now = Date.now()): Promise<ReportAnswer> {
    const format = formatOf(query);
    return this.answer(await this.weekly(weeklyPeriodOf(this.orders.calendar, query), now), format);
  }

  async rankingAnswer(query: Record<string, unknown>, now = Date.now()): Promise<ReportAnswer> {
    const format = formatOf(query);
    return this.answer(await this.ranking(rankingPeriodOf(this.orders.calendar, query), now), format);
  }

  /** The shift-end drafts of a city date (today when absent), oldest first. */
  async snapshots(query: Record<string, unknown>, now = Date.now()): Promise<SnapshotSummary[]> {
    const period = dailyPeriodOf(this.orders.calendar, query, now);
    const rows = await this.repo.snapshotsOf(period.from);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      date: r.date,
      shiftKey: r.shiftKey,
      createdAt: new Date(r.createdAt).toISOString(),
    }));
  }

  async snapshotAnswer(id: string, query: Record<string, unknown>): Promise<ReportAnswer> {
    const format = formatOf(query);
    if (!ID.test(id)) throw snapshotNotFound(id);
    const row = await this.repo.snapshot(id);
    if (!row) throw snapshotNotFound(id);
    return this.answer(JSON.parse(row.body) as DailyReport, format);
  }

  // ---- the reports

  async daily(period: Period, now = Date.now()): Promise<DailyReport> {
    const start = Date.parse(period.start);
    const end = Date.parse(period.end);
    const [intake, alerts, dispatches, orderSteps, deadlines, counts, instructions, handovers, infoReports] = await Promise.all([
      this.repo.intakeOfDay(start),
      this.repo.alertsBetween(start, end),
      this.repo.dispatchesBetween(start, end),
      this.repo.orderSteps(start, end),
      this.repo.deadlineCounts(start, end, now),
      this.repo.orderCounts(period.from, period.to, 'day'),
      this.repo.instructionsBetween(start, end),
      this.repo.handoversBetween(start, end),
      this.repo.infoReportsBetween(start, end),
    ]);
    return buildDaily({
      period,
      now,
      intake,
      alerts,
      dispatches,
      teamName: this.teamName,
      orderSteps,
      deadlines,
      orderCounts: counts[0]?.counts ?? zeroCounts(),
      instructions,
      handovers,
      infoReports,
    });
  }

  /** The daily report of a city date (the shift-end drafts). */
  dailyOf(date: string, now = Date.now()): Promise<DailyReport> {
    return this.daily(dayPeriod(this.orders.calendar, date), now);
  }

  async weekly(period: Period, now = Date.now()): Promise<WeeklyReport> {
    const start = Date.parse(period.start);
    const end = Date.parse(period.end);
    const cap = this.config.reports.weeklyListMax;
    const [counts, missed] = await Promise.all([
      this.repo.deadlineCounts(start, end, now),
      this.repo.missedOrders(start, end, now, cap + 1),
    ]);
    return buildWeekly({ period, now, counts, missed, cap, unitName: this.unitName });
  }

  async ranking(period: Period, now = Date.now()): Promise<RankingReport> {
    const rule = this.config.reports.ranking;
    const callInMonths = callInMonthsOf(period, rule.callInMonths);
    const trendMonths = trendMonthsOf(period);
    const monthEnd = (m: string) => monthPeriod(this.orders.calendar, m).to;
    const [perUnit, callInPerUnitMonth, trendPerMonth, categories] = await Promise.all([
      this.repo.orderCounts(period.from, period.to, 'unit'),
      this.repo.orderCounts(`${callInMonths[0]}-01`, monthEnd(callInMonths[callInMonths.length - 1]!), 'unitMonth'),
      this.repo.orderCounts(`${trendMonths[0]}-01`, monthEnd(trendMonths[trendMonths.length - 1]!), 'month'),
      this.repo.orderCategories(period.from, period.to),
    ]);
    return buildRanking({
      period,
      now,
      perUnit,
      callInPerUnitMonth,
      callInMonths,
      callInMinOrders: rule.callInMinOrders,
      trendPerMonth,
      trendMonths,
      categories,
      weights: rule.weights,
      unitName: this.unitName,
    });
  }

  // ---- files

  private async answer(report: AnyReport, format: ReportFormat): Promise<ReportAnswer> {
    if (format === 'json') return { format, body: report };
    const [word, ascii] = FILE_WORD[report.kind];
    const tz = this.config.city.timezone;
    const body = format === 'xlsx' ? await reportToXlsx(report, tz) : await reportToDocx(report, tz);
    return {
      format,
      body,
      contentType: CONTENT_TYPE[format],
      filename: `${word}-${report.period.key}.${format}`,
      asciiFilename: `${ascii}-${report.period.key}.${format}`,
    };
  }
}
