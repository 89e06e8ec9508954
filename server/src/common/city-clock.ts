// The city's wall clock from an instant, in any IANA time zone (city.yaml `timezone`), through one
// cached Intl formatter per zone: what the documents, the shifts and the drafts write and reckon in.

export interface CityParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const clocks = new Map<string, Intl.DateTimeFormat>();

function clockOf(timeZone: string): Intl.DateTimeFormat {
  let f = clocks.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clocks.set(timeZone, f);
  }
  return f;
}

/** The city's date and time at an instant, field by field. */
export function cityParts(ms: number, timeZone: string): CityParts {
  const p: Record<string, number> = {};
  for (const part of clockOf(timeZone).formatToParts(ms)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute!, second: p.second! };
}

/** The wall clock of a time zone at an instant, as if it were UTC (ms, whole seconds). */
export function wallAsUtc(ms: number, timeZone: string): number {
  const c = cityParts(ms, timeZone);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
}

/** The city date ('YYYY-MM-DD') of an instant. */
export function cityDay(ms: number, timeZone: string): string {
  return new Date(wallAsUtc(ms, timeZone)).toISOString().slice(0, 10);
}

/** The city's minute of the day (0..1439) at an instant. */
export function cityMinute(ms: number, timeZone: string): number {
  const wall = wallAsUtc(ms, timeZone);
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
}

/** The instant a city wall time happens: `minute` of the city day `day` (may be ≥ 1440: the days after). */
export function cityInstant(day: string, minute: number, timeZone: string): number {
  const wall = Date.parse(`${day}T00:00:00Z`) + minute * 60_000;
  // the offset at a first guess, then at the answer it gives (a change of offset in between)
  const first = wall - (wallAsUtc(wall, timeZone) - wall);
  return wall - (wallAsUtc(first, timeZone) - first);
}
