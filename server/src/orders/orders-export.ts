import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { maskText, orderQuerySchema, type Order, type SessionUser } from '@jointduty/shared';
import { AuditService } from '../audit/audit.service';
import { AppException } from '../common/app.exception';
import { parseOr400 } from '../common/zod';
import { APP_CONFIG } from '../config/app-config.token';
import type { AppConfig } from '../config/config.schema';
import { CHANNEL_LABEL, ORDER_STATUS_LABEL, cityTime, sheetDate } from '../documents/document-text';
import { plainTableXlsx, type CellValue, type PlainColumn } from '../documents/sheet';
import { OrdersService } from './orders.service';

// GET /api/orders/export (CONTRACT §8): the order list or the ledger with the list's filters, every
// matching order (read a page at a time through the list), as .xlsx or as CSV for other tools.

/** The most orders one export holds; more is a 413 asking for narrower filters. */
export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 500;

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// the list's filters (limit and cursor are taken and ignored: the export holds every page) and the format
const exportQuerySchema = orderQuerySchema.extend({
  format: z.enum(EXPORT_FORMATS, { error: `must be one of ${EXPORT_FORMATS.join(' ')}` }).optional(),
});

const LEDGER_REASON: Record<string, string> = { unsatisfied: '回访不满意', unresolved: '未解决', repeat: '重复投诉' };

const COLUMNS: Array<PlainColumn & { value: (o: Order) => CellValue }> = [
  { header: '工单编号', kind: 'text', value: (o) => o.externalId },
  { header: '渠道', kind: 'text', value: (o) => CHANNEL_LABEL[o.channel] ?? o.channel },
  { header: '诉求类型', kind: 'text', value: (o) => o.kind },
  // the list's title is masked already; masked again in case a view ever is not
  { header: '标题', kind: 'text', value: (o) => maskText(o.title) },
  { header: '承办单位', kind: 'text', value: (o) => o.departmentName },
  { header: '区域', kind: 'text', value: (o) => o.district },
  { header: '类别', kind: 'text', value: (o) => o.category },
  { header: '状态', kind: 'text', value: (o) => ORDER_STATUS_LABEL[o.status] ?? o.status },
  { header: '紧急', kind: 'text', value: (o) => o.urgent },
  { header: '受理时间', kind: 'time', value: (o) => o.createdAt },
  { header: '初查期限', kind: 'time', value: (o) => o.firstCheckBy },
  { header: '办理期限', kind: 'time', value: (o) => o.dueBy },
  { header: '签收时间', kind: 'time', value: (o) => o.signedAt },
  { header: '初查时间', kind: 'time', value: (o) => o.contactedAt },
  { header: '答复时间', kind: 'time', value: (o) => o.repliedAt },
  { header: '办结时间', kind: 'time', value: (o) => o.closedAt },
  { header: '结果', kind: 'text', value: (o) => o.result },
  { header: '初查超期', kind: 'text', value: (o) => o.overdue.firstCheck },
  { header: '办理超期', kind: 'text', value: (o) => o.overdue.due },
  {
    header: '延期',
    kind: 'text',
    value: (o) => (o.extension ? { pending: '待审核', approved: '已批准', refused: '未批准' }[o.extension.decision] : null),
  },
  { header: '回访', kind: 'text', value: (o) => (o.followups.length ? o.followups[o.followups.length - 1]!.satisfaction : null) },
  { header: '台账', kind: 'text', value: (o) => o.ledger },
  { header: '台账原因', kind: 'text', value: (o) => (o.ledgerReason ? LEDGER_REASON[o.ledgerReason] : null) },
  { header: '重办次数', kind: 'int', value: (o) => o.reopened },
];

/** The export's header row. */
export const EXPORT_HEADERS = COLUMNS.map((c) => c.header);

/**
 * Reads every page a list gives, turned into rows as it goes; more than `max` rows is a 413
 * before anything is written.
 */
export async function collectRows<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; next: string | null }>,
  toRow: (item: T) => CellValue[],
  max = EXPORT_MAX_ROWS,
): Promise<CellValue[][]> {
  const rows: CellValue[][] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    for (const item of p.items) rows.push(toRow(item));
    if (rows.length > max) {
      throw new AppException(
        'request.too_large',
        `orders: more than ${max} orders match; narrow the filters (status, department, due, ledger, q)`,
      );
    }
    cursor = p.next ?? undefined;
  } while (cursor);
  return rows;
}

// a cell starting with one of these is read as a formula by spreadsheet programs opening a CSV
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(v: CellValue, kind: PlainColumn['kind'], timeZone: string): string {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'boolean' ? (v ? '是' : '否') : kind === 'time' && typeof v === 'string' ? cityTime(v, timeZone) : String(v);
  if (kind === 'text' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV as Excel opens it: UTF-8 with a byte order mark, CRLF, times in city time. */
export function rowsToCsv(columns: PlainColumn[], rows: readonly CellValue[][], timeZone: string): Buffer {
  const lines = [columns.map((c) => csvField(c.header, 'text', timeZone)).join(',')];
  for (const r of rows) lines.push(columns.map((c, k) => csvField(r[k], c.kind, timeZone)).join(','));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

/** attachment; filename="orders-20261205.xlsx"; filename*=UTF-8''%E5%B7%A5%E5%8D%95-20261205.xlsx (RFC 6266, 5987) */
export function attachment(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  disposition: string;
}

@Injectable()
export class OrdersExport {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly orders: OrdersService,
    private readonly audit: AuditService,
  ) {}

  async export(user: SessionUser, rawQuery: unknown): Promise<ExportFile> {
    const { format = 'xlsx', ...query } = parseOr400(exportQuerySchema, rawQuery ?? {}, 'query');
    const filters = { ...query, limit: undefined, cursor: undefined };
    const tz = this.config.city.timezone;
    const rows = await collectRows(
      (cursor) => this.orders.list(user, { ...filters, limit: PAGE, cursor }),
      (o) => COLUMNS.map((c) => c.value(o)),
    );
    const ledger = filters.ledger === true;
    const day = (sheetDate(new Date().toISOString(), tz) ?? new Date()).toISOString().slice(0, 10).replace(/-/g, '');
    const name = `${ledger ? '工单台账' : '工单'}-${day}.${format}`;
    const ascii = `${ledger ? 'order-ledger' : 'orders'}-${day}.${format}`;
    const body = format === 'csv' ? rowsToCsv(COLUMNS, rows, tz) : await plainTableXlsx(ledger ? '台账' : '工单', COLUMNS, rows, tz);
    await this.audit.record(user.username, 'order.export', 'order', 'export', { filters, format, count: rows.length });
    return {
      body,
      contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: attachment(name, ascii),
    };
  }
}
