/** A dialog asking for one value (a date, a reason, an amount) before an action is sent. */
import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { errorText } from '../../lib/error-text';
import { Dialog } from '../dialog';
import { Alert, TextField } from '../fields';

export interface FieldDialogProps {
  title: string;
  subtitle?: string;
  /** The body field the server names in its issues, e.g. "reason". */
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  initial?: string;
  input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;
  submitLabel: string;
  /** Checks the value before sending; returns a message for the field, or null. */
  validate?(value: string): string | null;
  onSubmit(value: string): Promise<void>;
  onClose(): void;
}

export function FieldDialog(props: FieldDialogProps) {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const [value, setValue] = useState(props.initial ?? '');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `dialog-${props.name}`;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const problem = props.required && !value.trim() ? t('errors.required') : (props.validate?.(value) ?? null);
    setFieldError(problem);
    if (problem) {
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(value.trim());
    } catch (err) {
      const issue = err instanceof ApiError ? err.issues.find((i) => i.path[0] === props.name) : undefined;
      if (issue) {
        setFieldError(pick(issue.message));
        document.getElementById(id)?.focus();
      } else setFormError(errorText(err, i18n));
      setBusy(false);
    }
  }

  return (
    <Dialog title={props.title} subtitle={props.subtitle} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        {formError ? <Alert kind="error">{formError}</Alert> : null}
        <TextField
          id={id}
          label={props.label}
          hint={props.hint}
          error={fieldError ?? undefined}
          required={props.required}
          optional={!props.required}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          {...props.input}
        />
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
