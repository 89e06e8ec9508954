import { RATE_KEYS, maskText, type DailyReport, type RankingReport, type Rates, type WeeklyReport } from '@jointduty/shared';
import {
  ALERT_STATUS_LABEL,
  DEADLINE_LABEL,
  DEFAULT_TIME_ZONE,
  ORDER_STATUS_LABEL,
  RATE_LABEL,
  SEVERITY_LABEL,
  channelLabel,
  chineseNumber,
  cityDate,
  cityTime,
  dispatchLabel,
  figure,
  percent,
  stepLabel,
} from './document-text';
import { body, dateLine, heading, note, table, title, wordDocument, type Block } from './word';

// A report as a Word 通报 (CONTRACT §8): title, date line, the summary paragraph, then its tables.

type Report = DailyReport | WeeklyReport | RankingReport;

/** 2026-W49 → 关于2026年第49周工单超期办理情况的通报; a month or quarter → its label's ranking bulletin. */
export function reportTitle(r: Report): string {
  if (r.kind === 'daily') return '值班日报';
  if (r.kind === 'weekly') {
    const m = /^(\d{4})-W(\d{1,2})$/.exec(r.period.key);
    const week = m ? `${m[1]}年第${Number(m[2])}周` : r.period.label;
    return `关于${week}工单超期办理情况的通报`;
  }
  return `${r.period.label}各承办单位工单办理情况排名通报`;
}

const rateCells = (rates: Rates) => RATE_KEYS.map((k) => percent(rates[k].value));
const rateHeaders = RATE_KEYS.map((k) => RATE_LABEL[k]);

/** 一、二、… in order of the sections actually written. */
function numbered() {
  let n = 0;
  return (text: string) => heading(`${chineseNumber(++n)}、${text}`);
}

function daily(r: DailyReport, tz: string): Block[] {
  const h = numbered();
  const out: Block[] = [];
  out.push(h('受理情况'));
  out.push(...body(`当日受理来件 ${r.intake.total} 件。`));
  out.push(
    table(
      ['受理渠道', '数量'],
      r.intake.byChannel.map((c) => [channelLabel(c.key, c.label), String(c.count)]),
    ),
  );
  if (r.intake.byDistrict.length)
    out.push(
      note('按区域：'),
      table(
        ['区域', '数量'],
        r.intake.byDistrict.map((c) => [c.label, String(c.count)]),
      ),
    );
  if (r.intake.byCategory.length)
    out.push(
      note('按类别：'),
      table(
        ['类别', '数量'],
        r.intake.byCategory.map((c) => [c.label, String(c.count)]),
      ),
    );

  out.push(h('预警处置'));
  const sev = (['major', 'urgent', 'general'] as const).map((s) => `${SEVERITY_LABEL[s]} ${r.alerts.bySeverity[s]} 起`).join('，');
  out.push(...body(`当日预警 ${r.alerts.total} 起（${sev}）。`));
  if (r.alerts.notable.length)
    out.push(
      table(
        ['等级', '标题', '区域', '预警时间', '状态', '办结时间'],
        r.alerts.notable.map((a) => [
          SEVERITY_LABEL[a.severity],
          maskText(a.title),
          a.district ?? '—',
          cityTime(a.createdAt, tz),
          ALERT_STATUS_LABEL[a.status],
          a.resolvedAt ? cityTime(a.resolvedAt, tz) : '—',
        ]),
      ),
    );

  out.push(h('派警与响应'));
  const d = r.dispatches;
  out.push(
    ...body(
      `当日派警 ${d.total} 次；签收用时中位数 ${figure(d.ackMinutes.median, 1)} 分钟（平均 ${figure(d.ackMinutes.mean, 1)} 分钟，${d.ackMinutes.count} 次），` +
        `到场用时中位数 ${figure(d.onsiteMinutes.median, 1)} 分钟（平均 ${figure(d.onsiteMinutes.mean, 1)} 分钟，${d.onsiteMinutes.count} 次）。`,
    ),
  );
  if (d.list.length)
    out.push(
      table(
        ['队伍', '状态', '派警时间', '签收用时（分钟）', '到场用时（分钟）'],
        d.list.map((x) => [
          x.teamName,
          dispatchLabel(x.status),
          cityTime(x.createdAt, tz),
          figure(x.ackMinutes, 1),
          figure(x.onsiteMinutes, 1),
        ]),
      ),
    );

  out.push(h('工单办理'));
  const o = r.orders;
  out.push(...body(`受理工单 ${o.received} 件，应办结 ${o.due} 件，超期 ${o.overdue} 件，已答复 ${o.replied} 件，办结 ${o.closed} 件。`));
  out.push(table(rateHeaders, [rateCells(o.rates)]));

  if (r.instructions.length) {
    out.push(h('领导批示'));
    out.push(
      table(
        ['事件', '批示人', '批示内容', '时间'],
        r.instructions.map((i) => [i.eventTitle, i.actorName, i.text, cityTime(i.createdAt, tz)]),
      ),
    );
  }
  if (r.infoReports.length) {
    out.push(h('信息报送'));
    out.push(
      table(
        ['标题', '状态', '迟报环节'],
        r.infoReports.map((i) => [
          i.title,
          i.status === 'closed' ? '已终报' : '报送中',
          i.lateSteps.map((s) => stepLabel(s)).join('、') || '无',
        ]),
      ),
    );
  }
  out.push(h('交接班'));
  if (r.handovers.length)
    out.push(
      table(
        ['班次', '交班人', '交班时间', '接班人', '接班时间'],
        r.handovers.map((x) => [
          x.shiftKey,
          x.fromName,
          cityTime(x.handedAt, tz),
          x.toName ?? '—',
          x.acceptedAt ? cityTime(x.acceptedAt, tz) : '未接班',
        ]),
      ),
    );
  else out.push(...body('当日无交接班记录。'));
  return out;
}

