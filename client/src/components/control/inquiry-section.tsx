/**
 * 网络查询: pick a debtor (and, if wished, kinds of institution), start; a progress bar and counters that fill live
 * from `inquiry.progress` (or by polling every 2 s while the live link is down); the answers by institution, paged and
 * filtered by status. Institutions that answer by hand stay "awaiting the institution's operator" — not an error.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { displayMoney } from '@shared/money';
import { INSTITUTION_KINDS, type InstitutionKind } from '@shared/institution-protocol';
import type { CaseDetail } from '@shared/schemas/cases';
import { api, type Institution, type InquiryProgress, type Target, type TargetStatusValue } from '../../api';
import { useI18n } from '../../i18n';
import { errorText } from '../../lib/error-text';
import { useLoad } from '../../lib/use-load';
import { useInterval, useRealtimeConnected, useRealtimeEvent } from '../../realtime';
import { Badge, type Tone } from '../badge';
import { Alert, SelectField } from '../fields';
import { Loading } from '../layout';
import { LiveState } from '../live-state';
import { LoadError } from '../load-error';
import { Pager } from '../pager';
import { institutionKindLabel } from './labels';

const TARGET_PAGE_SIZE = 10;
const TARGET_STATUSES: TargetStatusValue[] = ['pending', 'answered', 'failed', 'timed_out'];

/** Calls `fn` at most once per `ms`, trailing: a burst of live events gives one reload, not one per event. */
function useThrottle(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = fn;
  });
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return useMemo(
    () => () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        latest.current();
      }, ms);
    },
    [ms],
  );
}

function ProgressBar({ p }: { p: InquiryProgress }) {
  const { t } = useI18n();
  const settled = p.answered + p.failed + p.timedOut;
  const share = (n: number) => (p.total === 0 ? 0 : (n / p.total) * 100);
  return (
    <div className="progress-block">
      <div className="progress-head">
        <span id="inquiry-progress-label" className="progress-label">
          {t('inquiry.progressOf', { debtor: p.debtorName, settled, total: p.total })}
        </span>
        <span className="progress-figure" aria-hidden="true">
          {p.percent}%
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-labelledby="inquiry-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p.percent}
        aria-valuetext={t('inquiry.valueText', { percent: p.percent, settled, total: p.total })}
        data-status={p.status}
      >
        <span className="progress-seg seg-answered" style={{ width: `${share(p.answered)}%` }} />
        <span className="progress-seg seg-failed" style={{ width: `${share(p.failed)}%` }} />
        <span className="progress-seg seg-timed-out" style={{ width: `${share(p.timedOut)}%` }} />
      </div>
    </div>
  );
}

