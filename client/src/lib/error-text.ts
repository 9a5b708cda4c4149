import { ApiError, NETWORK_ERROR } from '../api';
import type { I18n } from '../i18n';

/** A sentence a person can act on, for an error that no form field owns. */
export function errorText(e: unknown, i18n: Pick<I18n, 't' | 'pick'>): string {
  const { t, pick } = i18n;
  if (e instanceof ApiError) {
    if (e.code === NETWORK_ERROR) return t('common.networkError');
    if (e.status === 401) return t('common.sessionExpired');
    if (e.status === 403 && !e.message) return t('common.forbidden');
    if (e.status === 404 && !e.message) return t('common.notFound');
    if (e.message) return pick(e.message);
    return t('common.unexpected', { code: e.code, message: '' });
  }
  return t('common.unexpected', { code: 'CLIENT', message: e instanceof Error ? e.message : String(e) });
}
