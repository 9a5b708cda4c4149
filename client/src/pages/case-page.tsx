import { Link, useLocation, useParams } from 'react-router-dom';
import type { CaseDetail, TimelineEntry } from '@shared/schemas/cases';
import { displayMoney, isMoney } from '@shared/money';
import { api } from '../api';
import { CaseLedgerCard } from '../components/case-ledger';
import { CaseTransparencyCard } from '../components/case-transparency';
import { Alert } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { StatusBadge } from '../components/status-badge';
import { isMessageKey, useI18n, type MessageKey } from '../i18n';
import { useLoad } from '../lib/use-load';
import { rankLabel } from '../components/control/labels';
import { usePageTitle } from '../lib/use-page-title';

type Party = CaseDetail['parties'][number];

function PartyTable({ title, parties }: { title: string; parties: Party[] }) {
  const { t } = useI18n();
  return (
    <section className="party-block" aria-label={title}>
      <h3>{title}</h3>
      {parties.length === 0 ? (
        <p>{t('case.noParties')}</p>
      ) : (
        <ul className="party-list">
          {parties.map((p) => (
            <li key={p.id}>
              <span className="party-name">{p.name}</span>
              <span className="party-kind">{t(p.kind === 'person' ? 'party.person' : 'party.organisation')}</span>
              <span className="party-id">
                <span className="visually-hidden">{t(p.kind === 'person' ? 'party.idNumber' : 'party.creditCode')}: </span>
                {p.idNumber}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Entries of the audit data worth showing under a timeline entry, with a label each. */
const DATA_LABELS: Record<string, MessageKey> = {
  caseNo: 'data.caseNo',
  claimAmount: 'data.claimAmount',
  cause: 'data.cause',
  debtor: 'data.debtor',
  institutionName: 'data.institution',
  institution: 'data.institution',
  institutions: 'data.institutions',
  asset: 'data.asset',
  assetsFound: 'data.assetsFound',
  balanceFound: 'data.balanceFound',
  requestedAmount: 'data.requestedAmount',
  frozenAmount: 'data.frozenAmount',
  amount: 'data.amount',
  payee: 'data.payee',
  payeeAccount: 'data.payeeAccount',
  rank: 'data.rank',
  reason: 'data.reason',
  until: 'data.until',
  expiresAt: 'data.expiresAt',
};

const MONEY_KEYS = new Set(['claimAmount', 'balanceFound', 'requestedAmount', 'frozenAmount', 'amount']);
const DATE_KEYS = new Set(['until', 'expiresAt']);

/**
 * The data of a timeline entry as a list of labelled values: amounts as money, dates as dates, ranks named. Staff see
 * every label of DATA_LABELS; the party's page passes its own, shorter list.
 */
export function TimelineData({ data, labels = DATA_LABELS, moneyKeys = MONEY_KEYS }: { data: Record<string, unknown>; labels?: Record<string, MessageKey>; moneyKeys?: ReadonlySet<string> }) {
  const { t, pick, formatDate } = useI18n();
  const rows = Object.entries(labels)
    .filter(([k]) => (typeof data[k] === 'string' && data[k] !== '') || typeof data[k] === 'number')
    // The server adds the institution's name beside its code; show the name alone when it is there.
    .filter(([k]) => !(k === 'institution' && typeof data.institutionName === 'string'))
    .map(([k, label]) => {
      const v = String(data[k]);
      const shown = moneyKeys.has(k) && isMoney(v) ? displayMoney(v) : DATE_KEYS.has(k) ? formatDate(v) : k === 'rank' ? rankLabel(t, Number(v)) : pick(v);
      return [t(label), shown] as const;
    });
  if (rows.length === 0) return null;
  return (
    <dl className="timeline-data">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function actionLabel(action: string, t: (k: MessageKey) => string): string {
  const key = `action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, pick, formatDateTime } = useI18n();
  if (entries.length === 0) return <p>{t('case.timelineEmpty')}</p>;
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  return (
    <ol className="timeline">
      {sorted.map((e) => (
        <li key={e.seq} className="timeline-item" data-action={e.action}>
          <time dateTime={e.at} className="timeline-time">
            {formatDateTime(e.at)}
          </time>
          <div className="timeline-body">
            <p className="timeline-label">{actionLabel(e.action, t)}</p>
            <p className="timeline-actor">{t('case.timelineBy', { name: pick(e.actor.displayName) })}</p>
            <TimelineData data={e.data} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** A short account of the case's inquiries and assets, with the way into 网络查控. */
function ControlCard({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const inquiries = useLoad(() => api.caseInquiries(caseId), [caseId]);
  const assets = useLoad(() => api.caseAssets(caseId), [caseId]);
  const last = inquiries.data?.[0];
  return (
    <section className="card control-card" aria-labelledby="case-control-title">
      <h2 id="case-control-title">{t('control.title')}</h2>
      <p className="lead">{t('control.intro')}</p>
      {inquiries.error ? <LoadError error={inquiries.error} onRetry={inquiries.reload} /> : null}
      {inquiries.data ? (
        <p>
          {last
            ? t('control.lastInquiry', { debtor: last.debtorName, status: t(`inquiry.status.${last.status}`), percent: last.percent })
            : t('control.noInquiry')}
          {assets.data && assets.data.length > 0 ? ` ${t('control.assetsFound', { n: assets.data.length })}` : ''}
        </p>
      ) : null}
      <p className="button-row">
        <Link to={`/cases/${caseId}/assets`} className="button button-primary">
          {t('control.open')}
        </Link>{' '}
        <Link to={`/cases/${caseId}/closing`} className="button" data-testid="closing-link">
          {t('closing.open')}
        </Link>
      </p>
    </section>
  );
}

export function CasePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;
  const { t, formatDateTime } = useI18n();
  const detail = useLoad(() => api.getCase(id), [id]);
  const timeline = useLoad(() => api.caseTimeline(id), [id]);
  const c = detail.data;
  usePageTitle(c?.caseNo ?? t('case.summary'));

  return (
    <div className="page">
      <p className="back-link">
        <Link to="/cases">← {t('case.back')}</Link>
      </p>
      {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : null}
      {detail.loading && !c ? <Loading /> : null}
      {c ? (
        <>
          {justCreated ? <Alert kind="success">{t('case.created')}</Alert> : null}
          <div className="page-head">
            <h1 className="case-title">{c.caseNo}</h1>
            <StatusBadge status={c.status} />
          </div>
          <div className="case-grid">
            <div className="case-main">
              <section className="card" aria-labelledby="case-summary-title">
                <h2 id="case-summary-title">{t('case.summary')}</h2>
                <dl className="facts">
                  <div>
                    <dt>{t('case.court')}</dt>
                    <dd>{c.courtName}</dd>
                  </div>
                  <div>
                    <dt>{t('case.judge')}</dt>
                    <dd>{c.judge.displayName}</dd>
                  </div>
                  <div>
                    <dt>{t('case.cause')}</dt>
                    <dd>{c.cause}</dd>
                  </div>
                  <div className="wide">
                    <dt>{t('case.basis')}</dt>
                    <dd>{c.basis}</dd>
                  </div>
                  <div>
                    <dt>{t('case.claim')}</dt>
                    <dd className="money">{displayMoney(c.claimAmount)}</dd>
                  </div>
                  <div>
                    <dt>{t('case.outstanding')}</dt>
                    <dd className="money">{displayMoney(c.outstandingAmount)}</dd>
                  </div>
                  <div>
                    <dt>{t('case.filedAt')}</dt>
                    <dd>
                      <time dateTime={c.filedAt}>{formatDateTime(c.filedAt)}</time>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('case.createdBy')}</dt>
                    <dd>{c.createdBy.displayName}</dd>
                  </div>
                </dl>
              </section>
              <section className="card" aria-labelledby="case-parties-title">
                <h2 id="case-parties-title">{t('case.parties')}</h2>
                <div className="parties">
                  <PartyTable title={t('case.creditors')} parties={c.parties.filter((p) => p.role === 'creditor')} />
                  <PartyTable title={t('case.debtors')} parties={c.parties.filter((p) => p.role === 'debtor')} />
                </div>
              </section>
              <ControlCard caseId={c.id} />
              <section className="card credit-card" aria-labelledby="case-credit-title">
                <h2 id="case-credit-title">{t('credit.card.title')}</h2>
                <p className="lead">{t('credit.card.intro')}</p>
                <p className="button-row">
                  <Link to={`/cases/${c.id}/credit`} className="button">
                    {t('credit.card.open')}
                  </Link>
                </p>
              </section>
              <CaseLedgerCard
                caseId={c.id}
                onChanged={() => {
                  detail.reload();
                  timeline.reload();
                }}
              />
              <CaseTransparencyCard caseId={c.id} onChanged={timeline.reload} />
            </div>
            <section className="card case-timeline" aria-labelledby="case-timeline-title">
              <h2 id="case-timeline-title">{t('case.timeline')}</h2>
              {timeline.error ? <LoadError error={timeline.error} onRetry={timeline.reload} /> : null}
              {timeline.loading && !timeline.data ? <Loading /> : null}
              {timeline.data ? <Timeline entries={timeline.data} /> : null}
            </section>
          </div>
        </>
      ) : null}
    </div>
  );
}