function Counters({ p }: { p: InquiryProgress }) {
  const { t } = useI18n();
  const items: [string, string, string][] = [
    ['answered', t('inquiry.count.answered'), String(p.answered)],
    ['failed', t('inquiry.count.failed'), String(p.failed)],
    ['timed-out', t('inquiry.count.timedOut'), String(p.timedOut)],
    ['pending', t('inquiry.count.pending'), String(p.pending)],
    ['assets', t('inquiry.count.assets'), String(p.assetsFound)],
    ['balance', t('inquiry.count.balance'), displayMoney(p.balanceFound)],
  ];
  return (
    <dl className="counters" aria-label={t('inquiry.counters')}>
      {items.map(([key, label, value]) => (
        <div key={key} className={`counter counter-${key}`} data-counter={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function targetBadge(target: Target, manual: boolean, t: ReturnType<typeof useI18n>['t']): { tone: Tone; text: string } {
  switch (target.status) {
    case 'answered':
      return { tone: 'success', text: t('target.answered') };
    case 'failed':
      return { tone: 'danger', text: t('target.failed') };
    case 'timed_out':
      return { tone: 'warning', text: t('target.timed_out') };
    default:
      return manual ? { tone: 'info', text: t('target.manual') } : { tone: 'waiting', text: t('target.pending') };
  }
}

function TargetTable({ inquiry, manualCodes, refreshKey }: { inquiry: InquiryProgress; manualCodes: Set<string>; refreshKey: number }) {
  const { t, pick } = useI18n();
  const [status, setStatus] = useState<TargetStatusValue | ''>('');
  const [page, setPage] = useState(1);
  const targets = useLoad(
    () => api.inquiryTargets(inquiry.id, { status: status || undefined, page, pageSize: TARGET_PAGE_SIZE }),
    [inquiry.id, status, page, refreshKey],
  );
  const data = targets.data;

  return (
    <section className="subsection" aria-labelledby="targets-title">
      <div className="subsection-head">
        <h3 id="targets-title">{t('targets.title')}</h3>
        <SelectField
          id="targets-status"
          label={t('targets.filter')}
          className="inline-field"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as TargetStatusValue | '');
            setPage(1);
          }}
        >
          <option value="">{t('targets.all')}</option>
          {TARGET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`target.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {targets.error ? <LoadError error={targets.error} onRetry={targets.reload} /> : null}
      {targets.loading && !data ? <Loading /> : null}
      {data ? (
        data.items.length === 0 ? (
          <p className="empty">{t('targets.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="data-table stack-table target-table">
                <caption className="visually-hidden">{t('targets.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('targets.col.institution')}</th>
                    <th scope="col">{t('targets.col.kind')}</th>
                    <th scope="col">{t('targets.col.status')}</th>
                    <th scope="col" className="num">
                      {t('targets.col.assets')}
                    </th>
                    <th scope="col" className="num">
                      {t('targets.col.balance')}
                    </th>
                    <th scope="col">{t('targets.col.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((row) => {
                    const manual = manualCodes.has(row.institutionCode);
                    const badge = targetBadge(row, manual, t);
                    return (
                      <tr key={row.institutionCode} data-institution={row.institutionCode} data-status={row.status}>
                        <th scope="row" data-label={t('targets.col.institution')}>
                          {row.institutionName}
                        </th>
                        <td data-label={t('targets.col.kind')}>{institutionKindLabel(t, row.kind)}</td>
                        <td data-label={t('targets.col.status')}>
                          <Badge tone={badge.tone}>{badge.text}</Badge>
                        </td>
                        <td data-label={t('targets.col.assets')} className="num">
                          {row.status === 'answered' ? row.assetCount : '—'}
                        </td>
                        <td data-label={t('targets.col.balance')} className="num">
                          {row.status === 'answered' ? displayMoney(row.balanceFound) : '—'}
                        </td>
                        <td data-label={t('targets.col.note')} className="note-cell">
                          {row.error ? pick(row.error) : row.status === 'pending' && manual ? t('target.manualNote') : ''}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="table-foot">{t('targets.total', { total: data.total })}</p>
            <Pager name={t('targets.title')} page={page} total={data.total} pageSize={TARGET_PAGE_SIZE} onPage={setPage} />
          </>
        )
      ) : null}
    </section>
  );
}

export function InquirySection({
  caseDetail,
  catalogue,
  onFound,
}: {
  caseDetail: CaseDetail;
  catalogue: Institution[] | undefined;
  /** Called when an inquiry reports more assets (or settles), so the asset list can reload. */
  onFound(): void;
}) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const connected = useRealtimeConnected();
  const debtors = caseDetail.parties.filter((p) => p.role === 'debtor');
  const open = caseDetail.status === 'open';

  const loaded = useLoad(() => api.caseInquiries(caseDetail.id), [caseDetail.id]);
  const [inquiries, setInquiries] = useState<InquiryProgress[] | null>(null);
  useEffect(() => {
    if (loaded.data) setInquiries(loaded.data);
  }, [loaded.data]);
  const [shownId, setShownId] = useState<string | null>(null);
  const shown = inquiries?.find((q) => q.id === shownId) ?? inquiries?.[0] ?? null;

  const [partyId, setPartyId] = useState(debtors[0]?.id ?? '');
  const [kinds, setKinds] = useState<Set<InstitutionKind>>(new Set());
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const [announcement, setAnnouncement] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  const reloadTargets = useThrottle(() => setRefreshKey((k) => k + 1), 800);

  const manualCodes = useMemo(() => new Set((catalogue ?? []).filter((i) => i.mode === 'manual').map((i) => i.code)), [catalogue]);
  const countByKind = useMemo(() => {
    const m = new Map<string, { all: number; manual: number }>();
    for (const i of catalogue ?? []) {
      const c = m.get(i.kind) ?? { all: 0, manual: 0 };
      c.all++;
      if (i.mode === 'manual') c.manual++;
      m.set(i.kind, c);
    }
    return m;
  }, [catalogue]);

  // The pending institutions of the shown inquiry that answer by hand (to explain why the bar waits).
  const pending = useLoad(
    () =>
      shown && shown.pending > 0
        ? api.inquiryTargets(shown.id, { status: 'pending', pageSize: 100 }).then((r) => r.items)
        : Promise.resolve([] as Target[]),
    [shown?.id, shown?.pending, refreshKey],
  );
  const manualPending = (pending.data ?? []).filter((p) => manualCodes.has(p.institutionCode));

  const listRef = useRef<InquiryProgress[] | null>(null);
  useEffect(() => {
    listRef.current = inquiries;
  }, [inquiries]);

  /** Merges a fresher progress into the list; tells the page when assets were found or the inquiry settled. */
  function accept(next: InquiryProgress) {
    if (next.caseId !== caseDetail.id) return;
    const current = listRef.current ?? [];
    const before = current.find((q) => q.id === next.id);
    const settled = (q: InquiryProgress) => q.answered + q.failed + q.timedOut;
    // Events and polls can cross: never go back to an older state.
    if (before && (settled(before) > settled(next) || (before.status === 'completed' && next.status === 'running'))) return;
    const list = before ? current.map((q) => (q.id === next.id ? next : q)) : [next, ...current];
    listRef.current = list;
    setInquiries(list);
    if (!before || before.assetsFound !== next.assetsFound || before.status !== next.status) onFound();
    if (before?.status === 'running' && next.status === 'completed') {
      setAnnouncement(t('inquiry.doneAnnounce', { answered: next.answered, assets: next.assetsFound }));
    }
    reloadTargets();
  }

  useRealtimeEvent<InquiryProgress>('inquiry.progress', accept);

  // Without the live link, poll every 2 s; with it, a slow safety poll (an event can be missed across a reconnect).
  useInterval(
    () => {
      if (shown) void api.inquiry(shown.id).then(accept, () => undefined);
    },
    connected ? 10_000 : 2_000,
    shown?.status === 'running',
  );

  async function start(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setStartError(null);
    try {
      const started = await api.startInquiry(caseDetail.id, { partyId, kinds: kinds.size ? [...kinds] : undefined });
      accept(started);
      setShownId(started.id);
      setAnnouncement(t('inquiry.started', { total: started.total }));
    } catch (err) {
      setStartError(err);
    } finally {
      setBusy(false);
    }
  }

  function toggleKind(kind: InstitutionKind, on: boolean) {
    setKinds((s) => {
      const next = new Set(s);
      if (on) next.add(kind);
      else next.delete(kind);
      return next;
    });
  }

  return (
    <section className="card" id="inquiry" aria-labelledby="inquiry-title">
      <div className="section-head">
        <h2 id="inquiry-title">{t('inquiry.title')}</h2>
        <LiveState live="inquiry.live" down="inquiry.polling" />
      </div>

      {open ? (
        <form className="inquiry-form" onSubmit={start} aria-labelledby="inquiry-start-title">
          <h3 id="inquiry-start-title" className="visually-hidden">
            {t('inquiry.startTitle')}
          </h3>
          <SelectField
            id="inquiry-debtor"
            label={t('inquiry.debtor')}
            hint={t('inquiry.debtorHint')}
            value={partyId}
            required
            onChange={(e) => setPartyId(e.target.value)}
          >
            {debtors.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </SelectField>
          <fieldset className="kind-set" aria-describedby="inquiry-kinds-hint">
            <legend className="field-label">
              {t('inquiry.kinds')} <span className="optional">{t('common.optional')}</span>
            </legend>
            <p id="inquiry-kinds-hint" className="field-hint">
              {t('inquiry.kindsHint', { n: catalogue?.length ?? '…' })}
            </p>
            <div className="kind-options">
              {INSTITUTION_KINDS.map((kind) => {
                const count = countByKind.get(kind);
                return (
                  <label key={kind} className="check" htmlFor={`kind-${kind}`}>
                    <input
                      type="checkbox"
                      id={`kind-${kind}`}
                      name="kinds"
                      value={kind}
                      checked={kinds.has(kind)}
                      onChange={(e) => toggleKind(kind, e.target.checked)}
                    />
                    <span>
                      {count ? t('inquiry.kindOption', { label: institutionKindLabel(t, kind), n: count.all }) : institutionKindLabel(t, kind)}
                      {count?.manual ? <span className="check-note">{t('inquiry.kindManual', { n: count.manual })}</span> : null}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          {startError ? <Alert kind="error">{errorText(startError, i18n)}</Alert> : null}
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy || !partyId}>
              {busy ? t('inquiry.starting') : t('inquiry.start')}
            </button>
          </div>
        </form>
      ) : null}

      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>

      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.loading && !inquiries ? <Loading /> : null}
      {inquiries && inquiries.length === 0 ? <p className="empty">{t('inquiry.none')}</p> : null}

      {shown && inquiries ? (
        <div className="inquiry-shown">
          {inquiries.length > 1 ? (
            <SelectField id="inquiry-shown" label={t('inquiry.shown')} className="inline-field" value={shown.id} onChange={(e) => setShownId(e.target.value)}>
              {inquiries.map((q) => (
                <option key={q.id} value={q.id}>
                  {t('inquiry.option', { time: formatDateTime(q.startedAt), debtor: q.debtorName, percent: q.percent })}
                </option>
              ))}
            </SelectField>
          ) : null}
          <div className="inquiry-meta">
            <Badge tone={shown.status === 'completed' ? 'success' : 'waiting'}>{t(`inquiry.status.${shown.status}`)}</Badge>
            <span>{t('inquiry.startedAt', { time: formatDateTime(shown.startedAt) })}</span>
            {shown.completedAt ? <span>{t('inquiry.completedAt', { time: formatDateTime(shown.completedAt) })}</span> : null}
          </div>
          <ProgressBar p={shown} />
          <Counters p={shown} />
          {manualPending.length > 0 ? (
            <Alert kind="info">
              <p>{t('inquiry.manualWaiting', { n: manualPending.length })}</p>
              <p className="manual-list">{manualPending.map((m) => m.institutionName).join('、')}</p>
            </Alert>
          ) : null}
          <TargetTable key={shown.id} inquiry={shown} manualCodes={manualCodes} refreshKey={refreshKey} />
        </div>
      ) : null}
    </section>
  );
}
