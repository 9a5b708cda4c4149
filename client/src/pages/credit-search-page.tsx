/**
 * 失信被执行人查询 (/credit): anyone, no login, searches the current list by name or ID number. The server masks
 * every ID number (110105********1234) and answers only current listings; a listed person may file a correction
 * request (失信 Art. 11) from a result. The query lives in the address so a search can be shared.
 */
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ApiError } from '../api';
import { creditApi, type CreditSearchResult } from '../credit-api';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { useGroundLabel } from './case-credit-page';

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
    <form onSubmit={submit} className="form" aria-label={t('credit.correct')}>
      <label>
        {t('credit.correct.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        {t('credit.correct.reasons')}
        <textarea value={reasons} onChange={(e) => setReasons(e.target.value)} rows={2} />
      </label>
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
        className="form search-form"
        onSubmit={(e) => {
          e.preventDefault();
          setParams(draft.trim() ? { q: draft.trim() } : {});
        }}
      >
        <label>
          {t('credit.search.q')}
          <input name="q" value={draft} onChange={(e) => setDraft(e.target.value)} minLength={2} maxLength={100} />
        </label>
        <button type="submit" className="button button-primary">
          {t('credit.search.submit')}
        </button>
      </form>
      {found.error ? <LoadError error={found.error} onRetry={found.reload} /> : null}
      {found.loading && q ? <Loading /> : null}
      {found.data ? (
        found.data.items.length === 0 ? (
          <p>{t('credit.search.none')}</p>
        ) : (
          <>
            <p aria-live="polite">{t('credit.search.count', { n: found.data.items.length })}</p>
            <div className="table-wrap">
              <table className="table credit-results">
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
                      <td>
                        {i.name}
                        {i.legalRepName ? <div className="muted">{t('credit.legalRep', { name: i.legalRepName })}</div> : null}
                      </td>
                      <td className="mono" data-field="idNumber">
                        {i.idNumberMasked}
                      </td>
                      <td>{i.courtName}</td>
                      <td>{i.caseNo}</td>
                      <td>{groundLabel(i.ground)}</td>
                      <td>{formatDate(i.listedAt)}</td>
                      <td>{i.expiresAt ? formatDate(i.expiresAt) : t('credit.noTerm')}</td>
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
