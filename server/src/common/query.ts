import { AppException } from './app.exception';

/** A whole-number query parameter 1…max (`limit` unless named), default when absent. */
export function limitParam(value: unknown, dflt: number, max: number, name = 'limit'): number {
  if (value === undefined || value === '') return dflt;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1 || n > max) {
    throw new AppException('request.invalid_query', `${name}: must be a whole number from 1 to ${max}`);
  }
  return n;
}

/** An optional query value that must be one of `allowed`. */
export function enumParam<T extends string>(name: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new AppException('request.invalid_query', `${name}: must be one of ${allowed.join(' ')}`);
  }
  return value as T;
}

/** An optional ISO time query value, as epoch ms. */
export function timeParam(name: string, value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(t)) throw new AppException('request.invalid_query', `${name}: must be an ISO 8601 time`);
  return t;
}
