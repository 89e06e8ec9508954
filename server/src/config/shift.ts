// A duty shift as written in config/roster.yaml and the profiles' rosters: '08:00-20:00',
// '20:00-08:00' (across midnight), '18:00–次日02:00', '10:00–24:00', or '全天' (all day).
// Minutes of the local day; end <= start means the shift ends the next day, equal means 24 h.
export interface Shift {
  start: number;
  end: number;
}

export const SHIFT_FORMAT = 'must be HH:MM-HH:MM (08:00-20:00, 20:00-08:00 across midnight) or 全天';

const ALL_DAY = new Set(['全天', '24小时', '24h', 'all day', 'all-day']);
const RANGE = /^(\d{1,2}):(\d{2})\s*[-–—~～至到]\s*(次日)?\s*(\d{1,2}):(\d{2})$/;

function minuteOf(h: string, m: string): number | null {
  const hours = Number(h);
  const minutes = Number(m);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
}

export function parseShift(text: string): Shift | null {
  const s = text.trim();
  if (ALL_DAY.has(s.toLowerCase())) return { start: 0, end: 0 };
  const m = RANGE.exec(s);
  if (!m) return null;
  const start = minuteOf(m[1]!, m[2]!);
  let end = minuteOf(m[4]!, m[5]!);
  if (start === null || end === null || start === 1440) return null;
  if (end === 1440) end = 0;
  // '08:00–次日10:00' is longer than a day: on duty around the clock
  if (m[3] && end > start) return { start: 0, end: 0 };
  return { start, end };
}

export function onShift(shift: Shift, minuteOfDay: number): boolean {
  const { start, end } = shift;
  if (start === end) return true;
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}
