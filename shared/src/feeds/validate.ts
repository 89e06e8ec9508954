import { z } from 'zod';
import type { Channel } from '../channels';
import { FEED_LIMITS } from '../channels';
import { FEED_SCHEMAS, type FeedRecordByChannel } from './schemas';

export type Validated<C extends Channel> = { ok: true; record: FeedRecordByChannel[C] } | { ok: false; errors: string[] };

// Keys that would reach an object's prototype if anything merged the record carelessly.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function messageFor(issue: z.core.$ZodRawIssue): string | undefined {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}, got ${describe(issue.input)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(' ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `must have at least ${String(issue.minimum)} items` : `must be ≥ ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${String(issue.maximum)} items`;
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      return `must be ≤ ${String(issue.maximum)}`;
    case 'invalid_format':
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return undefined;
  }
}

/** Paths of keys that are forbidden, and whether the value nests deeper than allowed. */
function inspectShape(value: unknown): string[] {
  const errors: string[] = [];
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: '', depth: 0 }];
  while (stack.length > 0 && errors.length < 10) {
    const { v, path, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= FEED_LIMITS.maxDepth) {
      errors.push(`${path || 'record'}: nested deeper than ${FEED_LIMITS.maxDepth} levels`);
      continue;
    }
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ v: item, path: `${path}[${i}]`, depth: depth + 1 }));
    } else {
      for (const key of Object.keys(v)) {
        const p = path ? `${path}.${key}` : key;
        if (FORBIDDEN_KEYS.has(key)) errors.push(`${p}: forbidden key`);
        else stack.push({ v: (v as Record<string, unknown>)[key], path: p, depth: depth + 1 });
      }
    }
  }
  return errors;
}

/** The enum fields whose other spellings config/feeds.yaml may list (CONTRACT §11). */
export const ALIASED_FIELDS = ['appealType', 'kind', 'alarmType', 'urgency'] as const;
export type AliasedField = (typeof ALIASED_FIELDS)[number];
/** Per field: a spelling a platform exports → the contract's value (求决 → 求助, 特急 → 紧急). */
export type FeedAliases = Partial<Record<AliasedField, Record<string, string>>>;

// A record with its aliased values put in the contract's words; the record as sent when none apply.
function withAliases(value: Record<string, unknown>, aliases: FeedAliases | undefined): Record<string, unknown> {
  if (!aliases) return value;
  let out = value;
  for (const field of ALIASED_FIELDS) {
    const v = value[field];
    const to = typeof v === 'string' ? aliases[field]?.[v.trim()] : undefined;
    if (to === undefined) continue;
    if (out === value) out = { ...value };
    out[field] = to;
  }
  return out;
}

/** Checks one native record of a channel; errors read "field: why". */
export function validateFeedRecord<C extends Channel>(channel: C, input: unknown, aliases?: FeedAliases): Validated<C> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, errors: [`record: must be an object, got ${describe(input)}`] };
  }
  const value = withAliases(input as Record<string, unknown>, aliases);
  const shapeErrors = inspectShape(value);
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const schema = FEED_SCHEMAS[channel] as z.ZodType<FeedRecordByChannel[C]>;
  const result = schema.safeParse(value, { error: messageFor });
  if (result.success) return { ok: true, record: result.data };
  const errors = result.error.issues.map((i) => `${formatPath(i.path) || 'record'}: ${i.message}`);
  return { ok: false, errors: [...new Set(errors)] };
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}
