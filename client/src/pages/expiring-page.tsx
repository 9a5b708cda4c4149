/**
 * /measures/expiring: the court's calendar of freezes and seizures ending within 30 days, grouped by the day they end
 * (Beijing time), soonest first, so the judge can renew in time (保全 Art. 18: apply at least 7 days before expiry).
 */
import { Link } from 'react-router-dom';
import { displayMoney } from '@shared/money';
import { api, type MeasureView } from '../api';
import { Badge } from '../components/badge';
import { assetKindLabel, rankLabel } from '../components/control/labels';
import { measureStatusTone } from '../components/control/measures-section';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';

const DAYS = 30;

/** The day in Beijing, as YYYY-MM-DD (a stable key to group by, whatever the browser's zone). */
const beijingDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function ExpiringPage() {
  const { t, formatDate } = useI18n();
  usePageTitle(t('expiring.title'));
  const list = useLoad(() => api.expiringMeasures(DAYS), []);

  const groups = new Map<string, MeasureView[]>();
  for (const m of [...(list.data ?? [])].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt))) {
    const day = beijingDay.format(new Date(m.expiresAt));
    groups.set(day, [...(groups.get(day) ?? []), m]);
  }

  return (
    <div className="page expiring-page">
      <div className="page-head">
        <h1>{t('expiring.title')}</h1>
        {list.data ? <span className="result-count">{t('expiring.count', { n: list.data.length })}</span> : null}
      </div>
      <p className="lead">{t('expiring.intro', { days: DAYS })}</p>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.length === 0 ? <p className="empty card">{t('expiring.empty', { days: DAYS })}</p> : null}
      <ol className="calendar">
        {[...groups.entries()].map(([day, items]) => {
          const first = items[0]!;
          const urgent = first.daysLeft <= 7;
          return (
            <li key={day} className={`calendar-day${urgent ? ' is-urgent' : ''}`}>
              <div className="calendar-date">
                <h2 id={`day-${day}`}>
                  <time dateTime={day}>{t('expiring.group', { date: formatDate(first.expiresAt) })}</time>
                </h2>
                <span className="calendar-left">
                  {t('measure.daysLeft', { n: first.daysLeft })}
                  {urgent ? (
                    <>
                      {' '}
                      <Badge tone="danger">{t('expiring.urgent')}</Badge>
                    </>
                  ) : null}
                </span>
              </div>
              <ul className="calendar-items">
                {items.map((m) => (
                  <li key={m.id} className="calendar-item" data-measure={m.id}>
                    <div className="calendar-main">
                      <Link to={`/cases/${m.caseId}/assets#measures`} className="case-no">
                        {m.caseNo}
                      </Link>
                      <span className="asset-id">
                        {t(m.kind === 'freeze' ? 'measure.freeze' : 'measure.seizure')} · {assetKindLabel(t, m.assetKind)} {m.assetIdentifier}
                      </span>
                      <span className="muted small">{m.institutionName}</span>
                    </div>
                    <div className="calendar-side">
                      <Badge tone={measureStatusTone(m.status)}>{t(`measure.status.${m.status}`)}</Badge>
                      {m.rank !== null ? <span className="small">{rankLabel(t, m.rank)}</span> : null}
                      {m.frozenAmount ? <span className="small">{t('measure.frozen', { amount: displayMoney(m.frozenAmount) })}</span> : null}
                      {m.pendingOrder ? <Badge tone="waiting">{t(`measure.order.${m.pendingOrder}`)}</Badge> : null}
                    </div>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
