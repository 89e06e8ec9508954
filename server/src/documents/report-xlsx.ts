import {
  RATE_KEYS,
  SEVERITIES,
  ALERT_STATUSES,
  type AnyReport,
  type DailyReport,
  type RankingReport,
  type Rates,
  type WeeklyReport,
} from '@jointduty/shared';
import { maskText } from '@jointduty/shared';
import type ExcelJS from 'exceljs';
import {
  ALERT_STATUS_LABEL,
  DEADLINE_LABEL,
  DEFAULT_TIME_ZONE,
  ORDER_STATUS_LABEL,
  RATE_LABEL,
  SEVERITY_LABEL,
  CHANNEL_LABEL,
  channelLabel,
  dispatchLabel,
  stepLabel,
} from './document-text';
import { addTable, newWorkbook, workbookBuffer, type CellKind, type CellValue, type Column } from './sheet';

// A report as an Excel workbook (CONTRACT §8): one sheet per table, Chinese headers.

/** A line of a summary sheet: what, its value, and how the value is made (a rate's parts). */
interface Item {
  item: string;
  value: CellValue;
  kind: CellKind;
  note?: string;
}

const ITEM_COLUMNS: Array<Column<Item>> = [
  { header: '项目', value: (r) => r.item },
  { header: '数值', value: (r) => r.value, kind: (r) => r.kind, width: 18 },
  { header: '说明', value: (r) => r.note ?? '' },
];

const rateItems = (rates: Rates): Item[] =>
  RATE_KEYS.map((k) => ({
    item: RATE_LABEL[k],
    value: rates[k].value,
    kind: 'rate',
    note: `${rates[k].numerator} / ${rates[k].denominator}`,
  }));

/** The six rate columns of a row holding `rates`. */
function rateColumns<R>(rates: (r: R) => Rates): Array<Column<R>> {
  return RATE_KEYS.map((k) => ({ header: RATE_LABEL[k], value: (r: R) => rates(r)[k].value, kind: 'rate' as const }));
}

const countColumns = (what: string, label = (key: string, l: string) => l) =>
  [
    { header: what, value: (r: { key: string; label: string }) => label(r.key, r.label) },
    { header: '数量', value: (r: { count: number }) => r.count, kind: 'int' },
  ] as Array<Column<{ key: string; label: string; count: number }>>;

