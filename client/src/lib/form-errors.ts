/** Turns zod issues and the server's field issues into messages keyed by field, and into the error summary. */
import type { SummaryItem } from '../components/fields';

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

/** Replaces the message of each required field left blank with `message` (clearer than "too short"). */
export function blankRequired(errors: FieldErrors, values: Record<string, string>, message: string): FieldErrors {
  const out = { ...errors };
  for (const [key, value] of Object.entries(values)) if (key in out && value.trim() === '') out[key] = message;
  return out;
}

export interface SummaryOptions {
  errors: FieldErrors;
  /** A message no field owns (network failure, permission...). */
  formError?: string | null;
  /** Field keys in page order; a key not listed has no control to link to. */
  order: string[];
  /** Where the summary link of a key goes, when not fieldId(key). */
  target?: (key: string) => string | null;
  /** The label that names the field in the summary, e.g. "申请执行人 1 · 公民身份号码". */
  label?: (key: string) => string | null;
  /** Picks the current language from a bilingual message. */
  pick(message: string): string;
  /** Joins label and message, e.g. "{field}：{message}". */
  join(field: string, message: string): string;
}

/** Summary entries in page order, each naming its field and linking to it. */
export function summaryItems(o: SummaryOptions): SummaryItem[] {
  const rank = (k: string) => (o.order.includes(k) ? o.order.indexOf(k) : o.order.length);
  const items: SummaryItem[] = [];
  if (o.formError) items.push({ fieldId: null, message: o.formError });
  else if (o.errors['']) items.push({ fieldId: null, message: o.pick(o.errors['']) });
  for (const [key, raw] of Object.entries(o.errors).sort(([a], [b]) => rank(a) - rank(b))) {
    if (key === '') continue;
    const message = o.pick(raw);
    const label = o.label?.(key) ?? null;
    const target = o.target ? o.target(key) : o.order.includes(key) ? fieldId(key) : null;
    items.push({ fieldId: target, message: label ? o.join(label, message) : message });
  }
  return items;
}
