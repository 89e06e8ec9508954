// Times are shown in the city's zone, whatever the clock of the screen's computer says.
export const CITY_TIME_ZONE = 'Asia/Shanghai';

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: CITY_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const dateTimeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: CITY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function toDate(value: string | number | Date): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** HH:mm:ss */
export function formatTime(value: string | number | Date): string {
  const d = toDate(value);
  return d ? timeFormat.format(d) : '--:--:--';
}

/** YYYY-MM-DD HH:mm */
export function formatDateTime(value: string | number | Date): string {
  const d = toDate(value);
  return d ? dateTimeFormat.format(d) : '';
}

export function timeOf(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}
