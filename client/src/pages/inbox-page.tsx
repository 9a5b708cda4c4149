/**
 * /inbox: the institution operator's assistance notices (协助执行通知书). New notices arrive live over `inbox.notice`:
 * the notice appears at the top, highlighted, and a polite live region announces it. The other tabs are the history
 * (executed, refused). The institution's webhook for new notices is set at the bottom.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { WebhookBody } from '@shared/schemas/inbox';
import { api, ApiError, type NoticeStatusValue, type NoticeView } from '../api';
import { useAuth } from '../auth';
import { Badge, type Tone } from '../components/badge';
import { messageTypeLabel } from '../components/control/labels';
import { Alert, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LiveState } from '../components/live-state';
import { LoadError } from '../components/load-error';
import { Pager } from '../components/pager';
import { useI18n } from '../i18n';
import { errorText } from '../lib/error-text';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { useInterval, useRealtimeConnected, useRealtimeEvent } from '../realtime';

const PAGE_SIZE = 20;
const TABS: NoticeStatusValue[] = ['new', 'executed', 'rejected'];

export const NOTICE_TONE: Record<NoticeStatusValue, Tone> = { new: 'warning', executed: 'success', rejected: 'danger' };

/** The debtor named in a notice body (inquiry, freeze, seize), if any. */
export function noticeDebtor(n: NoticeView): { kind?: string; name?: string; idNumber?: string } | null {
  const d = n.body.debtor;
  return d && typeof d === 'object' ? (d as { kind?: string; name?: string; idNumber?: string }) : null;
}