function daily(wb: ExcelJS.Workbook, r: DailyReport, timeZone: string): void {
  const items: Item[] = [
    { item: '日期', value: r.period.label, kind: 'text' },
    { item: '生成时间', value: r.generatedAt, kind: 'time' },
    { item: '摘要', value: r.summary, kind: 'text' },
    { item: '受理来件', value: r.intake.total, kind: 'int' },
    { item: '预警', value: r.alerts.total, kind: 'int' },
    ...SEVERITIES.map((s) => ({ item: `预警·${SEVERITY_LABEL[s]}`, value: r.alerts.bySeverity[s], kind: 'int' as const })),
    ...ALERT_STATUSES.map((s) => ({
      item: `预警·${ALERT_STATUS_LABEL[s]}`,
      value: r.alerts.byStatus[s],
      kind: 'int' as const,
      note: '按当前状态',
    })),
    { item: '派警', value: r.dispatches.total, kind: 'int' },
    {
      item: '签收用时中位数（分钟）',
      value: r.dispatches.ackMinutes.median,
      kind: 'number',
      note: `${r.dispatches.ackMinutes.count} 次签收`,
    },
    { item: '签收用时平均（分钟）', value: r.dispatches.ackMinutes.mean, kind: 'number' },
    {
      item: '到场用时中位数（分钟）',
      value: r.dispatches.onsiteMinutes.median,
      kind: 'number',
      note: `${r.dispatches.onsiteMinutes.count} 次到场`,
    },
    { item: '到场用时平均（分钟）', value: r.dispatches.onsiteMinutes.mean, kind: 'number' },
    { item: '工单·受理', value: r.orders.received, kind: 'int' },
    { item: '工单·应办结', value: r.orders.due, kind: 'int' },
    { item: '工单·超期', value: r.orders.overdue, kind: 'int' },
    { item: '工单·已答复', value: r.orders.replied, kind: 'int' },
    { item: '工单·办结', value: r.orders.closed, kind: 'int' },
    ...rateItems(r.orders.rates),
    { item: '领导批示', value: r.instructions.length, kind: 'int' },
    { item: '交接班', value: r.handovers.length, kind: 'int' },
    { item: '信息报送', value: r.infoReports.length, kind: 'int' },
  ];
  const o = { timeZone };
  addTable(wb, '概况', ITEM_COLUMNS, items, o);
  addTable(wb, '受理渠道', countColumns('渠道', channelLabel), r.intake.byChannel, o);
  addTable(wb, '区域', countColumns('区域'), r.intake.byDistrict, o);
  addTable(wb, '类别', countColumns('类别'), r.intake.byCategory, o);
  addTable(
    wb,
    '预警',
    [
      { header: '等级', value: (a) => SEVERITY_LABEL[a.severity] },
      { header: '状态', value: (a) => ALERT_STATUS_LABEL[a.status] },
      { header: '标题', value: (a) => maskText(a.title) },
      { header: '区域', value: (a) => a.district },
      { header: '预警时间', value: (a) => a.createdAt, kind: 'time' },
      { header: '办结时间', value: (a) => a.resolvedAt, kind: 'time' },
      { header: '预警编号', value: (a) => a.id },
    ],
    r.alerts.notable,
    o,
  );
  addTable(
    wb,
    '派警',
    [
      { header: '队伍', value: (d) => d.teamName },
      { header: '状态', value: (d) => dispatchLabel(d.status) },
      { header: '派警时间', value: (d) => d.createdAt, kind: 'time' },
      { header: '签收用时（分钟）', value: (d) => d.ackMinutes, kind: 'number' },
      { header: '到场用时（分钟）', value: (d) => d.onsiteMinutes, kind: 'number' },
      { header: '预警编号', value: (d) => d.alertId },
    ],
    r.dispatches.list,
    o,
  );
  addTable(
    wb,
    '批示',
    [
      { header: '事件', value: (i) => i.eventTitle },
      { header: '批示人', value: (i) => i.actorName },
      { header: '批示内容', value: (i) => i.text, width: 60 },
      { header: '批示时间', value: (i) => i.createdAt, kind: 'time' },
    ],
    r.instructions,
    o,
  );
  addTable(
    wb,
    '交接班',
    [
      { header: '班次', value: (h) => h.shiftKey },
      { header: '状态', value: (h) => (h.status === 'accepted' ? '已接班' : '已交班') },
      { header: '交班人', value: (h) => h.fromName },
      { header: '交班时间', value: (h) => h.handedAt, kind: 'time' },
      { header: '接班人', value: (h) => h.toName },
      { header: '接班时间', value: (h) => h.acceptedAt, kind: 'time' },
    ],
    r.handovers,
    o,
  );
  addTable(
    wb,
    '信息报送',
    [
      { header: '标题', value: (i) => i.title },
      { header: '状态', value: (i) => (i.status === 'closed' ? '已终报' : '报送中') },
      { header: '迟报环节', value: (i) => i.lateSteps.map((s) => stepLabel(s)).join('、') },
    ],
    r.infoReports,
    o,
  );
}

function weekly(wb: ExcelJS.Workbook, r: WeeklyReport, timeZone: string): void {
  type UnitLine = WeeklyReport['units'][number];
  const total: UnitLine = { departmentId: '', departmentName: '合计', ...r.totals };
  addTable(
    wb,
    '各单位',
    [
      { header: '承办单位', value: (u) => u.departmentName },
      { header: '应办结工单', value: (u) => u.due, kind: 'int' },
      { header: '超期工单', value: (u) => u.overdue, kind: 'int' },
      { header: '按时办结率', value: (u) => u.onTimeRate.value, kind: 'rate' },
      { header: '按时办结', value: (u) => u.onTimeRate.numerator, kind: 'int' },
    ],
    [...r.units, total],
    { timeZone, emphasise: (u) => u === total, note: `${r.period.label}；${r.summary}` },
  );
  addTable(
    wb,
    '超期工单',
    [
      { header: '工单编号', value: (l) => l.externalId },
      { header: '渠道', value: (l) => CHANNEL_LABEL[l.channel] },
      { header: '标题', value: (l) => maskText(l.title), width: 40 },
      { header: '承办单位', value: (l) => l.departmentName },
      { header: '区域', value: (l) => l.district },
      { header: '类别', value: (l) => l.category },
      { header: '受理时间', value: (l) => l.createdAt, kind: 'time' },
      { header: '超期环节', value: (l) => l.missed.map((m) => DEADLINE_LABEL[m]).join('、') },
      { header: '初查期限', value: (l) => l.firstCheckBy, kind: 'time' },
      { header: '办理期限', value: (l) => l.dueBy, kind: 'time' },
      { header: '状态', value: (l) => (ORDER_STATUS_LABEL as Record<string, string>)[l.status] ?? l.status },
      { header: '完成时间', value: (l) => l.doneAt, kind: 'time' },
    ],
    r.orders,
    { timeZone, note: r.truncated ? `仅列出前 ${r.orders.length} 条；各单位的数字是全部工单的。` : undefined },
  );
}

