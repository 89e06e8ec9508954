import ExcelJS from 'exceljs';
import { AppException } from '../common/app.exception';
import { plainTableXlsx } from '../documents/sheet';
import { attachment, collectRows, rowsToCsv } from './orders-export';

// The export's parts that do not need a server: reading every page with a cap, CSV as Excel opens
// it, the streamed workbook, the Chinese file name.

/** A list of `total` items served `size` at a time, the cursor being the next index. */
const pages = (total: number, size: number) => {
  let calls = 0;
  const page = async (cursor: string | undefined) => {
    calls++;
    const from = Number(cursor ?? 0);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - from)) }, (_, i) => from + i);
    return { items, next: from + size < total ? String(from + size) : null };
  };
  return { page, calls: () => calls };
};

describe('collectRows', () => {
  it('reads every page, in order', async () => {
    const list = pages(1234, 500);
    const rows = await collectRows(list.page, (n) => [n]);
    expect(rows).toHaveLength(1234);
    expect(rows.map((r) => r[0])).toEqual(Array.from({ length: 1234 }, (_, i) => i));
    expect(list.calls()).toBe(3);
  });

  it('exactly the cap is fine; one more is a 413 naming the filters, without reading further', async () => {
    expect(await collectRows(pages(1000, 500).page, (n) => [n], 1000)).toHaveLength(1000);
    const list = pages(5000, 500);
    const err = await collectRows(list.page, (n) => [n], 1000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppException);
    expect([(err as AppException).code, (err as AppException).status]).toEqual(['request.too_large', 413]);
    expect((err as AppException).message).toMatch(/^orders: more than 1000 orders match; narrow the filters/);
    expect(list.calls()).toBe(3);
  });
});

describe('rowsToCsv', () => {
  it('has a BOM and CRLF, quotes what needs it, writes times in city time, defuses formulas', () => {
    const csv = rowsToCsv(
      [
        { header: '标题', kind: 'text' },
        { header: '受理时间', kind: 'time' },
        { header: '台账', kind: 'text' },
        { header: '重办次数', kind: 'int' },
      ],
      [
        ['油烟, "扰民"\n二楼', '2026-12-05T02:15:00.000Z', true, 2],
        ['=HYPERLINK("x")', null, false, 0],
      ],
      'Asia/Shanghai',
    ).toString('utf8');
    expect(csv).toBe(
      '\uFEFF标题,受理时间,台账,重办次数\r\n"油烟, ""扰民""\n二楼",2026-12-05 10:15,是,2\r\n"\'=HYPERLINK(""x"")",,否,0\r\n',
    );
  });
});

describe('plainTableXlsx', () => {
  it('writes a frozen header and typed cells with the streaming writer', async () => {
    const buf = await plainTableXlsx(
      '工单',
      [
        { header: '工单编号', kind: 'text' },
        { header: '受理时间', kind: 'time' },
        { header: '重办次数', kind: 'int' },
      ],
      [
        ['GD1 <w:p>&', '2026-12-05T02:15:00.000Z', 1],
        ['GD2', null, 0],
      ],
      'Asia/Shanghai',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('工单')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['工单编号', '受理时间', '重办次数']);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).value).toBe('GD1 <w:p>&');
    expect(ws.getRow(2).getCell(2).value).toEqual(new Date(Date.UTC(2026, 11, 5, 10, 15)));
    expect(ws.getRow(2).getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getRow(3).getCell(2).value).toBe('—');
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(10);
  });
});

describe('attachment', () => {
  it('gives an ASCII name and the Chinese one encoded as RFC 5987 says', () => {
    expect(attachment('工单台账-20261205.xlsx', 'order-ledger-20261205.xlsx')).toBe(
      `attachment; filename="order-ledger-20261205.xlsx"; filename*=UTF-8''%E5%B7%A5%E5%8D%95%E5%8F%B0%E8%B4%A6-20261205.xlsx`,
    );
  });
});