function WebhookCard() {
  const i18n = useI18n();
  const { t, pick } = i18n;
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Show the webhook already registered, if any.
  useEffect(() => {
    let live = true;
    api
      .myInstitution()
      .then((mine) => {
        if (live && mine.webhookUrl) setUrl((current) => current || mine.webhookUrl!);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  async function save(value: string | null) {
    setError(null);
    setFormError(null);
    setSaved(null);
    const parsed = WebhookBody.safeParse({ url: value });
    if (!parsed.success) {
      setError(pick(parsed.error.issues[0]?.message ?? ''));
      document.getElementById('webhook-url')?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await api.setWebhook(value);
      setSaved(result.url ? t('webhook.saved', { url: result.url }) : t('webhook.removed'));
      if (!result.url) setUrl('');
    } catch (err) {
      const issue = err instanceof ApiError ? err.issues.find((i) => i.path[0] === 'url') : undefined;
      if (issue) setError(pick(issue.message));
      else setFormError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card webhook-card" aria-labelledby="webhook-title">
      <h2 id="webhook-title">{t('webhook.title')}</h2>
      <p className="lead">{t('webhook.intro')}</p>
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save(url.trim());
        }}
      >
        {formError ? <Alert kind="error">{formError}</Alert> : null}
        <TextField
          id="webhook-url"
          label={t('webhook.url')}
          hint={t('webhook.hint')}
          error={error ?? undefined}
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('webhook.saving') : t('webhook.save')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void save(null)}>
            {t('webhook.remove')}
          </button>
        </div>
        <div aria-live="polite" className="live-slot">
          {saved ? <p className="alert alert-success">{saved}</p> : null}
        </div>
      </form>
    </section>
  );
}

export function InboxPage() {
  const { t, pick, formatDateTime } = useI18n();
  const { user } = useAuth();
  const connected = useRealtimeConnected();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: NoticeStatusValue = TABS.includes(statusParam as NoticeStatusValue) ? (statusParam as NoticeStatusValue) : 'new';
  const page = Math.max(1, Number(params.get('page')) || 1);
  usePageTitle(t('inbox.title'));

  const list = useLoad(() => api.inbox({ status, page, pageSize: PAGE_SIZE }), [status, page]);
  const newCount = useLoad(() => api.inbox({ status: 'new', pageSize: 1 }), [status, page]);
  const [arrived, setArrived] = useState<NoticeView[]>([]);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const shownKey = `${status}:${page}`;
  const lastKey = useRef(shownKey);

  // A notice that arrived live stays on top until the list is read again from the server (which then holds it).
  useEffect(() => {
    if (lastKey.current !== shownKey) {
      lastKey.current = shownKey;
      setArrived([]);
    }
  }, [shownKey]);

  useRealtimeEvent<NoticeView>('inbox.notice', (n) => {
    setFresh((s) => new Set(s).add(n.id));
    setArrived((a) => (a.some((x) => x.id === n.id) ? a : [n, ...a]));
    setAnnouncement(t('inbox.arrived', { type: messageTypeLabel(t, n.type), caseNo: n.caseNo, court: n.courtName }));
    newCount.reload();
  });

  useInterval(
    () => {
      list.reload();
      newCount.reload();
    },
    10_000,
    !connected,
  );

  const fromServer = list.data?.items ?? [];
  const live = status === 'new' && page === 1 ? arrived.filter((n) => !fromServer.some((s) => s.id === n.id)) : [];
  const items = [...live, ...fromServer];
  const total = (list.data?.total ?? 0) + live.length;

  function choose(next: NoticeStatusValue) {
    setParams(next === 'new' ? {} : { status: next });
  }

  return (
    <div className="page inbox-page">
      <div className="page-head">
        <div>
          <h1>{t('inbox.title')}</h1>
          {user?.institutionName ? <p className="page-sub">{t('inbox.intro', { institution: user.institutionName })}</p> : null}
        </div>
        <LiveState live="inbox.live" down="inbox.polling" />
      </div>

      <p className="visually-hidden" role="status" aria-live="polite" data-testid="inbox-announcer">
        {announcement}
      </p>

      <nav className="tabs" aria-label={t('inbox.filter')}>
        <ul>
          {TABS.map((s) => (
            <li key={s}>
              <a
                href={s === 'new' ? '/inbox' : `/inbox?status=${s}`}
                aria-current={s === status ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  choose(s);
                }}
              >
                {t(`inbox.tab.${s}`)}
                {s === 'new' && newCount.data ? <span className="tab-count">{newCount.data.total}</span> : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data ? (
        items.length === 0 ? (
          <p className="empty card">{t(`inbox.empty.${status}`)}</p>
        ) : (
          <div className={`table-wrap${list.loading ? ' is-stale' : ''}`}>
            <table className="data-table stack-table inbox-table">
              <caption className="visually-hidden">{t('inbox.caption', { status: t(`inbox.tab.${status}`) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inbox.col.case')}</th>
                  <th scope="col">{t('inbox.col.type')}</th>
                  <th scope="col">{t('inbox.col.court')}</th>
                  <th scope="col">{t('inbox.col.debtor')}</th>
                  <th scope="col">{t('inbox.col.received')}</th>
                  <th scope="col">{t('inbox.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((n) => {
                  const debtor = noticeDebtor(n);
                  const isFresh = fresh.has(n.id);
                  return (
                    <tr key={n.id} className={isFresh ? 'is-fresh' : undefined} data-notice={n.id} data-type={n.type}>
                      <th scope="row" data-label={t('inbox.col.case')}>
                        <span className="case-cell">
                          <Link to={`/inbox/${n.id}`} className="case-no">
                            {n.caseNo}
                          </Link>
                          {isFresh ? <Badge tone="info">{t('inbox.newBadge')}</Badge> : null}
                        </span>
                      </th>
                      <td data-label={t('inbox.col.type')}>{messageTypeLabel(t, n.type)}</td>
                      <td data-label={t('inbox.col.court')}>{n.courtName}</td>
                      <td data-label={t('inbox.col.debtor')}>{debtor?.name ?? '—'}</td>
                      <td data-label={t('inbox.col.received')}>
                        <time dateTime={n.receivedAt}>{formatDateTime(n.receivedAt)}</time>
                      </td>
                      <td data-label={t('inbox.col.status')}>
                        <span className="stack">
                          <Badge tone={NOTICE_TONE[n.status]}>{t(`notice.status.${n.status}`)}</Badge>
                          {n.reason ? <span className="small muted">{pick(n.reason)}</span> : null}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      ) : null}
      {list.data ? (
        <Pager
          name={t('inbox.title')}
          page={page}
          total={total}
          pageSize={PAGE_SIZE}
          onPage={(p) => setParams(status === 'new' ? { page: String(p) } : { status, page: String(p) })}
        />
      ) : null}

      <WebhookCard />
    </div>
  );
}