function ranking(wb: ExcelJS.Workbook, r: RankingReport, timeZone: string): void {
  type Line = { rank: number | null; name: string; orders: number; score: number | null; rates: Rates; city?: true };
  const lines: Line[] = r.units.map((u) => ({ rank: u.rank, name: u.departmentName, orders: u.orders, score: u.score, rates: u.rates }));
  lines.push({ rank: null, name: '全市平均', orders: r.city.orders, score: r.city.score, rates: r.city.rates, city: true });
  const weights = Object.entries(r.weights)
    .map(([k, w]) => `${RATE_LABEL[k as keyof typeof RATE_LABEL]} ${w}`)
    .join('，');
  addTable(
    wb,
    '排名',
    [
      { header: '名次', value: (l) => l.rank, kind: (l) => (l.city ? 'text' : 'int') },
      { header: '承办单位', value: (l) => l.name },
      { header: '工单数', value: (l) => l.orders, kind: 'int' },
      { header: '综合得分', value: (l) => l.score, kind: 'number' },
      ...rateColumns<Line>((l) => l.rates),
    ],
    lines,
    { timeZone, emphasise: (l) => l.city === true, note: `${r.period.label}；得分权重：${weights || '—'}` },
  );
  type CallInLine = {
    name: string;
    on: string;
    month: string;
    onTime: number | null;
    cityOnTime: number | null;
    satisfaction: number | null;
    citySatisfaction: number | null;
  };
  const callIns: CallInLine[] = r.callIns.flatMap((c) =>
    c.months.map((m) => ({ name: c.departmentName, on: c.on.map((k) => RATE_LABEL[k]).join('、'), ...m })),
  );
  addTable(
    wb,
    '约谈名单',
    [
      { header: '承办单位', value: (c) => c.name },
      { header: '低于全市平均', value: (c) => c.on },
      { header: '月份', value: (c) => c.month },
      { header: '按时办结率', value: (c) => c.onTime, kind: 'rate' },
      { header: '全市按时办结率', value: (c) => c.cityOnTime, kind: 'rate' },
      { header: '满意率', value: (c) => c.satisfaction, kind: 'rate' },
      { header: '全市满意率', value: (c) => c.citySatisfaction, kind: 'rate' },
    ],
    callIns,
    { timeZone },
  );
  addTable(
    wb,
    '趋势',
    [
      { header: '月份', value: (t) => t.label },
      { header: '工单数', value: (t) => t.orders, kind: 'int' },
      ...rateColumns<RankingReport['trend'][number]>((t) => t.rates),
    ],
    r.trend,
    { timeZone },
  );
  addTable(wb, '类别', countColumns('类别'), r.categories, { timeZone });
}

/** The report as .xlsx; times are written in `timeZone` (the city's, config.city.timezone). */
export async function reportToXlsx(report: AnyReport, timeZone = DEFAULT_TIME_ZONE): Promise<Buffer> {
  const wb = newWorkbook();
  switch (report.kind) {
    case 'daily':
      daily(wb, report, timeZone);
      break;
    case 'weekly':
      weekly(wb, report, timeZone);
      break;
    case 'ranking':
      ranking(wb, report, timeZone);
      break;
  }
  return workbookBuffer(wb);
}
