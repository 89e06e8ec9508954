import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import { textWidth, xmlSafe } from './document-text';

// A Word document laid out as a 通报 (official bulletin): A4, the title in 小标宋 (宋体 where that is
// missing on the reader's machine is the reader's Word's own substitution), the body in 仿宋, tables
// whose header rows repeat on every page, and 第 X 页 共 Y 页 in the footer.

const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEADING_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const TABLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };

// sizes in half-points: 二号 22 pt, 三号 16 pt, 小四 12 pt, 五号 10.5 pt
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
const TABLE_SIZE = 21;
const NOTE_SIZE = 24;

// A4 in twips, with the 公文 margins (37 mm top, 35 mm bottom, 28 mm left, 26 mm right)
const A4 = { width: 11906, height: 16838 };
const MM = 56.7;
const MARGIN = { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) };

export type Block = Paragraph | Table;

const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) => new TextRun({ ...o, text: xmlSafe(text) });

/** Paragraphs of a text, one per line (Word would run the lines together). */
function lines(text: string, make: (line: string) => Paragraph): Paragraph[] {
  return xmlSafe(text)
    .split(/\r\n|\r|\n/)
    .map(make);
}

export function title(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240, line: 560 },
    children: [run(text, { font: TITLE_FONT, size: TITLE_SIZE })],
  });
}

/** The date line under the title. */
export function dateLine(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: 240 },
    children: [run(text, { font: BODY_FONT, size: BODY_SIZE })],
  });
}

/** 一、二、… section headings in 黑体. */
export function heading(text: string): Paragraph {
  return new Paragraph({
    spacing: { before: 240, after: 120 },
    indent: { firstLine: 640 },
    keepNext: true,
    children: [run(text, { font: HEADING_FONT, size: BODY_SIZE })],
  });
}

/** Body text, first line indented two characters; a text of several lines gives several paragraphs. */
export function body(text: string): Paragraph[] {
  return lines(
    text,
    (line) =>
      new Paragraph({ indent: { firstLine: 640 }, spacing: { line: 560 }, children: [run(line, { font: BODY_FONT, size: BODY_SIZE })] }),
  );
}

/** A small line (a table's note, a list cut short). */
export function note(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 60, after: 120 }, children: [run(text, { font: BODY_FONT, size: NOTE_SIZE })] });
}

const tableCell = (text: string, header: boolean) =>
  new TableCell({
    verticalAlign: VerticalAlign.CENTER,
    shading: header ? { fill: 'E8EEF4' } : undefined,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: lines(
      text,
      (line) =>
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(line, { font: header ? HEADING_FONT : TABLE_FONT, size: TABLE_SIZE })],
        }),
    ),
  });

// the text's width between the margins, in twips
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

/** Columns shared out by what they hold (a title wider than a count), each at least 4 characters, at most 30. */
function columnWidths(headers: string[], rows: string[][]): number[] {
  const want = headers.map((h, k) => {
    let w = textWidth(h);
    for (const r of rows.slice(0, 200)) for (const line of (r[k] ?? '').split('\n')) w = Math.max(w, textWidth(line));
    return Math.min(30, Math.max(4, w));
  });
  const sum = want.reduce((a, b) => a + b, 0);
  return want.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
}

/** A full-width table; its header row repeats at the top of every page it runs onto. */
export function table(headers: string[], rows: string[][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: columnWidths(headers, rows),
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h) => tableCell(h, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => tableCell(c, false)) })),
    ],
  });
}

/** The document: A4, fonts set for East Asian text, the page numbers in the footer. */
export async function wordDocument(meta: { title: string }, children: Block[]): Promise<Buffer> {
  const doc = new Document({
    title: xmlSafe(meta.title),
    creator: 'jointduty',
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE } } } },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    font: BODY_FONT,
                    size: NOTE_SIZE,
                    children: ['第 ', PageNumber.CURRENT, ' 页 共 ', PageNumber.TOTAL_PAGES, ' 页'],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
