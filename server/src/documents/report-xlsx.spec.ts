import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { validateXML } from 'xmllint-wasm';
import { RATE_KEYS } from '@jointduty/shared';
import { reportToXlsx } from './report-xlsx';
import { MARKUP_AS_TEXT, dailyReport, rankingReport, weeklyReport } from './reports.fixtures';

// The workbooks read back as a user's Excel would: the sheets, the Chinese headers, the frozen
// header rows, rates stored as fractions shown as percentages, times as city-time dates.

async function open(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

const headers = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as unknown[]).slice(1);
/** The data rows as arrays of cell values (row 2 on, stopping at the first empty row). */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 2; i <= ws.rowCount; i++) {
    const values = (ws.getRow(i).values as unknown[]).slice(1);
    if (values.length === 0) break;
    out.push(values);
  }
  return out;
}
const col = (ws: ExcelJS.Worksheet, header: string) => headers(ws).indexOf(header) + 1;

function expectFrozenHeader(ws: ExcelJS.Worksheet): void {
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(ws.getRow(1).font?.bold).toBe(true);
}

describe('reportToXlsx', () => {
  it('daily: one sheet per table, Chinese headers, frozen header rows, the figures of the JSON', async () => {
    const report = dailyReport();
    const wb = await open(await reportToXlsx(report));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '受理渠道', '区域', '类别', '预警', '派警', '批示', '交接班', '信息报送']);
    for (const ws of wb.worksheets) expectFrozenHeader(ws);

    const summary = wb.getWorksheet('概况')!;
    expect(headers(summary)).toEqual(['项目', '数值', '说明']);
    const byItem = new Map(rows(summary).map((r) => [r[0], r]));
    expect(byItem.get('受理来件')![1]).toBe(57);
    expect(byItem.get('预警·重大')![1]).toBe(1);
    expect(byItem.get('签收用时中位数（分钟）')![1]).toBe(3.5);
    expect(byItem.get('摘要')![1]).toBe(`12月5日共受理来件 57 件，预警 4 起。${MARKUP_AS_TEXT}`);
    // rates: the fraction stored, shown as a percentage, with its parts beside it
    const onTime = summary.getRow(rows(summary).findIndex((r) => r[0] === '按时办结率') + 2);
    expect(onTime.getCell(2).value).toBe(report.orders.rates.onTime.value);
    expect(onTime.getCell(2).numFmt).toBe('0.0%');
    expect(onTime.getCell(3).value).toBe('75 / 100');
    // a rate with nothing counted is a dash, not 0%
    expect(byItem.get('不属实率')![1]).toBe('—');

    const channels = wb.getWorksheet('受理渠道')!;
    expect(headers(channels)).toEqual(['渠道', '数量']);
    expect(rows(channels)).toEqual([
      ['12345 热线', 30],
      ['110 警情', 20],
      ['舆情', 7],
    ]);

    const alerts = wb.getWorksheet('预警')!;
    expect(headers(alerts)).toEqual(['等级', '状态', '标题', '区域', '预警时间', '办结时间', '预警编号']);
    const a1 = alerts.getRow(2);
    expect(a1.getCell(1).value).toBe('重大');
    expect(a1.getCell(3).value).toBe(`台东步行街踩踏 ${MARKUP_AS_TEXT}`);
    // 02:15Z is 10:15 in the city: written as a date the sheet shows as city time
    const at = a1.getCell(col(alerts, '预警时间'));
    expect(at.value).toEqual(new Date(Date.UTC(2026, 11, 5, 10, 15)));
    expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
    // a phone number in a title is masked
    expect(alerts.getRow(3).getCell(3).value).toBe('商户关门跑路 报警人138****5678');
    expect(alerts.getRow(3).getCell(col(alerts, '办结时间')).value).toBe('—');

    // widths fit Chinese text: a column of ten CJK characters is at least 20 wide
    const instructions = wb.getWorksheet('批示')!;
    expect(headers(instructions)).toEqual(['事件', '批示人', '批示内容', '批示时间']);
    expect(instructions.getColumn(1).width).toBeGreaterThanOrEqual(14);
    expect(wb.getWorksheet('派警')!.getRow(3).getCell(5).value).toBe('—');
    expect(rows(wb.getWorksheet('交接班')!)[0]!.slice(0, 3)).toEqual(['2026-12-04 20:00-08:00', '已接班', '李值班']);
  });

  it('weekly: units with the total, the overdue list, the cut noted', async () => {
    const report = weeklyReport();
    const wb = await open(await reportToXlsx(report));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['各单位', '超期工单']);
    for (const ws of wb.worksheets) expectFrozenHeader(ws);
    const units = wb.getWorksheet('各单位')!;
    expect(headers(units)).toEqual(['承办单位', '应办结工单', '超期工单', '按时办结率', '按时办结']);
    const lines = rows(units);
    expect(lines.slice(0, 3).map((l) => l.slice(0, 4))).toEqual([
      ['市南区市场监管局', 25, 1, 24 / 25],
      ['城市管理局', 15, 2, 13 / 15],
      ['合计', 40, 3, 37 / 40],
    ]);
    expect(units.getRow(4).font?.bold).toBe(true);
    expect(units.getRow(2).getCell(4).numFmt).toBe('0.0%');

    const list = wb.getWorksheet('超期工单')!;
    expect(headers(list)).toEqual([
      '工单编号',
      '渠道',
      '标题',
      '承办单位',
      '区域',
      '类别',
      '受理时间',
      '超期环节',
      '初查期限',
      '办理期限',
      '状态',
      '完成时间',
    ]);
    const o = list.getRow(2);
    expect(o.getCell(1).value).toBe('GD20261201001');
    expect(o.getCell(3).value).toBe(`噪音扰民 ${MARKUP_AS_TEXT}`);
    expect(o.getCell(8).value).toBe('初查、办理');
    expect(o.getCell(10).value).toEqual(new Date(Date.UTC(2026, 11, 3, 23, 59, 59)));
    expect(o.getCell(11).value).toBe('办理中');
    expect(rows(list)).toHaveLength(1);
    expect(list.getRow(list.rowCount).getCell(1).value).toBe('仅列出前 1 条；各单位的数字是全部工单的。');
  });

  it('ranking: the ranking with the city average, the call-in list, the trend, the categories', async () => {
    const report = rankingReport();
    const wb = await open(await reportToXlsx(report));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['排名', '约谈名单', '趋势', '类别']);
    for (const ws of wb.worksheets) expectFrozenHeader(ws);
    const rank = wb.getWorksheet('排名')!;
    expect(headers(rank)).toEqual([
      '名次',
      '承办单位',
      '工单数',
      '综合得分',
      '按时签收率',
      '按时初查率',
      '按时办结率',
      '满意率',
      '解决率',
      '不属实率',
    ]);
    const lines = rows(rank);
    expect(lines[0]!.slice(0, 4)).toEqual([1, '市场监管局', 108, 84]);
    expect(lines[2]!.slice(0, 4)).toEqual(['—', `文旅局 ${MARKUP_AS_TEXT}`, 100, '—']);
    const city = rank.getRow(5);
    expect(city.getCell(2).value).toBe('全市平均');
    expect(city.font?.bold).toBe(true);
    // every rate cell equals the JSON's fraction and is formatted as a percentage
    RATE_KEYS.forEach((k, i) => {
      const c = city.getCell(5 + i);
      const want = report.city.rates[k].value;
      expect(c.value).toBe(want === null ? '—' : want);
      if (want !== null) expect(c.numFmt).toBe('0.0%');
      expect(rank.getRow(2).getCell(5 + i).value).toBe(report.units[0]!.rates[k].value ?? '—');
    });

    const callIns = wb.getWorksheet('约谈名单')!;
    expect(headers(callIns)).toEqual(['承办单位', '低于全市平均', '月份', '按时办结率', '全市按时办结率', '满意率', '全市满意率']);
    expect(rows(callIns).map((r) => r.slice(0, 5))).toEqual([
      ['城市管理局', '按时办结率', '2026-09', 0.6, 0.7],
      ['城市管理局', '按时办结率', '2026-10', 0.65, 0.72],
      ['城市管理局', '按时办结率', '2026-11', 0.71, 0.73],
    ]);
    expect(rows(wb.getWorksheet('趋势')!)[0]!.slice(0, 3)).toEqual(['2026年11月', 312, report.trend[0]!.rates.sign.value]);
    expect(rows(wb.getWorksheet('类别')!)).toEqual([
      ['市场监管', 200],
      ['城市管理', 112],
    ]);
  });

  it('markup in text stays text: every part of the package is well-formed XML holding it escaped', async () => {
    const zip = await JSZip.loadAsync(await reportToXlsx(dailyReport()));
    const parts = Object.keys(zip.files).filter((f) => f.endsWith('.xml'));
    expect(parts.length).toBeGreaterThan(5);
    let seen = false;
    for (const part of parts) {
      const xml = await zip.file(part)!.async('string');
      const check = await validateXML({ xml: { fileName: part, contents: xml }, normalization: 'format' });
      expect([part, check.valid, check.errors.map((e) => e.message)]).toEqual([part, true, []]);
      expect(xml).not.toContain('<script>');
      expect(xml).not.toMatch(/<w:p>/);
      if (xml.includes('&lt;script&gt;alert')) seen = true;
    }
    expect(seen).toBe(true);
  });
});
