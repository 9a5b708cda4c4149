import { useEffect } from 'react';
import { useI18n } from '../i18n';

/** Sets the document title to "page · 执行" so tabs and screen readers name the page. */
export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}
