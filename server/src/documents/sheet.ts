import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sheetDate, textWidth, xmlSafe } from './document-text';

// One table per sheet: a bold header row, frozen, with a filter; widths that fit Chinese text;
// rates stored as fractions shown as percentages; times as city-time dates the sheet understands.

export type CellKind = 'text' | 'int' | 'number' | 'rate' | 'time';
export type CellValue = string | number | boolean | null | undefined;

export interface Column<R> {
  header: string;
  value: (row: R) => CellValue;
  /** how the value is written; a function where a column mixes kinds (a summary's values) */
  kind?: CellKind | ((row: R) => CellKind);
  /** characters; fitted to the header and the values when absent */
  width?: number;
}

export interface TableOptions<R> {
  timeZone: string;
  /** rows written bold (a total, the city average) */
  emphasise?: (row: R) => boolean;
  /** a line written under the table (the list was cut, what a figure means) */
  note?: string;
}

const FORMAT: Record<CellKind, string | undefined> = {
  text: '@',
  int: '0',
  number: '0.0',
  rate: '0.0%',
  time: 'yyyy-mm-dd hh:mm',
};
const FIT_ROWS = 200;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

function cell(value: CellValue, kind: CellKind, timeZone: string): ExcelJS.CellValue {
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return kind === 'text' ? '' : '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (kind === 'time') return typeof value === 'string' ? (sheetDate(value, timeZone) ?? xmlSafe(value)) : value;
  if (kind === 'text') return xmlSafe(String(value));
  return typeof value === 'number' ? value : xmlSafe(value);
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
const frozen = (): Array<Partial<ExcelJS.WorksheetView>> => [
  { state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' },
];

const kindOf = <R>(c: Column<R>, row: R): CellKind => (typeof c.kind === 'function' ? c.kind(row) : (c.kind ?? 'text'));

function shown(value: ExcelJS.CellValue, kind: CellKind): number {
  if (value instanceof Date) return 16;
  if (kind === 'rate' && typeof value === 'number') return 7;
  return textWidth(String(value ?? ''));
}

/** Adds a sheet holding one table; the header is row 1, frozen. */
export function addTable<R>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Array<Column<R>>,
  rows: readonly R[],
  opts: TableOptions<R>,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: frozen() });
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
  const widths = columns.map((c) => textWidth(c.header));
  rows.forEach((row, i) => {
    const r = ws.addRow([]);
    columns.forEach((c, k) => {
      const kind = kindOf(c, row);
      const v = cell(c.value(row), kind, opts.timeZone);
      const target = r.getCell(k + 1);
      target.value = v;
      if (typeof v === 'number' || v instanceof Date) target.numFmt = FORMAT[kind]!;
      if (kind !== 'text') target.alignment = { horizontal: 'right' };
      if (i < FIT_ROWS) widths[k] = Math.max(widths[k]!, shown(v, kind));
    });
    if (opts.emphasise?.(row)) r.font = { bold: true };
  });
  columns.forEach((c, k) => {
    ws.getColumn(k + 1).width = c.width ?? Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[k]! + 2));
  });
  if (columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  if (opts.note) {
    ws.addRow([]);
    const r = ws.addRow([xmlSafe(opts.note)]);
    r.font = { italic: true, color: { argb: 'FF666666' } };
  }
  return ws;
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jointduty';
  // sheets have no zone: their dates are city time; the file's own stamps are UTC by format
  wb.created = new Date();
  return wb;
}

export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A column of a plain table written row by row (the order export). */
export interface PlainColumn {
  header: string;
  kind: CellKind;
}

/**
 * One large table as a workbook, written by exceljs's streaming writer so that a hundred thousand
 * rows do not become a hundred thousand row objects; widths fit the header and the first rows.
 */
export async function plainTableXlsx(
  name: string,
  columns: PlainColumn[],
  rows: readonly CellValue[][],
  timeZone: string,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'jointduty';
  const ws = wb.addWorksheet(name, { views: frozen() });
  const widths = columns.map((c) => textWidth(c.header));
  const cells = (row: readonly CellValue[]) => columns.map((c, k) => cell(row[k], c.kind, timeZone));
  for (const row of rows.slice(0, FIT_ROWS)) cells(row).forEach((v, k) => (widths[k] = Math.max(widths[k]!, shown(v, columns[k]!.kind))));
  ws.columns = columns.map((c, k) => ({ key: String(k), width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[k]! + 2)) }));
  if (columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((c) => (c.fill = HEADER_FILL));
  header.commit();
  for (const row of rows) {
    const r = ws.addRow(cells(row));
    columns.forEach((c, k) => {
      const v = r.getCell(k + 1).value;
      if (typeof v === 'number' || v instanceof Date) r.getCell(k + 1).numFmt = FORMAT[c.kind]!;
    });
    r.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
