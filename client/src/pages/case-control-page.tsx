/**
 * 网络查控 of one case (/cases/:id/assets): the network inquiry with its live progress, the debtors' assets with their
 * encumbrances, the control measures and deductions, and the message journal. Kept off the case page so that stays
 * readable; the case page links here.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, type Institution, type MeasureView } from '../api';
import { useAuth } from '../auth';
import { AssetsSection } from '../components/control/assets-section';
import { InquirySection } from '../components/control/inquiry-section';
import { JournalSection } from '../components/control/journal-section';
import { MeasuresSection } from '../components/control/measures-section';
import { ValuationSection } from '../components/control/valuation-section';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { StatusBadge } from '../components/status-badge';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { useInterval, useRealtimeConnected, useRealtimeEvent } from '../realtime';

let catalogueCache: Promise<Institution[]> | null = null;

/** The institution catalogue changes rarely: read once per page load of the app. */
export function loadCatalogue(): Promise<Institution[]> {
  catalogueCache ??= api.institutions().catch((e: unknown) => {
    catalogueCache = null;
    throw e;
  });
  return catalogueCache;
}

export function CaseControlPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const { t } = useI18n();
  const connected = useRealtimeConnected();
  const detail = useLoad(() => api.getCase(id), [id]);
  const catalogue = useLoad(loadCatalogue, []);
  const [assetsKey, setAssetsKey] = useState(0);
  const [measuresKey, setMeasuresKey] = useState(0);
  const assets = useLoad(() => api.caseAssets(id), [id, assetsKey]);
  const measures = useLoad(() => api.caseMeasures(id), [id, measuresKey]);
  const deductions = useLoad(() => api.caseDeductions(id), [id, measuresKey]);
  const c = detail.data;
  usePageTitle(c ? t('control.pageTitle', { caseNo: c.caseNo }) : t('control.title'));

  const reloadAssets = useCallback(() => setAssetsKey((k) => k + 1), []);
  const reloadMeasures = useCallback(() => setMeasuresKey((k) => k + 1), []);
  const onMeasure = (m: MeasureView) => {
    if (m.caseId === id) reloadMeasures();
  };
  useRealtimeEvent<MeasureView>('measure.updated', onMeasure);
  useRealtimeEvent<MeasureView>('measure.promoted', onMeasure);

  // Orders wait for the institution. The live events reach the case's judge and whoever ordered; anyone else
  // (a clerk, the approver of a deduction), and everyone while the live link is down, looks again while one is out.
  const waiting =
    (measures.data?.items ?? []).some((m) => m.status === 'pending' || m.pendingOrder !== null) ||
    (deductions.data ?? []).some((d) => d.status === 'approved');
  useInterval(reloadMeasures, connected ? 5_000 : 3_000, waiting);

  const canAct = user?.role === 'judge' || user?.role === 'clerk';

  // A link to a section (e.g. #measures from the calendar) lands on it once the sections have loaded.
  const location = useLocation();
  const scrolled = useRef(false);
  const ready = Boolean(c && assets.data && measures.data && deductions.data);
  useEffect(() => {
    if (scrolled.current || !ready || !location.hash) return;
    scrolled.current = true;
    document.getElementById(decodeURIComponent(location.hash.slice(1)))?.scrollIntoView();
  }, [ready, location.hash]);

  return (
    <div className="page control-page">
      <p className="back-link">
        <Link to={`/cases/${id}`}>← {c ? t('control.backToCase', { caseNo: c.caseNo }) : t('case.back')}</Link>
      </p>
      {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : null}
      {detail.loading && !c ? <Loading /> : null}
      {c && user ? (
        <>
          <div className="page-head">
            <div>
              <h1>{t('control.title')}</h1>
              <p className="page-sub">
                <span className="case-no-inline">{c.caseNo}</span> · {t('case.debtors')}：
                {c.parties
                  .filter((p) => p.role === 'debtor')
                  .map((p) => p.name)
                  .join('、')}
              </p>
            </div>
            <StatusBadge status={c.status} />
          </div>
          <nav className="in-page" aria-label={t('control.onThisPage')}>
            <ul>
              <li>
                <a href="#inquiry">{t('inquiry.title')}</a>
              </li>
              <li>
                <a href="#assets">{t('assets.title')}</a>
              </li>
              <li>
                <a href="#measures">{t('measures.title')}</a>
              </li>
              <li>
                <a href="#deductions">{t('deductions.title')}</a>
              </li>
              <li>
                <a href="#valuation">{t('valuation.title')}</a>
              </li>
              <li>
                <a href="#journal">{t('journal.title')}</a>
              </li>
            </ul>
          </nav>

          <InquirySection caseDetail={c} catalogue={catalogue.data} onFound={reloadAssets} />

          {assets.error ? <LoadError error={assets.error} onRetry={assets.reload} /> : null}
          {assets.data ? (
            <AssetsSection
              caseId={id}
              canOrder={canAct && c.status === 'open'}
              assets={assets.data}
              measures={measures.data}
              onOrdered={reloadMeasures}
            />
          ) : assets.loading ? (
            <Loading />
          ) : null}

          {measures.error ? <LoadError error={measures.error} onRetry={measures.reload} /> : null}
          {deductions.error ? <LoadError error={deductions.error} onRetry={deductions.reload} /> : null}
          {measures.data && deductions.data ? (
            <MeasuresSection measures={measures.data} deductions={deductions.data} user={user} canAct={canAct} onChanged={reloadMeasures} />
          ) : measures.loading || deductions.loading ? (
            <Loading />
          ) : null}

          {measures.data ? <ValuationSection caseId={id} measures={measures.data.items} user={user} canAct={canAct && c.status === 'open'} /> : null}

          <JournalSection caseId={id} catalogue={catalogue.data} refreshKey={assetsKey + measuresKey} />
        </>
      ) : null}
    </div>
  );
}
