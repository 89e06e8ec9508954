import JSZip from 'jszip';
import { validateXML } from 'xmllint-wasm';
import { infoReportToDocx, infoReportTitle } from './info-report-docx';
import { MARKUP_AS_TEXT, dailyReport, infoReportDetail, rankingReport, weeklyReport } from './reports.fixtures';
import { reportToDocx } from './report-docx';

// The Word documents opened as Word reads them: word/document.xml for the title, the summary and
// the tables (header rows repeated across pages), the footer's PAGE and NUMPAGES fields, A4, the
// East Asian fonts; and markup in people's text kept as text.

const decode = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
const texts = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1]!)).join('');

interface Word {
  parts: Record<string, string>;
  /** the body's paragraphs outside tables, as text */
  paragraphs: string[];
  /** each table as rows of cell texts */
  tables: string[][][];
  /** whether each table's first row repeats as a header */
  headerRepeats: boolean[];
}

async function read(buf: Buffer): Promise<Word> {
  const zip = await JSZip.loadAsync(buf);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files).filter((f) => f.endsWith('.xml'))) parts[name] = await zip.file(name)!.async('string');
  const doc = parts['word/document.xml']!;
  const tableXml = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  const outside = doc.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return {
    parts,
    paragraphs: [...outside.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => texts(m[0])).filter((t) => t !== ''),
    tables: tableXml.map((t) =>
      [...t.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
        [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) =>
          [...c[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => texts(p[0])).join('\n'),
        ),
      ),
    ),
    headerRepeats: tableXml.map((t) => /<w:tr[ >](?:(?!<\/w:tr>)[\s\S])*<w:tblHeader\/>/.exec(t)?.index === t.indexOf('<w:tr')),
  };
}

async function expectWellFormedA4(w: Word): Promise<void> {
  for (const [name, xml] of Object.entries(w.parts)) {
    const check = await validateXML({ xml: { fileName: name, contents: xml }, normalization: 'format' });
    expect([name, check.valid, check.errors.map((e) => e.message)]).toEqual([name, true, []]);
    expect(xml).not.toContain('<script>');
  }
  const doc = w.parts['word/document.xml']!;
  expect(doc).toMatch(/<w:pgSz [^>]*w:w="11906"[^>]*w:h="16838"/);
  // page numbers: 第 {PAGE} 页 共 {NUMPAGES} 页 in the footer
  const footers = Object.entries(w.parts).filter(([n]) => /^word\/footer\d*\.xml$/.test(n));
  expect(footers.length).toBeGreaterThan(0);
  const footer = footers.map(([, x]) => x).join('');
  expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
  expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
  expect(texts(footer)).toMatch(/^第 .*页 共 .*页$/);
  expect(doc + w.parts['word/styles.xml']).toContain('w:eastAsia="仿宋_GB2312"');
  expect(doc).toContain('w:eastAsia="方正小标宋简体"');
  // every table's header row repeats on each page it runs onto
  expect(w.headerRepeats.length).toBeGreaterThan(0);
  expect(w.headerRepeats.every(Boolean)).toBe(true);
}

