import { useI18n } from '../i18n';
import { errorText } from '../lib/error-text';
import { Alert } from './fields';

export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  return (
    <Alert kind="error">
      <p>{errorText(error, i18n)}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry}>
          {i18n.t('common.retry')}
        </button>
      ) : null}
    </Alert>
  );
}
