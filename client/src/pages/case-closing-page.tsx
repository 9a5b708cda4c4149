/**
 * /cases/:id/closing: the judge's closing page. 执行完毕 when nothing is outstanding; the 终本 conditions, each met or
 * missing with its article, the creditor interview (约谈), the termination; after it the re-check schedule, the
 * alerts of assets found, and 恢复执行. The server decides every rule; the page shows what it answers.
 */
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { displayMoney } from '@shared/money';
import type { ClosingAlertView, ClosingView } from '@shared/schemas/closing';
import { api, ApiError } from '../api';
import { Badge } from '../components/badge';
import { Alert, TextAreaField, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { StatusBadge } from '../components/status-badge';
import { useI18n } from '../i18n';
import { errorText } from '../lib/error-text';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { useRealtimeEvent } from '../realtime';

type Missing = { code: string; rule: string; message: string };

const beijingDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export function CaseClosingPage() {
  const { id = '' } = useParams();
  const i18n = useI18n();
  const { t, pick, formatDate, formatDateTime } = i18n;
  const closing = useLoad(() => api.caseClosing(id), [id]);
  const v = closing.data;
  usePageTitle(v ? `${t('closing.title')} · ${v.caseNo}` : t('closing.title'));
  const [notice, setNotice] = useState<{ kind: 'success' | 'error' | 'info'; text: string; missing?: Missing[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [interviewedOn, setInterviewedOn] = useState(beijingDay);
  const [content, setContent] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');

  useRealtimeEvent<ClosingAlertView>('closing.alert', (alert) => {
    if (alert.caseId !== id) return;
    setNotice({ kind: 'info', text: t('closing.alerts.live', { caseNo: alert.caseNo }) });
    closing.reload();
  });

  async function act(run: () => Promise<unknown>, done: string) {
    setBusy(true);
    setNotice(null);
    try {
      await run();
      setNotice({ kind: 'success', text: done });
      closing.reload();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'TERMINATION_CONDITIONS_UNMET') {
        const missing = ((e.details as { missing?: Missing[] } | undefined)?.missing ?? []) as Missing[];
        setNotice({ kind: 'error', text: t('closing.terminate.refused', { n: missing.length }), missing });
      } else setNotice({ kind: 'error', text: errorText(e, i18n) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const onInterview = async (e: FormEvent) => {
    e.preventDefault();
    if (await act(() => api.recordInterview(id, { interviewedOn, content }), t('closing.interview.done'))) setContent('');
  };
  const onTerminate = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api.terminateCase(id, note.trim() ? { note } : {}), t('closing.terminate.done'));
  };
  const onRestore = async (e: FormEvent) => {
    e.preventDefault();
    if (await act(() => api.restoreCase(id, { reason }), t('closing.restore.done'))) setReason('');
  };

  return (
    <div className="page closing-page">
      <p className="back-link">
        <Link to={`/cases/${id}`}>← {v?.caseNo ?? t('case.summary')}</Link>
      </p>
      <div className="page-head">
        <h1>{t('closing.title')}</h1>
        {v ? <StatusBadge status={v.status} /> : null}
      </div>
      <p className="lead">{t('closing.intro')}</p>
      {closing.error ? <LoadError error={closing.error} onRetry={closing.reload} /> : null}
      {closing.loading && !v ? <Loading /> : null}
      {notice ? (
        <div role="status" data-testid="closing-notice">
          <Alert kind={notice.kind}>
            {notice.text}
            {notice.missing ? (
              <ul className="missing-list">
                {notice.missing.map((m) => (
                  <li key={m.code} data-code={m.code}>
                    {pick(m.message)} <span className="rule">（{m.rule}）</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        </div>
      ) : null}
      {v ? body(v) : null}
    </div>
  );

  // A render function, not a component: a component declared here would remount (and lose the typing) on each render.
  function body(v: ClosingView) {
    const open = v.status === 'open';
    return (
      <div className="closing-grid">
        <section className="card" aria-labelledby="closing-satisfied-title">
          <h2 id="closing-satisfied-title">{t('closing.satisfied.title')}</h2>
          <p className="lead">{t('closing.satisfied.intro')}</p>
          <dl className="facts">
            <div>
              <dt>{t('closing.outstanding')}</dt>
              <dd className="money">{displayMoney(v.outstandingAmount)}</dd>
            </div>
          </dl>
          {open ? (
            <p className="button-row">
              <button type="button" className="button button-primary" disabled={busy || !v.canCloseSatisfied} onClick={() => void act(() => api.closeSatisfied(id), t('closing.satisfied.done'))}>
                {t('closing.satisfied.submit')}
              </button>
            </p>
          ) : null}
          {open && !v.canCloseSatisfied ? <p className="field-hint">{t('closing.satisfied.notYet', { amount: displayMoney(v.outstandingAmount) })}</p> : null}
          {v.status === 'satisfied' || v.status === 'closed' ? <p className="field-hint">{t('closing.closedNote')}</p> : null}
        </section>

        <section className="card" aria-labelledby="closing-conditions-title">
          <h2 id="closing-conditions-title">{t('closing.conditions.title')}</h2>
          <ul className="checklist" aria-label={t('closing.conditions.caption')}>
            {v.conditions.map((c) => (
              <li key={c.code} data-code={c.code} data-met={c.met} className={c.met ? 'is-met' : 'is-missing'}>
                <Badge tone={c.met ? 'success' : 'danger'}>{c.met ? `✓ ${t('closing.met')}` : `✗ ${t('closing.missing')}`}</Badge> <strong>{t(`closing.cond.${c.code}`)}</strong>
                <br />
                <span className="field-hint">
                  {pick(c.message)}（{c.rule}）
                </span>
              </li>
            ))}
          </ul>
          {open ? (
            <form onSubmit={onTerminate} className="stack">
              <TextAreaField id="terminate-note" label={t('closing.terminate.note')} optional value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
              <p className="button-row">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {t('closing.terminate.submit')}
                </button>
              </p>
            </form>
          ) : null}
        </section>

        <section className="card" aria-labelledby="closing-interview-title">
          <h2 id="closing-interview-title">{t('closing.interview.title')}</h2>
          <p className="lead">{t('closing.interview.intro')}</p>
          {v.interviews.length === 0 ? <p>{t('closing.interview.none')}</p> : null}
          <ul className="interviews">
            {v.interviews.map((iv) => (
              <li key={iv.id}>
                <strong>{iv.interviewedOn}</strong> · {t('closing.interview.by', { name: pick(iv.recordedBy.displayName) })}
                <p>{iv.content}</p>
              </li>
            ))}
          </ul>
          {open ? (
            <form onSubmit={(e) => void onInterview(e)} className="stack">
              <TextField id="interview-date" type="date" label={t('closing.interview.date')} required value={interviewedOn} onChange={(e) => setInterviewedOn(e.target.value)} />
              <TextAreaField id="interview-content" label={t('closing.interview.content')} required value={content} onChange={(e) => setContent(e.target.value)} rows={3} />
              <p className="button-row">
                <button type="submit" className="button" disabled={busy}>
                  {t('closing.interview.submit')}
                </button>
              </p>
            </form>
          ) : null}
        </section>

        <section className="card closing-wide" aria-labelledby="closing-rechecks-title">
          <h2 id="closing-rechecks-title">{t('closing.rechecks.title')}</h2>
          <p className="lead">{t('closing.rechecks.intro')}</p>
          {v.alerts.length > 0 ? (
            <div data-testid="closing-alerts">
              <h3>{t('closing.alerts.title')}</h3>
              <ul>
                {v.alerts.map((a) => (
                  <li key={a.id}>
                    <Badge tone="warning">{t('closing.alerts.item', { at: formatDateTime(a.at), n: a.assetCount, value: displayMoney(a.valueFound) })}</Badge>
                    <ul>
                      {a.assets.map((x) => (
                        <li key={`${x.institutionCode}-${x.identifier}`}>
                          {x.description} {x.identifier} {displayMoney(x.balance ?? x.indicativeValue ?? '0')}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {v.rechecks.length === 0 ? (
            <p>{t('closing.rechecks.none')}</p>
          ) : (
            <table className="data-table closing-rechecks">
              <caption className="visually-hidden">{t('closing.rechecks.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('closing.rechecks.seq')}</th>
                  <th scope="col">{t('closing.rechecks.due')}</th>
                  <th scope="col">{t('closing.rechecks.state')}</th>
                  <th scope="col">{t('closing.rechecks.found')}</th>
                </tr>
              </thead>
              <tbody>
                {v.rechecks.map((r) => (
                  <tr key={r.id}>
                    <td>{t('closing.rechecks.nth', { n: r.seq })}</td>
                    <td>{formatDate(r.dueAt)}</td>
                    <td>{t(`closing.recheck.${r.status}`)}</td>
                    <td>{r.status === 'done' ? `${r.assetsFound} · ${displayMoney(r.valueFound)}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {v.status === 'terminated' ? (
            <form onSubmit={(e) => void onRestore(e)} className="stack closing-restore">
              <h3>{t('closing.restore.title')}</h3>
              <p className="field-hint">{t('closing.restore.intro')}</p>
              <TextAreaField id="restore-reason" label={t('closing.restore.reason')} required value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
              <p className="button-row">
                <button type="submit" className="button button-primary" disabled={busy}>
                  {t('closing.restore.submit')}
                </button>
              </p>
            </form>
          ) : null}
        </section>
      </div>
    );
  }
}