function weekly(r: WeeklyReport, tz: string): Block[] {
  const h = numbered();
  const t = r.totals;
  const out: Block[] = [h('总体情况')];
  out.push(
    ...body(
      `${r.period.kind === 'week' ? '本周' : '期内'}应办结工单 ${t.due} 件，超期 ${t.overdue} 件，按时办结率 ${percent(t.onTimeRate.value)}。`,
    ),
  );
  out.push(h('各承办单位情况'));
  out.push(
    table(
      ['承办单位', '应办结', '超期', '按时办结率'],
      [
        ...r.units.map((u) => [u.departmentName, String(u.due), String(u.overdue), percent(u.onTimeRate.value)]),
        ['合计', String(t.due), String(t.overdue), percent(t.onTimeRate.value)],
      ],
    ),
  );
  out.push(h('超期工单清单'));
  if (r.orders.length)
    out.push(
      table(
        ['序号', '工单编号', '标题', '承办单位', '受理时间', '超期环节', '办理期限', '状态'],
        r.orders.map((l, i) => [
          String(i + 1),
          l.externalId,
          maskText(l.title),
          l.departmentName,
          cityTime(l.createdAt, tz),
          l.missed.map((m) => DEADLINE_LABEL[m]).join('、'),
          cityTime(l.dueBy, tz),
          (ORDER_STATUS_LABEL as Record<string, string>)[l.status] ?? l.status,
        ]),
      ),
    );
  else out.push(...body(r.period.kind === 'week' ? '本周无超期工单。' : '期内无超期工单。'));
  if (r.truncated) out.push(note(`清单仅列出前 ${r.orders.length} 件，以上统计为全部工单。`));
  return out;
}

function ranking(r: RankingReport): Block[] {
  const h = numbered();
  const out: Block[] = [h('排名情况')];
  out.push(
    table(
      ['名次', '承办单位', '工单数', '综合得分', ...rateHeaders],
      [
        ...r.units.map((u) => [
          u.rank === null ? '—' : String(u.rank),
          u.departmentName,
          String(u.orders),
          figure(u.score, 1),
          ...rateCells(u.rates),
        ]),
        ['', '全市平均', String(r.city.orders), figure(r.city.score, 1), ...rateCells(r.city.rates)],
      ],
    ),
  );
  const weights = Object.entries(r.weights).map(([k, w]) => `${RATE_LABEL[k as keyof typeof RATE_LABEL]} ${w}`);
  if (weights.length) out.push(note(`综合得分权重：${weights.join('，')}。`));
  out.push(h('约谈名单'));
  if (r.callIns.length) {
    out.push(...body('以下单位连续三个月按时办结率或满意率低于全市平均，列入约谈名单：'));
    out.push(
      table(
        ['承办单位', '低于全市平均', '月份', '按时办结率（全市）', '满意率（全市）'],
        r.callIns.flatMap((c) =>
          c.months.map((m) => [
            c.departmentName,
            c.on.map((k) => RATE_LABEL[k]).join('、'),
            m.month,
            `${percent(m.onTime)}（${percent(m.cityOnTime)}）`,
            `${percent(m.satisfaction)}（${percent(m.citySatisfaction)}）`,
          ]),
        ),
      ),
    );
  } else out.push(...body('本期无单位列入约谈名单。'));
  if (r.trend.length > 1) {
    out.push(h('逐月趋势'));
    out.push(
      table(
        ['月份', '工单数', ...rateHeaders],
        r.trend.map((t) => [t.label, String(t.orders), ...rateCells(t.rates)]),
      ),
    );
  }
  if (r.categories.length) {
    out.push(h('工单类别'));
    out.push(
      table(
        ['类别', '工单数'],
        r.categories.map((c) => [c.label, String(c.count)]),
      ),
    );
  }
  return out;
}

/** The report as a .docx 通报; times are written in `timeZone` (the city's, config.city.timezone). */
export async function reportToDocx(report: Report, timeZone = DEFAULT_TIME_ZONE): Promise<Buffer> {
  const name = reportTitle(report);
  const when = report.kind === 'daily' ? report.period.label : `${report.period.label}　${cityDate(report.generatedAt, timeZone)}`;
  const blocks: Block[] = [title(name), dateLine(when), ...body(report.summary)];
  if (report.kind === 'daily') blocks.push(...daily(report, timeZone));
  else if (report.kind === 'weekly') blocks.push(...weekly(report, timeZone));
  else blocks.push(...ranking(report));
  return wordDocument({ title: name }, blocks);
}
