// An audit entry's detail made readable: `{ before, after, … }` as rows of field, before, after.
// Scalars before and after are one row; other keys of the detail are listed beside.

export interface ChangeRow {
  /** the field, or null for a whole value */
  field: string | null;
  before: unknown;
  after: unknown;
  changed: boolean;
}

export interface Change {
  rows: ChangeRow[];
  extra: Array<{ key: string; value: unknown }>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function describeChange(detail: unknown): Change {
  if (!isObject(detail)) return { rows: [], extra: detail === null || detail === undefined ? [] : [{ key: '', value: detail }] };
  const extra = Object.entries(detail)
    .filter(([k]) => k !== 'before' && k !== 'after')
    .map(([key, value]) => ({ key, value }));
  if (!('before' in detail) && !('after' in detail)) return { rows: [], extra };
  const { before, after } = detail;
  if ((isObject(before) || before == null) && (isObject(after) || after == null) && (isObject(before) || isObject(after))) {
    const b = isObject(before) ? before : {};
    const a = isObject(after) ? after : {};
    const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return {
      rows: fields.map((field) => ({
        field,
        before: before == null ? undefined : b[field],
        after: after == null ? undefined : a[field],
        changed: !same(b[field], a[field]),
      })),
      extra,
    };
  }
  return { rows: [{ field: null, before, after, changed: !same(before, after) }], extra };
}

/** A value as one line of text (never HTML); a nested `{ before, after }` reads `before → after`. */
export function formatValue(v: unknown, yesNo: [string, string] = ['yes', 'no']): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? yesNo[0] : yesNo[1];
  if (Array.isArray(v)) return v.map((x) => formatValue(x, yesNo) ?? '—').join('、');
  if (isObject(v)) {
    if ('before' in v && 'after' in v && Object.keys(v).length === 2) {
      return `${formatValue(v.before, yesNo) ?? '—'} → ${formatValue(v.after, yesNo) ?? '—'}`;
    }
    return Object.entries(v)
      .map(([k, x]) => `${k}: ${formatValue(x, yesNo) ?? '—'}`)
      .join(', ');
  }
  return String(v);
}
