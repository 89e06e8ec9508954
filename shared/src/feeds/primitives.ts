import { z } from 'zod';

// Characters no citizen text needs and some stores refuse: C0 controls other than tab/newline,
// DEL, and lone UTF-16 surrogates (broken encodings that survived JSON).
const FORBIDDEN_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Length in characters (code points), as a citizen would count them. */
export function charLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // a surrogate pair is one character
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** A string of min–max characters, not blank, without control characters or broken surrogates. */
export function text(min: number, max: number) {
  return z.string().superRefine((s, ctx) => {
    if (FORBIDDEN_CHARS.test(s)) {
      ctx.addIssue({ code: 'custom', message: 'contains control characters or broken encoding' });
      return;
    }
    const len = charLength(s);
    if (len > max) ctx.addIssue({ code: 'custom', message: `must be at most ${max} characters (got ${len})` });
    else if (min > 0 && s.trim().length === 0) ctx.addIssue({ code: 'custom', message: 'must not be blank' });
    else if (len < min) ctx.addIssue({ code: 'custom', message: `must be at least ${min} characters` });
  });
}

// Year bounds keep obviously wrong clocks out of statistics and deadlines.
const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_FUTURE_MS = 24 * 3600 * 1000;

// CONTRACT §11: a time is ISO 8601 with an offset, or the city's wall time the platforms export
// without one (2026-07-20 21:05:00, 2026/07/20 21:05:00, 2026-07-20T21:05), read as Asia/Shanghai
// (UTC+8 all year). Every field must name a real moment: 02-30, 06-31 and 24:00 are refused.
const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const CITY_WALL = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?$/;
const CITY_OFFSET = '+08:00';
const pad2 = (n: number) => String(n).padStart(2, '0');

function realFields(y: number, mo: number, d: number, h: number, mi: number, sec: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The time as an ISO string with an offset, or why it is not one. */
export function readTime(s: string): { iso: string } | { problem: string } {
  const iso = WITH_OFFSET.exec(s);
  if (iso) {
    const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((k) => Number(iso[k]));
    if (!realFields(y!, mo!, d!, h!, mi!, Number(iso[6] ?? 0))) return { problem: 'is not a real date and time' };
    return { iso: s };
  }
  const wall = CITY_WALL.exec(s);
  if (wall) {
    const [y, mo, d, h, mi] = [1, 3, 4, 5, 6].map((k) => Number(wall[k]));
    const sec = Number(wall[7] ?? 0);
    if (!realFields(y!, mo!, d!, h!, mi!, sec)) return { problem: 'is not a real date and time' };
    return { iso: `${y}-${pad2(mo!)}-${pad2(d!)}T${pad2(h!)}:${pad2(mi!)}:${pad2(sec)}${wall[8] ?? ''}${CITY_OFFSET}` };
  }
  return {
    problem: 'must be an ISO 8601 time with an offset (2026-07-20T21:05:00+08:00) or the city time 2026-07-20 21:05:00',
  };
}

function isoTimeUpTo(maxFutureMs: number, ahead: string) {
  return z.string().transform((s, ctx) => {
    const read = readTime(s);
    if ('problem' in read) {
      ctx.addIssue({ code: 'custom', message: read.problem });
      return z.NEVER;
    }
    const t = Date.parse(read.iso);
    if (Number.isNaN(t)) ctx.addIssue({ code: 'custom', message: 'is not a real date and time' });
    else if (t < MIN_TIME) ctx.addIssue({ code: 'custom', message: 'is before the year 2000' });
    else if (t > Date.now() + maxFutureMs) ctx.addIssue({ code: 'custom', message: `is more than ${ahead} in the future` });
    return read.iso;
  });
}

/** When something happened: ISO 8601 with an offset, or city wall time; not before 2000 nor more than a day ahead. Answers ISO with an offset. */
export const isoTime = isoTimeUpTo(MAX_FUTURE_MS, 'a day');

/** A deadline (办理时限): as isoTime, but up to a year ahead. */
export const isoDeadline = isoTimeUpTo(366 * 24 * 3600 * 1000, 'a year');

// Platforms export numbers as strings ("level": "1", "amount": "100.00"): a string that is a
// plain decimal number is taken as that number, anything else stays a string and is refused as one.
const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;
export function numeric<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v), schema);
}

export const coordinates = z.object({
  lng: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
});

export const phone = z.string().regex(/^\+?[0-9][0-9 ()-]{2,30}$/, 'must be a phone number (digits, spaces, + - ( ))');

export const person = z.object({
  name: text(1, 64).optional(),
  phone: phone.optional(),
});

export const count = numeric(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER));

// http(s), a host without spaces or credentials, then anything printable
const HTTP_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][^\s]*)?$/i;

export const httpUrl = z.string().max(2048).regex(HTTP_URL, 'must be an http or https URL');

/** A district name as sent; whether it names a district of the city is checked against config. */
export const districtName = text(1, 32);