describe('reportToDocx', () => {
  it('daily: 值班日报 with its date, the summary and the tables', async () => {
    const w = await read(await reportToDocx(dailyReport()));
    await expectWellFormedA4(w);
    expect(w.paragraphs.slice(0, 3)).toEqual(['值班日报', '2026年12月5日', `12月5日共受理来件 57 件，预警 4 起。${MARKUP_AS_TEXT}`]);
    expect(w.paragraphs).toContain('一、受理情况');
    expect(w.tables[0]).toEqual([
      ['受理渠道', '数量'],
      ['12345 热线', '30'],
      ['110 警情', '20'],
      ['舆情', '7'],
    ]);
    const alerts = w.tables.find((t) => t[0]![0] === '等级')!;
    expect(alerts[1]).toEqual(['重大', `台东步行街踩踏 ${MARKUP_AS_TEXT}`, '市北区', '2026-12-05 10:15', '已办结', '2026-12-05 12:00']);
    expect(alerts[2]![1]).toBe('商户关门跑路 报警人138****5678');
    // rates as percentages with one decimal; nothing counted as —
    const rates = w.tables.find((t) => t[0]![0] === '按时签收率')!;
    expect(rates[1]).toEqual(['95.0%', '85.0%', '75.0%', '65.0%', '55.0%', '—']);
    expect(w.paragraphs.join('\n')).toContain('签收用时中位数 3.5 分钟（平均 4.3 分钟，2 次）');
    expect(w.tables.find((t) => t[0]![0] === '队伍')![2]).toEqual(['市场监管执法队', '已签收', '2026-12-05 14:05', '5.5', '—']);
  });

  it('weekly: 关于2026年第49周工单超期办理情况的通报 with the units, the total and the list', async () => {
    const w = await read(await reportToDocx(weeklyReport()));
    await expectWellFormedA4(w);
    expect(w.paragraphs[0]).toBe('关于2026年第49周工单超期办理情况的通报');
    expect(w.paragraphs[1]).toBe('2026年第49周 (11月30日—12月6日)　2026年12月7日');
    expect(w.paragraphs[2]).toBe(`第49周应办结工单 40 件，超期 3 件。${MARKUP_AS_TEXT}`);
    expect(w.tables[0]).toEqual([
      ['承办单位', '应办结', '超期', '按时办结率'],
      ['市南区市场监管局', '25', '1', '96.0%'],
      ['城市管理局', '15', '2', '86.7%'],
      ['合计', '40', '3', '92.5%'],
    ]);
    expect(w.tables[1]![1]).toEqual([
      '1',
      'GD20261201001',
      `噪音扰民 ${MARKUP_AS_TEXT}`,
      '城市管理局',
      '2026-12-01 09:00',
      '初查、办理',
      '2026-12-03 23:59',
      '办理中',
    ]);
    expect(w.paragraphs).toContain('清单仅列出前 1 件，以上统计为全部工单。');
  });

  it("ranking: the month's ranking bulletin with the city average and the call-in list", async () => {
    const w = await read(await reportToDocx(rankingReport()));
    await expectWellFormedA4(w);
    expect(w.paragraphs[0]).toBe('2026年11月各承办单位工单办理情况排名通报');
    expect(w.paragraphs[2]).toBe(`11月全市受理工单 312 件，按时办结率 73.0%。${MARKUP_AS_TEXT}`);
    const rank = w.tables[0]!;
    expect(rank[0]).toEqual([
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
    expect(rank[1]).toEqual(['1', '市场监管局', '108', '84.0', '98.0%', '88.0%', '78.0%', '68.0%', '58.0%', '—']);
    expect(rank[3]!.slice(0, 4)).toEqual(['—', `文旅局 ${MARKUP_AS_TEXT}`, '100', '—']);
    expect(rank[4]!.slice(0, 4)).toEqual(['', '全市平均', '312', '81.5']);
    const callIns = w.tables[1]!;
    expect(callIns[0]).toEqual(['承办单位', '低于全市平均', '月份', '按时办结率（全市）', '满意率（全市）']);
    expect(callIns[3]).toEqual(['城市管理局', '按时办结率', '2026-11', '71.0%（73.0%）', '—（81.0%）']);
  });
});

describe('infoReportToDocx', () => {
  it('the title of the latest step, each submission in order, the draft, the facts', async () => {
    const detail = infoReportDetail();
    expect(infoReportTitle(detail)).toBe('关于台东步行街踩踏的续报（一）');
    const w = await read(await infoReportToDocx(detail));
    await expectWellFormedA4(w);
    expect(w.paragraphs[0]).toBe('关于台东步行街踩踏的续报（一）');
    expect(w.paragraphs[1]).toBe('2026年12月5日');
    // the state line says what is owed next, numbered
    expect(w.tables[0]![1]).toEqual(['重大', '市北区', '2026-12-05 10:15', '未完毕', '待续报（二），应于 2026-12-05 14:50 前报送']);
    const headings = w.paragraphs.filter((p) => /^[一二三四五]、/.test(p));
    expect(headings).toEqual(['一、首报', '二、续报（一）', '三、续报（二）（草稿，未报送）', '四、事件要素']);
    const submissions = w.tables.filter((t) => t[0]![0] === '步骤');
    expect(submissions.map((t) => t[1])).toEqual([
      ['首报', '2026-12-05 10:50', '李值班', '2026-12-05 10:45', '是'],
      ['续报（一）', '2026-12-05 12:40', '李值班', '2026-12-05 12:50', '否'],
    ]);
    // the text's lines are paragraphs of their own, in order, the markup as text
    const first = w.paragraphs.indexOf('12月5日10时10分，台东步行街发生踩踏。');
    expect(first).toBeGreaterThan(0);
    expect(w.paragraphs[first + 1]).toBe(`现场已派巡防一队。${MARKUP_AS_TEXT}`);
    expect(w.paragraphs).toContain('续报草稿：现场秩序已恢复。');
    const facts = w.tables.find((t) => t[0]![0] === '要素')!;
    expect(facts.slice(1)).toEqual([
      ['事件', '台东步行街人群拥挤发生踩踏'],
      ['时间', '2026-12-05 10:10'],
      ['地点', '市北区台东三路'],
      ['来件渠道', '110 警情 5 件；舆情 2 件'],
      ['伤亡情况', '轻伤 3 人'],
      ['涉及金额', '—'],
    ]);
    expect(w.tables.find((t) => t[0]![0] === '队伍')![1]).toEqual([
      '市北区巡防一队',
      '已到场',
      '2026-12-05 10:20',
      '签收 2026-12-05 10:23\n已到场 2026-12-05 10:38',
    ]);
    expect(w.tables.find((t) => t[0]![0] === '批示人')![1]).toEqual(['王局长', `全力救治伤员。${MARKUP_AS_TEXT}`, '2026-12-05 10:30']);
  });

  it('before any submission: 信息报送 with the title; closed: 关于…的终报', async () => {
    const open = { ...infoReportDetail(), history: [], draft: { step: 'initial' as const, text: '首报草稿' } };
    expect(infoReportTitle(open)).toBe('信息报送：台东步行街踩踏');
    const w = await read(await infoReportToDocx(open));
    expect(w.paragraphs[0]).toBe('信息报送：台东步行街踩踏');
    expect(w.paragraphs).toContain('一、首报（草稿，未报送）');
    const base = infoReportDetail();
    const closed = {
      ...base,
      status: 'closed' as const,
      closedAt: '2026-12-05T08:00:00.000Z',
      next: null,
      draft: null,
      history: [...base.history, { ...base.history[1]!, id: 's3', step: 'final' as const, number: 1, text: '处置完毕。' }],
    };
    const c = await read(await infoReportToDocx(closed));
    expect(c.paragraphs[0]).toBe('关于台东步行街踩踏的终报');
    expect(c.tables[0]![1]![4]).toBe('已终报（2026-12-05 16:00）');
  });
});
