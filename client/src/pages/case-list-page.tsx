import { useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { displayMoney } from '@shared/money';
import { CASE_STATUSES } from '@shared/schemas/cases';
import { api } from '../api';
import { useAuth } from '../auth';
import { SelectField, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { StatusBadge } from '../components/status-badge';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';

const PAGE_SIZE = 20;
const FILTER_KEYS = ['status', 'judgeId', 'q', 'filedFrom', 'filedTo'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

function filtersFrom(params: URLSearchParams): Filters {
  return {
    status: params.get('status') ?? '',
    judgeId: params.get('judgeId') ?? '',
    q: params.get('q') ?? '',
    filedFrom: params.get('filedFrom') ?? '',
    filedTo: params.get('filedTo') ?? '',
  };
}

export function CaseListPage() {
  const { t, formatDate } = useI18n();
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [draft, setDraft] = useState<Filters>(applied);
  // On a phone only the free-text search shows until the user asks for more (or a further filter is applied).
  const [moreOpen, setMoreOpen] = useState(() => Boolean(applied.status || applied.judgeId || applied.filedFrom || applied.filedTo));
  usePageTitle(t('cases.title'));

  // Back/forward changes the URL: keep the form in step with it.
  const paramsKey = params.toString();
  useEffect(() => setDraft(filtersFrom(new URLSearchParams(paramsKey))), [paramsKey]);

  const staff = useLoad(() => (user?.courtId ? api.courtStaff(user.courtId) : Promise.resolve([])), [user?.courtId]);
  const judges = (staff.data ?? []).filter((s) => s.role === 'judge');

  const list = useLoad(
    () =>
      api.listCases({
        status: applied.status || undefined,
        judgeId: applied.judgeId || undefined,
        q: applied.q.trim() || undefined,
        filedFrom: applied.filedFrom || undefined,
        filedTo: applied.filedTo || undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [paramsKey],
  );

  function apply(next: Filters, nextPage = 1) {
    const p = new URLSearchParams();
    for (const k of FILTER_KEYS) if (next[k].trim()) p.set(k, next[k].trim());
    if (nextPage > 1) p.set('page', String(nextPage));
    setParams(p);
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    apply(draft);
  }

  const set = (k: FilterKey) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const anyFilter = FILTER_KEYS.some((k) => applied[k]);

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('cases.title')}</h1>
        <Link to="/cases/new" className="button button-primary">
          {t('nav.newCase')}
        </Link>
      </div>

      <form className={`card filters${moreOpen ? ' more-open' : ''}`} role="search" aria-label={t('cases.filters')} onSubmit={onSubmit}>
        <div className="filter-grid">
          <TextField id="filter-q" label={t('cases.q')} type="search" value={draft.q} onChange={set('q')} className="filter-q" />
          <div className="filter-more" id="filter-more">
          <SelectField id="filter-status" label={t('cases.status')} value={draft.status} onChange={set('status')}>
            <option value="">{t('cases.anyStatus')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </SelectField>
          <SelectField id="filter-judge" label={t('cases.judge')} value={draft.judgeId} onChange={set('judgeId')}>
            <option value="">{t('cases.anyJudge')}</option>
            {judges.map((j) => (
              <option key={j.id} value={j.id}>
                {j.displayName}
              </option>
            ))}
          </SelectField>
          <TextField id="filter-from" label={t('cases.filedFrom')} type="date" value={draft.filedFrom} onChange={set('filedFrom')} />
          <TextField id="filter-to" label={t('cases.filedTo')} type="date" value={draft.filedTo} onChange={set('filedTo')} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary">
            {t('cases.search')}
          </button>
          <button
            type="button"
            className="button button-quiet filter-toggle"
            aria-expanded={moreOpen}
            aria-controls="filter-more"
            onClick={() => setMoreOpen((o) => !o)}
          >
            {moreOpen ? t('cases.fewerFilters') : t('cases.moreFilters')}
          </button>
          {anyFilter ? (
            <button type="button" className="button" onClick={() => apply({ status: '', judgeId: '', q: '', filedFrom: '', filedTo: '' })}>
              {t('cases.reset')}
            </button>
          ) : null}
        </div>
      </form>

      <p className="result-count" role="status" aria-live="polite">
        {data && !list.loading ? t('cases.total', { total: data.total }) : ''}
      </p>

      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !data ? <Loading /> : null}

      {data ? (
        data.items.length === 0 ? (
          <p className="empty card">{t('cases.empty')}</p>
        ) : (
          <div className={`table-wrap${list.loading ? ' is-stale' : ''}`} aria-busy={list.loading}>
            <table className="data-table case-table">
              <caption className="visually-hidden">{t('cases.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.col.caseNo')}</th>
                  <th scope="col">{t('cases.col.parties')}</th>
                  <th scope="col">{t('cases.col.cause')}</th>
                  <th scope="col" className="num">
                    {t('cases.col.claim')}
                  </th>
                  <th scope="col" className="num">
                    {t('cases.col.outstanding')}
                  </th>
                  <th scope="col">{t('cases.col.judge')}</th>
                  <th scope="col">{t('cases.col.status')}</th>
                  <th scope="col">{t('cases.col.filedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" data-label={t('cases.col.caseNo')}>
                      <Link to={`/cases/${c.id}`} className="case-no">
                        {c.caseNo}
                      </Link>
                    </th>
                    <td data-label={t('cases.col.parties')}>
                      <div>
                      <span className="party-line">
                        <abbr className="party-tag creditor" title={t('party.creditor')}>
                          {t('cases.creditorShort')}
                        </abbr>
                        {c.creditorNames.join('、')}
                      </span>
                      <span className="party-line">
                        <abbr className="party-tag debtor" title={t('party.debtor')}>
                          {t('cases.debtorShort')}
                        </abbr>
                        {c.debtorNames.join('、')}
                      </span>
                      </div>
                    </td>
                    <td data-label={t('cases.col.cause')}>{c.cause}</td>
                    <td data-label={t('cases.col.claim')} className="num">
                      {displayMoney(c.claimAmount)}
                    </td>
                    <td data-label={t('cases.col.outstanding')} className="num">
                      {displayMoney(c.outstandingAmount)}
                    </td>
                    <td data-label={t('cases.col.judge')}>{c.judge.displayName}</td>
                    <td data-label={t('cases.col.status')}>
                      <StatusBadge status={c.status} />
                    </td>
                    <td data-label={t('cases.col.filedAt')}>
                      <time dateTime={c.filedAt}>{formatDate(c.filedAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}

      {data && pages > 1 ? (
        <nav className="pagination" aria-label={t('cases.pagination')}>
          <button type="button" className="button" disabled={page <= 1} onClick={() => apply(applied, page - 1)}>
            {t('cases.prev')}
          </button>
          <span aria-current="page">{t('cases.page', { page, pages })}</span>
          <button type="button" className="button" disabled={page >= pages} onClick={() => apply(applied, page + 1)}>
            {t('cases.next')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
