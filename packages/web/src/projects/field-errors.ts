import { ApiRequestError } from '../api/api-error.js';

/** Messages to show beside a form's fields, by field path (`colour`, `code.system`), and one for the form. */
export interface FieldErrors {
  readonly fields: Readonly<Record<string, string>>;
  readonly form: string | null;
}

export const NO_ERRORS: FieldErrors = { fields: {}, form: null };

interface IssueDetail {
  readonly path: string;
  readonly message: string;
}

function isIssue(value: unknown): value is IssueDetail {
  if (typeof value !== 'object' || value === null) return false;
  const issue = value as Record<string, unknown>;
  return typeof issue.path === 'string' && typeof issue.message === 'string';
}

/**
 * Spreads an API failure over a form: a VALIDATION_FAILED answer names each problem by a path such as
 * `body.code.system`, which goes next to that field; anything else (a 409, a 403) is the form's message.
 */
export function fieldErrorsOf(error: unknown): FieldErrors {
  if (!(error instanceof ApiRequestError)) return { fields: {}, form: String(error) };
  const issues = Array.isArray(error.details) ? error.details.filter(isIssue) : [];
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.replace(/^body\.?/, '');
    if (field && !(field in fields)) fields[field] = issue.message;
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, form: placed ? null : error.message };
}

/** True when there is nothing to show. */
export function hasErrors(errors: FieldErrors): boolean {
  return errors.form !== null || Object.keys(errors.fields).length > 0;
}
