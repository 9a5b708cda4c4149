/**
 * A dialog asking for several values before an action is sent (a price with its agreement, an objection…). The shared
 * request schema checks them first; the server's field issues come back to the same fields.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ZodType } from 'zod';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { errorText } from '../../lib/error-text';
import { Dialog } from '../dialog';
import { Alert, SelectField, TextAreaField, TextField } from '../fields';

export interface FormField {
  /** The body field the schema and the server name in their issues. */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  kind?: 'text' | 'money' | 'date' | 'datetime' | 'number' | 'textarea' | 'select';
  options?: { value: string; label: string }[];
  initial?: string;
  /** Shown only when this returns true for the current values. */
  when?(values: Record<string, string>): boolean;
}

export interface FormDialogProps {
  title: string;
  subtitle?: string;
  intro?: ReactNode;
  fields: FormField[];
  submitLabel: string;
  /** The request body for the values typed. */
  toBody(values: Record<string, string>): unknown;
  schema?: ZodType;
  onSubmit(body: unknown): Promise<void>;
  onClose(): void;
}

export function FormDialog(props: FormDialogProps) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(props.fields.map((f) => [f.name, f.initial ?? ''])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const visible = props.fields.filter((f) => !f.when || f.when(values));
  const idOf = (name: string) => `fd-${name}`;

  function focusFirst(errs: Record<string, string>) {
    const first = visible.find((f) => errs[f.name]);
    if (first) requestAnimationFrame(() => document.getElementById(idOf(first.name))?.focus());
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const errs: Record<string, string> = {};
    for (const f of visible) if (f.required && !values[f.name]?.trim()) errs[f.name] = t('errors.required');
    const body = props.toBody(values);
    if (props.schema) {
      const parsed = props.schema.safeParse(body);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const name = String(issue.path[0] ?? '');
          const field = visible.find((f) => f.name === name) ?? null;
          if (field && !errs[name]) errs[name] = pick(issue.message);
          else if (!field && !Object.keys(errs).length) setFormError(pick(issue.message));
        }
      }
    }
    setErrors(errs);
    if (Object.keys(errs).length) {
      focusFirst(errs);
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(body);
    } catch (err) {
      const mine: Record<string, string> = {};
      if (err instanceof ApiError) for (const issue of err.issues) if (visible.some((f) => f.name === issue.path[0])) mine[String(issue.path[0])] ??= pick(issue.message);
      if (Object.keys(mine).length) {
        setErrors(mine);
        focusFirst(mine);
      } else setFormError(errorText(err, i18n));
      setBusy(false);
    }
  }

  return (
    <Dialog title={props.title} subtitle={props.subtitle} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        {props.intro}
        {formError ? <Alert kind="error">{formError}</Alert> : null}
        {visible.map((f) => {
          const common = {
            id: idOf(f.name),
            label: f.label,
            hint: f.hint,
            error: errors[f.name],
            required: f.required,
            optional: !f.required,
          };
          const onChange = (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f.name]: e.target.value }));
          const value = values[f.name] ?? '';
          if (f.kind === 'textarea') return <TextAreaField key={f.name} {...common} rows={3} value={value} onChange={onChange} />;
          if (f.kind === 'select') {
            return (
              <SelectField key={f.name} {...common} value={value} onChange={onChange}>
                {(f.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </SelectField>
            );
          }
          const input =
            f.kind === 'money'
              ? { inputMode: 'decimal' as const, autoComplete: 'off', className: 'money-input' }
              : f.kind === 'date'
                ? { type: 'date' }
                : f.kind === 'datetime'
                  ? { type: 'datetime-local' }
                  : f.kind === 'number'
                    ? { type: 'number', inputMode: 'numeric' as const, className: 'short-input' }
                    : {};
          return <TextField key={f.name} {...common} {...input} value={value} onChange={onChange} />;
        })}
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {props.submitLabel}
          </button>
          <button type="button" className="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
