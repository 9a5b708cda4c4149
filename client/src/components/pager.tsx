import { useI18n } from '../i18n';

/** Previous / next for a paged table; hidden when everything fits on one page. */
export function Pager({ name, page, total, pageSize, onPage }: { name: string; page: number; total: number; pageSize: number; onPage(page: number): void }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('common.pagination', { name })}>
      <button type="button" className="button button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.prev')}
      </button>
      <span aria-current="page">{t('common.page', { page, pages })}</span>
      <button type="button" className="button button-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
