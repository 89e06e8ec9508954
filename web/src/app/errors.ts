import type { ErrorCode } from '@jointduty/shared';
import { ApiError } from './http';
import { appI18n } from './i18n';

// the codes whose text names the fields the server's English text names
const NAMES_FIELDS: ReadonlySet<ErrorCode> = new Set(['request.invalid_body', 'request.invalid_query']);

/** The fields a validation error's English text names (`teamIds: …; note: …`), each once. */
export function fieldsOf(text: string): string[] {
  const fields = text.split('; ').flatMap((part) => /^([\w.[\]-]{1,80}): /.exec(part)?.[1] ?? []);
  return [...new Set(fields)];
}

function statusText(status: number): string {
  const { t, te } = appI18n().global;
  const key = `errors.status.${status}`;
  return te(key) ? t(key) : t('errors.status.other', { status });
}

// A short text for the screen in the current language: for a call the server refused, the error
// code's own words (with the fields a validation error names), else the words for the HTTP
// status; the server's English text stays in the network panel. An error of the web's own says
// its message, which the web wrote.
export function errorMessage(err: unknown): string {
  const { t } = appI18n().global;
  if (!(err instanceof ApiError)) return err instanceof Error && err.message ? err.message : t('errors.unknown');
  if (err.status === 0) return t('errors.network');
  if (err.code === null) return statusText(err.status);
  const fields = fieldsOf(err.message);
  if (NAMES_FIELDS.has(err.code) && fields.length === 0) return statusText(err.status);
  return t(`errors.code.${err.code}`, { fields: fields.join(t('errors.fieldSeparator')) });
}
