/** Turns zod issues and the server's VALIDATION_FAILED issues into messages keyed by field. */
import type { ApiError, ValidationIssue } from '../api';

export type FieldErrors = Record<string, string>;

/** The key of a field, e.g. ["debtors", 0, "idNumber"] -> "debtors.0.idNumber". */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** The DOM id of a field's control, e.g. "f-debtors-0-idNumber". */
export function fieldId(key: string): string {
  return `f-${key.replace(/\./g, '-')}`;
}

/** The first message per field wins; messages without a path are kept under "". */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}

export function serverIssues(e: ApiError): ValidationIssue[] {
  return e.issues;
}
