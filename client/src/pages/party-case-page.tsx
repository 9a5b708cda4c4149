/**
 * /query: the parties' page (执行公开), no login. The party enters the case number and the query code the court gave
 * them and sees the steps of the case, its control measures, auctions and money, and may file a petition (信访). The
 * code is kept only in memory (never in the address or storage), so a shared computer does not keep it.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { displayMoney } from '@shared/money';
import { ApiError } from '../api';
import { Badge } from '../components/badge';
import { assetKindLabel } from '../components/control/labels';
import { Alert, TextField } from '../components/fields';
import { PetitionFields } from '../components/petition-fields';
import { StatusBadge } from '../components/status-badge';
import { isMessageKey, useI18n, type MessageKey } from '../i18n';
import { errorText } from '../lib/error-text';
import { usePageTitle } from '../lib/use-page-title';
import { transparencyApi, type PartyCaseView } from '../transparency-api';
import { actionLabel, TimelineData } from './case-page';
import '../transparency.css';

const DATA_LABELS: Record<string, MessageKey> = {
  institutionName: 'data.institution',
  claimAmount: 'data.claimAmount',
  requestedAmount: 'data.requestedAmount',
  frozenAmount: 'data.frozenAmount',
  amount: 'data.amount',
  price: 'pq.sale',
  startingPrice: 'pq.starting',
  rank: 'data.rank',
  until: 'data.until',
  expiresAt: 'data.expiresAt',
};
const MONEY_KEYS = new Set(['claimAmount', 'requestedAmount', 'frozenAmount', 'amount', 'price', 'startingPrice']);

function label(t: (k: MessageKey) => string, key: string, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

function PartyView({ view, caseNo, code, onReset, onFiled }: { view: PartyCaseView; caseNo: string; code: string; onReset(): void; /** After a petition is filed: the view is read again. */ onFiled(): Promise<void> }) {
  const i18n = useI18n();
  const { t, formatDate, formatDateTime } = i18n;
  const [filing, setFiling] = useState(false);
  const [filed, setFiled] = useState('');
  const [error, setError] = useState('');

  const file = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    setError('');
    try {
      const receipt = await transparencyApi.filePetition({
        caseNo,
        code,
        petitionerName: value('petitionerName'),
        petitionerRole: value('petitionerRole') as 'creditor' | 'debtor' | 'other',
        contact: value('contact') || undefined,
        content: value('content'),
      });
      setFiled(t('pq.filed', { date: formatDate(receipt.answerDueAt) }));
      setFiling(false);
      await onFiled();
    } catch (err) {
      setError(errorText(err, i18n));
    }
  };

  return (
    <>
      <div className="page-head">
        <h1 className="case-title">{view.caseNo}</h1>
        <StatusBadge status={view.status} />
        <button type="button" className="button button-quiet" onClick={onReset}>
          {t('pq.another')}
        </button>
      </div>
      <div className="case-grid">
        <div className="case-main">
          <section className="card" aria-labelledby="pq-summary">
            <h2 id="pq-summary" className="visually-hidden">
              {t('case.summary')}
            </h2>
            <dl className="facts">
              <div>
                <dt>{t('pq.court')}</dt>
                <dd>{view.courtName}</dd>
              </div>
              <div>
                <dt>{t('pq.cause')}</dt>
                <dd>{view.cause}</dd>
              </div>
              <div>
                <dt>{t('pq.filedAt')}</dt>
                <dd>{formatDate(view.filedAt)}</dd>
              </div>
              <div>
                <dt>{t('pq.claim')}</dt>
                <dd className="money">{displayMoney(view.claimAmount)}</dd>
              </div>
              <div>
                <dt>{t('pq.outstanding')}</dt>
                <dd className="money">{displayMoney(view.outstandingAmount)}</dd>
              </div>
              <div>
                <dt>{t('pq.recovered')}</dt>
                <dd className="money" data-total="recovered">
                  {displayMoney(view.money.recovered)}
                </dd>
              </div>
              <div>
                <dt>{t('pq.paidOut')}</dt>
                <dd className="money" data-total="paidOut">
                  {displayMoney(view.money.paidOut)}
                </dd>
              </div>
            </dl>
          </section>

          <section className="card" aria-labelledby="pq-measures">
            <h2 id="pq-measures">{t('pq.measures')}</h2>
            {view.measures.length === 0 ? (
              <p className="empty">{t('pq.measuresEmpty')}</p>
            ) : (
              <div className="table-wrap">
                <table className="data-table stack-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('pq.col.kind')}</th>
                      <th scope="col">{t('pq.col.institution')}</th>
                      <th scope="col">{t('pq.col.amount')}</th>
                      <th scope="col">{t('pq.col.status')}</th>
                      <th scope="col">{t('pq.col.dates')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.measures.map((m, i) => (
                      <tr key={i} data-measure-status={m.status}>
                        <th scope="row" data-label={t('pq.col.kind')}>
                          {t(m.kind === 'freeze' ? 'measure.freeze' : 'measure.seizure')} · {assetKindLabel(t, m.assetKind)}
                        </th>
                        <td data-label={t('pq.col.institution')}>{m.institutionName}</td>
                        <td data-label={t('pq.col.amount')}>
                          <span className="stack">
                            {m.frozenAmount ? <span>{t('pq.frozen', { amount: displayMoney(m.frozenAmount) })}</span> : m.requestedAmount ? <span>{t('pq.requested', { amount: displayMoney(m.requestedAmount) })}</span> : <span>—</span>}
                            {m.deductedAmount !== '0.00' ? <span className="small">{t('pq.deducted', { amount: displayMoney(m.deductedAmount) })}</span> : null}
                          </span>
                        </td>
                        <td data-label={t('pq.col.status')}>
                          <Badge tone={m.status === 'in_force' ? 'success' : m.status === 'pending' || m.status === 'queued' ? 'waiting' : 'neutral'}>{label(t, `measure.status.${m.status}`, m.status)}</Badge>
                        </td>
                        <td data-label={t('pq.col.dates')}>{t('pq.period', { from: formatDate(m.effectiveAt ?? m.orderedAt), to: formatDate(m.endedAt ?? m.expiresAt) })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="pq-auctions">
            <h2 id="pq-auctions">{t('pq.auctions')}</h2>
            {view.auctions.length === 0 ? (
              <p className="empty">{t('pq.auctionsEmpty')}</p>
            ) : (
              <ul className="plain-list">
                {view.auctions.map((a) => (
                  <li key={a.id} className="party-auction">
                    <p>
                      <Link to={a.publicUrl}>{a.title}</Link> <Badge tone="info">{label(t, `auction.status.${a.status}`, a.status)}</Badge>{' '}
                      <span className="small muted">{t('pq.round', { n: a.round })}</span>
                    </p>
                    <p className="small">
                      {t('pq.starting')} {displayMoney(a.startingPrice)}
                      {a.salePrice ? ` · ${t('pq.sale')} ${displayMoney(a.salePrice)}` : a.currentPrice ? ` · ${t('pq.current')} ${displayMoney(a.currentPrice)}` : ''} · {formatDateTime(a.biddingStartsAt)} – {formatDateTime(a.biddingEndsAt)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="card" aria-labelledby="pq-petitions">
            <div className="section-head">
              <h2 id="pq-petitions">{t('pq.petitions')}</h2>
              {!filing ? (
                <button type="button" className="button" onClick={() => setFiling(true)}>
                  {t('pq.file')}
                </button>
              ) : null}
            </div>
            {filed ? <Alert kind="success">{filed}</Alert> : null}
            {view.petitions.length === 0 ? (
              <p className="empty">{t('pq.petitionsEmpty')}</p>
            ) : (
              <ul className="plain-list">
                {view.petitions.map((p) => (
                  <li key={p.id}>
                    <Badge tone={p.status === 'answered' ? 'success' : 'waiting'}>{label(t, `pet.status.${p.status}`, p.status)}</Badge> {t('pq.petitionReceived', { date: formatDate(p.receivedAt) })} ·{' '}
                    {p.answeredAt ? t('pq.petitionAnswered', { date: formatDate(p.answeredAt) }) : t('pq.petitionDue', { date: formatDate(p.answerDueAt) })}
                  </li>
                ))}
              </ul>
            )}
            {filing ? (
              <form className="stack-form" onSubmit={(e) => void file(e)}>
                <p className="small muted">{t('pq.fileIntro')}</p>
                <PetitionFields withChannel={false} />
                {error ? <Alert kind="error">{error}</Alert> : null}
                <div className="form-actions">
                  <button type="submit" className="button button-primary">
                    {t('pq.file')}
                  </button>
                  <button type="button" className="button button-quiet" onClick={() => setFiling(false)}>
                    {t('common.cancel')}
                  </button>
                </div>
              </form>
            ) : null}
          </section>
        </div>

        <section className="card case-timeline" aria-labelledby="pq-timeline">
          <h2 id="pq-timeline">{t('pq.timeline')}</h2>
          {view.timeline.length === 0 ? (
            <p>{t('pq.timelineEmpty')}</p>
          ) : (
            <ol className="timeline">
              {view.timeline.map((e, i) => (
                <li key={i} className="timeline-item" data-action={e.action}>
                  <time dateTime={e.at} className="timeline-time">
                    {formatDateTime(e.at)}
                  </time>
                  <div className="timeline-body">
                    <p className="timeline-label">{actionLabel(e.action, t)}</p>
                    <TimelineData data={e.data} labels={DATA_LABELS} moneyKeys={MONEY_KEYS} />
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}

export function PartyCasePage() {
  const i18n = useI18n();
  const { t } = i18n;
  usePageTitle(t('pq.title'));
  const [caseNo, setCaseNo] = useState('');
  const [code, setCode] = useState('');
  const [view, setView] = useState<PartyCaseView | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      setView(await transparencyApi.partyCase(caseNo, code));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'QUERY_REFUSED') setError(t('pq.refused'));
      else if (err instanceof ApiError && err.code === 'TOO_MANY_ATTEMPTS') {
        const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        setError(t('pq.tooMany', { seconds: seconds ?? 60 }));
      } else setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  if (view) {
    return (
      <div className="page party-case-page">
        <PartyView
          view={view}
          caseNo={caseNo}
          code={code}
          onReset={() => {
            setView(null);
            setCode('');
          }}
          onFiled={async () => {
            try {
              setView(await transparencyApi.partyCase(caseNo, code));
            } catch {
              // The petition is filed; the view stays as it was if reading it again fails.
            }
          }}
        />
      </div>
    );
  }
  return (
    <div className="page party-query-page">
      <h1>{t('pq.title')}</h1>
      <p className="lead">{t('pq.intro')}</p>
      <form className="card stack-form party-query-form" onSubmit={(e) => void submit(e)}>
        {error ? <Alert kind="error">{error}</Alert> : null}
        <TextField id="caseNo" label={t('pq.caseNo')} hint={t('pq.caseNoHint')} required value={caseNo} onChange={(e) => setCaseNo(e.target.value)} autoComplete="off" />
        <TextField id="code" label={t('pq.code')} hint={t('pq.codeHint')} required value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('pq.submitting') : t('pq.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
