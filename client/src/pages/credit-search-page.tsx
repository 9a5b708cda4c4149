/**
 * 失信被执行人查询 (/credit): anyone, no login, searches the current list by name or ID number. The server masks
 * every ID number (110105********1234) and answers only current listings; a listed person may file a correction
 * request (失信 Art. 11) from a result. The query lives in the address so a search can be shared.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../api';
import { creditApi, type CreditSearchResult } from '../credit-api';
import { TextAreaField, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { useGroundLabel } from './case-credit-page';
import '../credit.css';

type Item = CreditSearchResult['items'][number];

function CorrectionForm({ item }: { item: Item }) {
  const { t, pick, formatDate } = useI18n();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [reasons, setReasons] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  if (!open) {
    return (
      <button type="button" className="button button-quiet" onClick={() => setOpen(true)}>
        {t('credit.correct')}
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    creditApi.fileCorrection(item.id, { applicantName: name, reasons }).then(
      (r) => setResult({ ok: true, text: t('credit.correct.filed', { date: formatDate(r.dueBy) }) }),
      (err: unknown) => setResult({ ok: false, text: err instanceof ApiError ? pick(err.message) : String(err) }),
    );
  };
  return (
    <form onSubmit={submit} noValidate className="credit-correction" aria-label={t('credit.correct')}>
      <TextField id={`correct-name-${item.id}`} label={t('credit.correct.name')} required value={name} onChange={(e) => setName(e.target.value)} />
      <TextAreaField id={`correct-reasons-${item.id}`} label={t('credit.correct.reasons')} required value={reasons} onChange={(e) => setReasons(e.target.value)} rows={2} />
      <button type="submit" className="button">
        {t('credit.correct.submit')}
      </button>
      {result ? <p className={result.ok ? 'alert alert-success' : 'alert alert-error'}>{result.text}</p> : null}
    </form>
  );
}

export function CreditSearchPage() {
  const { t, formatDate } = useI18n();
  const groundLabel = useGroundLabel();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  usePageTitle(t('credit.search.title'));
  const found = useLoad(() => (q.trim().length >= 2 ? creditApi.search(q.trim()) : Promise.resolve(null)), [q]);

  return (
    <div className="page credit-search-page">
      <h1>{t('credit.search.title')}</h1>
      <p className="lead">{t('credit.search.intro')}</p>
      <form
        role="search"
        className="card filters"
        aria-label={t('credit.search.title')}
        onSubmit={(e) => {
          e.preventDefault();
          setParams(draft.trim() ? { q: draft.trim() } : {});
        }}
      >
        <div className="inline-search">
          <TextField id="credit-q" label={t('credit.search.q')} hint={t('credit.search.hint')} type="search" value={draft} onChange={(e) => setDraft(e.target.value)} minLength={2} maxLength={100} />
          <button type="submit" className="button button-primary">
            {t('credit.search.submit')}
          </button>
        </div>
      </form>
      {found.error ? <LoadError error={found.error} onRetry={found.reload} /> : null}
      {found.loading && q ? <Loading /> : null}
      {found.data ? (
        found.data.items.length === 0 ? (
          <p className="result-count" role="status">
            {t('credit.search.none')}
          </p>
        ) : (
          <>
            <p className="result-count" role="status">
              {found.data.truncated ? t('credit.search.truncated', { n: found.data.items.length }) : t('credit.search.count', { n: found.data.items.length })}
            </p>
            <div className="table-wrap">
              <table className="data-table stack-table credit-results">
                <thead>
                  <tr>
                    <th scope="col">{t('credit.col.name')}</th>
                    <th scope="col">{t('credit.col.id')}</th>
                    <th scope="col">{t('credit.col.court')}</th>
                    <th scope="col">{t('credit.col.caseNo')}</th>
                    <th scope="col">{t('credit.col.ground')}</th>
                    <th scope="col">{t('credit.col.listedAt')}</th>
                    <th scope="col">{t('credit.col.term')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('credit.correct')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {found.data.items.map((i) => (
                    <tr key={i.id} data-listing={i.id}>
                      <th scope="row" data-label={t('credit.col.name')}>
                        <span>
                          {i.name}
                          {i.legalRepName ? <span className="muted credit-rep">{t('credit.legalRep', { name: i.legalRepName })}</span> : null}
                        </span>
                      </th>
                      <td className="mono nowrap" data-field="idNumber" data-label={t('credit.col.id')}>
                        {i.idNumberMasked}
                      </td>
                      <td data-label={t('credit.col.court')}>{i.courtName}</td>
                      <td className="case-no" data-label={t('credit.col.caseNo')}>
                        {i.caseNo}
                      </td>
                      <td data-label={t('credit.col.ground')}>{groundLabel(i.ground)}</td>
                      <td className="nowrap" data-label={t('credit.col.listedAt')}>
                        {formatDate(i.listedAt)}
                      </td>
                      <td className="nowrap" data-label={t('credit.col.term')}>
                        {i.expiresAt ? formatDate(i.expiresAt) : t('credit.noTerm')}
                      </td>
                      <td>
                        <CorrectionForm item={i} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      ) : null}
    </div>
  );
}
