/** Form controls that always carry a <label>, an optional hint and an error wired with aria-describedby. */
import { forwardRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useI18n } from '../i18n';

interface FieldShell {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Shows "(optional)" after the label. */
  optional?: boolean;
  className?: string;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, required, optional }: Pick<FieldShell, 'id' | 'label' | 'required' | 'optional'>) {
  const { t } = useI18n();
  return (
    <label htmlFor={id} className="field-label">
      {label}
      {required ? (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      ) : null}
      {optional ? <span className="optional"> {t('common.optional')}</span> : null}
    </label>
  );
}

function HintAndError({ id, hint, error }: Pick<FieldShell, 'id' | 'hint' | 'error'>) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          <span className="visually-hidden">! </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export type TextFieldProps = FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> & { after?: ReactNode };

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { id, label, hint, error, required, optional, className, after, ...input },
  ref,
) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <input
        ref={ref}
        id={id}
        name={id}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
      {after}
    </div>
  );
});

export type TextAreaFieldProps = FieldShell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'>;

export function TextAreaField({ id, label, hint, error, required, optional, className, ...textarea }: TextAreaFieldProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <textarea
        id={id}
        name={id}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...textarea}
      />
    </div>
  );
}

export type SelectFieldProps = FieldShell & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> & { children: ReactNode };

export function SelectField({ id, label, hint, error, required, optional, className, children, ...select }: SelectFieldProps) {
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <Label id={id} label={label} required={required} optional={optional} />
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        name={id}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

export interface RadioOption<V extends string> {
  value: V;
  label: string;
}

/** A set of radio buttons in a <fieldset> whose <legend> names the choice. */
export function RadioGroup<V extends string>({
  id,
  legend,
  value,
  options,
  onChange,
  error,
}: {
  id: string;
  legend: string;
  value: V;
  options: RadioOption<V>[];
  onChange(value: V): void;
  error?: string;
}) {
  return (
    <fieldset className={`radio-group${error ? ' has-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field-label">{legend}</legend>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <div className="radio-options">
        {options.map((o) => (
          <label key={o.value} className="radio" htmlFor={`${id}-${o.value}`}>
            <input
              type="radio"
              id={`${id}-${o.value}`}
              name={id}
              value={o.value}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export interface SummaryItem {
  /** Id of the control to focus, or null for an error no field owns. */
  fieldId: string | null;
  message: string;
}

/**
 * The list of problems shown at the top of a form after a failed submit. It takes focus so keyboard and
 * screen-reader users hear it; each entry links to its field.
 */
export const ErrorSummary = forwardRef<HTMLDivElement, { items: SummaryItem[]; title?: string }>(function ErrorSummary(
  { items, title },
  ref,
) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  const heading =
    title ??
    (items.every((i) => i.fieldId === null)
      ? t('errors.failed')
      : items.length === 1
        ? t('errors.summaryOne')
        : t('errors.summary', { n: items.length }));
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{heading}</h2>
      <ul>
        {items.map((item, i) => (
          <li key={`${item.fieldId ?? 'form'}-${i}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(e) => {
                  const el = document.getElementById(item.fieldId!);
                  if (el) {
                    e.preventDefault();
                    el.scrollIntoView({ block: 'center' });
                    el.focus();
                  }
                }}
              >
                {item.message}
              </a>
            ) : (
              item.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
});

export function Alert({ kind, children }: { kind: 'error' | 'success' | 'info'; children: ReactNode }) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
