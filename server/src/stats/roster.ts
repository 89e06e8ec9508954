import type { RosterEntry } from '@jointduty/shared';
import { onShift, parseShift } from '../config/shift';

export interface RosterLine {
  unit: string;
  person: string;
  phone?: string;
  shift?: string;
}

// minute of the local day in a time zone, from a cached formatter per zone
const formatters = new Map<string, Intl.DateTimeFormat>();
export function localMinuteOfDay(now: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  let hour = 0;
  let minute = 0;
  for (const part of f.formatToParts(now)) {
    if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

// A line without a shift is on duty all day; a shift that does not parse (the loader refuses those)
// is shown rather than silently dropped.
function onDuty(line: RosterLine, minute: number): boolean {
  if (line.shift === undefined) return true;
  const shift = parseShift(line.shift);
  return shift === null || onShift(shift, minute);
}

function entry(line: RosterLine, source: RosterEntry['source']): RosterEntry {
  return { unit: line.unit, person: line.person, phone: line.phone ?? null, shift: line.shift ?? null, source };
}

/**
 * Who is on duty now: the base roster's lines whose shift covers the current local time, where a
 * unit the active profile has someone on duty for now is taken over by the profile's lines, and the
 * profile's other units are added after the base ones.
 */
export function rosterOnDuty(base: readonly RosterLine[], profile: readonly RosterLine[], now: number, timeZone: string): RosterEntry[] {
  const minute = localMinuteOfDay(now, timeZone);
  const fromProfile = new Map<string, RosterEntry[]>();
  for (const line of profile) {
    if (!onDuty(line, minute)) continue;
    const list = fromProfile.get(line.unit) ?? [];
    list.push(entry(line, 'profile'));
    fromProfile.set(line.unit, list);
  }
  const out: RosterEntry[] = [];
  const placed = new Set<string>();
  for (const line of base) {
    const taken = fromProfile.get(line.unit);
    if (taken) {
      if (!placed.has(line.unit)) out.push(...taken);
      placed.add(line.unit);
    } else if (onDuty(line, minute)) {
      out.push(entry(line, 'base'));
    }
  }
  for (const [unit, list] of fromProfile) if (!placed.has(unit)) out.push(...list);
  return out;
}
