import type { Rng } from './rng';

// Times as the records write them and as people say them, in Beijing time (+08:00).

const TZ_MS = 8 * 3600_000;

export function localParts(at: Date): { y: string; mo: string; d: string; h: string; mi: string; s: string } {
  const l = new Date(at.getTime() + TZ_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    y: String(l.getUTCFullYear()),
    mo: p(l.getUTCMonth() + 1),
    d: p(l.getUTCDate()),
    h: p(l.getUTCHours()),
    mi: p(l.getUTCMinutes()),
    s: p(l.getUTCSeconds()),
  };
}

export function localDay(at: Date): string {
  const l = localParts(at);
  return `${l.y}${l.mo}${l.d}`;
}

// ISO 8601 in Beijing time, e.g. 2025-07-20T21:05:33+08:00.
export function iso(at: Date): string {
  const l = localParts(at);
  return `${l.y}-${l.mo}-${l.d}T${l.h}:${l.mi}:${l.s}+08:00`;
}

// A spoken time a little before `at`, as a caller would say it.
export function timePhrase(rng: Rng, at: Date): string {
  const offsetMin = rng.int(5, 180);
  if (offsetMin < 20) return rng.pick(['刚才', '刚刚', '就在刚才']);
  const then = localParts(new Date(at.getTime() - offsetMin * 60_000));
  const now = localParts(at);
  const h = Number(then.h);
  const around = rng.pick(['左右', '多', '许', '']);
  const sameDay = then.d === now.d;
  if (h >= 18) return `${sameDay ? '今晚' : '昨晚'}${h - 12}点${around}`;
  if (h >= 12) return `${sameDay ? '今天下午' : '昨天下午'}${h === 12 ? 12 : h - 12}点${around}`;
  if (h >= 6) return `${sameDay ? '今天上午' : '昨天上午'}${h}点${around}`;
  return `${sameDay ? '今天凌晨' : '昨天凌晨'}${h === 0 ? 12 : h}点${around}`;
}

// When the meal was, as someone taken ill at `at` would say it (今晚7点多, 今天中午).
export function mealPhrase(meal: number, at: number): string {
  const m = localParts(new Date(meal));
  const sameDay = m.d === localParts(new Date(at)).d;
  const h = Number(m.h);
  const more = Number(m.mi) >= 20 ? '多' : '';
  if (h >= 17) return `${sameDay ? '今晚' : '昨晚'}${h - 12}点${more}`;
  if (h >= 14) return `${sameDay ? '今天下午' : '昨天下午'}${h - 12}点${more}`;
  if (h >= 11) return sameDay ? '今天中午' : '昨天中午';
  if (h >= 5) return sameDay ? '今天早上' : '昨天早上';
  return `${sameDay ? '今天凌晨' : '昨天凌晨'}${h === 0 ? 12 : h}点${more}`;
}
