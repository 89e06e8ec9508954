import type { AlertStatus, Channel, InfoReportStep, OrderStatus, RateKey, Severity } from '@jointduty/shared';
import { cityParts } from '../common/city-clock';

// What the reports' files write for people: XML-safe text, city times, and the users' words for
// the codes in the JSON (the same words as the web's zh-CN).

/** The city's zone (config/city.yaml `timezone`); callers pass config.city.timezone. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

// XML 1.0 carries tab, line feed, carriage return and U+0020 up, less lone surrogates and
// U+FFFE/U+FFFF; anything else would make the file unreadable, so it is dropped.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with the characters XML 1.0 cannot carry removed; exceljs and docx escape the rest. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

// a CJK character takes two columns of a sheet's width unit, a Latin one
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

/** Display width of a text in sheet columns (a Word table's shares are reckoned the same way). */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const parse = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
};
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A spreadsheet date showing the city's wall-clock time: sheets have no time zones, and exceljs
 * writes a Date by its UTC fields, so the Date carries the city's fields as UTC.
 */
export function sheetDate(iso: string | null | undefined, timeZone: string): Date | null {
  const ms = parse(iso);
  if (ms === null) return null;
  const c = cityParts(ms, timeZone);
  return new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second));
}

/** '2026-12-05 14:03' in city time; '' for none. */
export function cityTime(iso: string | null | undefined, timeZone: string): string {
  const ms = parse(iso);
  if (ms === null) return iso ?? '';
  const c = cityParts(ms, timeZone);
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}`;
}

/** '2026年12月5日' in city time. */
export function cityDate(iso: string | null | undefined, timeZone: string): string {
  const ms = parse(iso);
  if (ms === null) return iso ?? '';
  const c = cityParts(ms, timeZone);
  return `${c.year}年${c.month}月${c.day}日`;
}

/** A rate for people: 93.5%; null (nothing counted) as —. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** A number for people; null as —. */
export function figure(value: number | null | undefined, digits = 0): string {
  return value === null || value === undefined ? '—' : value.toFixed(digits);
}

export const RATE_LABEL: Record<RateKey, string> = {
  sign: '按时签收率',
  firstCheck: '按时初查率',
  onTime: '按时办结率',
  satisfaction: '满意率',
  resolution: '解决率',
  untrue: '不属实率',
};

export const CHANNEL_LABEL: Record<Channel, string> = {
  '12345': '12345 热线',
  '12315': '12315 消费投诉',
  '110': '110 警情',
  sentiment: '舆情',
};

export const SEVERITY_LABEL: Record<Severity, string> = { general: '一般', urgent: '紧急', major: '重大' };

export const ALERT_STATUS_LABEL: Record<AlertStatus, string> = {
  open: '待处置',
  acknowledged: '已签收',
  dispatched: '已派单',
  resolved: '已办结',
};

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  new: '待签收',
  signed: '办理中',
  replied: '已答复',
  returned: '已退回',
  closed: '办结',
};

const DISPATCH_LABEL: Record<string, string> = {
  dispatched: '待签收',
  acknowledged: '已签收',
  ack: '签收',
  contacted: '已联系',
  onsite: '已到场',
  resolved: '已办结',
  resolve: '办结',
};

/** A dispatch's status or step in words; an unknown one as it is. */
export const dispatchLabel = (s: string): string => DISPATCH_LABEL[s] ?? s;

export const DEADLINE_LABEL: Record<'firstCheck' | 'due', string> = { firstCheck: '初查', due: '办理' };

const CN_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一 … 九十九 */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUMBERS[n] ?? String(n);
  if (n < 20) return '十' + CN_NUMBERS[n - 10];
  if (n < 100) return CN_NUMBERS[Math.floor(n / 10)]! + '十' + (n % 10 ? CN_NUMBERS[n % 10] : '');
  return String(n);
}

/** 首报, 续报（一）, 续报（二）, 终报 */
export function stepLabel(step: InfoReportStep, number = 1): string {
  if (step === 'initial') return '首报';
  if (step === 'final') return '终报';
  return `续报（${chineseNumber(number)}）`;
}

/** The channel's words where the key is a channel, else the label the report gave. */
export function channelLabel(key: string, label: string): string {
  return (CHANNEL_LABEL as Record<string, string>)[key] ?? label;
}
