import type { z } from 'zod';
import { AppException } from './app.exception';

/**
 * Parses a request part with a shared zod schema; a failure is a 400 naming each field.
 * `what` names the part: 'body' (the default) is the request body, anything else the query.
 */
export function parseOr400<T>(schema: z.ZodType<T>, value: unknown, what = 'body'): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const msg = r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`).join('; ');
  throw new AppException(what === 'body' ? 'request.invalid_body' : 'request.invalid_query', msg);
}
