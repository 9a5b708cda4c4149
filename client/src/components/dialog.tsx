/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert, moves focus inside and
 * closes on Escape. Focus goes back to what had it before (the button that opened the dialog) when it closes.
 */
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';

export function Dialog({ title, subtitle, onClose, children }: { title: string; subtitle?: string; onClose(): void; children: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const subtitleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // Start in the first field rather than on the close button.
    dialog.querySelector<HTMLElement>('.dialog-body :is(input, select, textarea):not([type="hidden"]):not(:disabled)')?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // The opener may have been re-rendered away; only focus it when it is still in the page.
      if (opener && opener.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-describedby={subtitle ? subtitleId : undefined}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="button button-quiet dialog-close" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {subtitle ? (
        <p id={subtitleId} className="dialog-subtitle">
          {subtitle}
        </p>
      ) : null}
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
