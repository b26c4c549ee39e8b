import { isApiError } from './api-error';

/** The slice of i18next this module needs, so tests can pass any instance. */
export interface Translator {
  t(key: string): string;
  exists(key: string): boolean;
}

/**
 * The user-facing sentence for any error, in the current language. Codes are looked up as
 * `errors.codes.<code>` (codes are dotted, so they nest naturally in the resource files);
 * unknown codes fall back to a sentence for their HTTP status. The server's own `detail` is
 * never shown: it is Korean only, and codes are the stable contract.
 */
export function describeError(error: unknown, i18n: Translator): string {
  if (!isApiError(error)) return i18n.t('errors.generic');
  const byCode = `errors.codes.${error.code}`;
  if (i18n.exists(byCode)) return i18n.t(byCode);
  if (error.status >= 500) return i18n.t('errors.status.500');
  const byStatus = `errors.status.${error.status}`;
  return i18n.exists(byStatus) ? i18n.t(byStatus) : i18n.t('errors.generic');
}

/** `/body/password`, `/password` and `/password/0` all mean the form field `password`. */
export function fieldOfPath(path: string): string | undefined {
  const segments = path.split('/').filter(Boolean);
  if (segments[0] === 'body') segments.shift();
  return segments[0];
}

/**
 * Field errors from a problem's `errors[]`, keyed by form field, worded by the problem's code
 * (so "이미 가입된 이메일이에요" lands under the e-mail field). First message per field wins.
 */
export function fieldErrorsOf(error: unknown, i18n: Translator): Record<string, string> {
  if (!isApiError(error)) return {};
  const fields: Record<string, string> = {};
  for (const problem of error.errors) {
    const field = fieldOfPath(problem.path);
    if (field && !(field in fields)) fields[field] = describeError(error, i18n);
  }
  return fields;
}
