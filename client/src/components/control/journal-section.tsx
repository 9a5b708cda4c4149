/** 报文日志: every message to and from the institutions about the case (requests, replies, errors), collapsed by default. */
import { useState } from 'react';
import { api, type Institution, type JournalEntry } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../lib/use-load';
import { Badge, type Tone } from '../badge';
import { Loading } from '../layout';
import { LoadError } from '../load-error';
import { Pager } from '../pager';
import { messageTypeLabel } from './labels';

const PAGE_SIZE = 20;

const DIRECTION_TONE: Record<JournalEntry['direction'], Tone> = { request: 'neutral', reply: 'success', error: 'danger', callback: 'info', handoff: 'info' };

function replyStatus(payload: unknown): string | null {
  const status = (payload as { status?: unknown } | null)?.status;
  return typeof status === 'string' ? status : null;
}

function JournalTable({ caseId, names, refreshKey }: { caseId: string; names: Map<string, string>; refreshKey: number }) {
  const { t, pick, formatDateTime } = useI18n();
  const [page, setPage] = useState(1);
  const journal = useLoad(() => api.caseJournal(caseId, { page, pageSize: PAGE_SIZE }), [caseId, page, refreshKey]);
  const data = journal.data;
  if (journal.error) return <LoadError error={journal.error} onRetry={journal.reload} />;
  if (!data) return <Loading />;
  if (data.items.length === 0) return <p className="empty">{t('journal.empty')}</p>;
  return (
    <>
      <div className={`table-wrap${journal.loading ? ' is-stale' : ''}`}>
        <table className="data-table stack-table journal-table">
          <caption className="visually-hidden">{t('journal.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('journal.col.time')}</th>
              <th scope="col">{t('journal.col.institution')}</th>
              <th scope="col">{t('journal.col.type')}</th>
              <th scope="col">{t('journal.col.direction')}</th>
              <th scope="col">{t('journal.col.result')}</th>
              <th scope="col" className="num">
                {t('journal.col.duration')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((e) => {
              const status = e.direction === 'reply' ? replyStatus(e.payload) : null;
              // An institution that answers by hand refuses the automatic call: the notice went to its inbox instead.
              const handedOff = e.direction === 'handoff';
              return (
                <tr key={e.seq}>
                  <td data-label={t('journal.col.time')}>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <th scope="row" data-label={t('journal.col.institution')}>
                    {names.get(e.institutionCode) ?? e.institutionCode}
                  </th>
                  <td data-label={t('journal.col.type')}>
                    {messageTypeLabel(t, e.type)}
                    {e.attempt > 1 ? <span className="small muted"> · {t('journal.attempt', { n: e.attempt })}</span> : null}
                  </td>
                  <td data-label={t('journal.col.direction')}>
                    <Badge tone={DIRECTION_TONE[e.direction]}>{t(`dir.${e.direction}`)}</Badge>
                  </td>
                  <td data-label={t('journal.col.result')} className="note-cell">
                    {handedOff ? t('target.manualNote') : e.error ? pick(e.error) : status && ['answered', 'executed', 'rejected'].includes(status) ? t(`reply.${status as 'answered'}`) : ''}
                    {e.httpStatus && !handedOff ? <span className="small muted"> HTTP {e.httpStatus}</span> : null}
                  </td>
                  <td data-label={t('journal.col.duration')} className="num">
                    {e.durationMs !== null ? t('journal.ms', { n: e.durationMs }) : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="table-foot">{t('journal.summary', { total: data.total })}</p>
      <Pager name={t('journal.title')} page={page} total={data.total} pageSize={PAGE_SIZE} onPage={setPage} />
    </>
  );
}

export function JournalSection({ caseId, catalogue, refreshKey }: { caseId: string; catalogue: Institution[] | undefined; refreshKey: number }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const names = new Map((catalogue ?? []).map((i) => [i.code, i.name]));
  return (
    <section className="card" id="journal" aria-labelledby="journal-title">
      <h2 id="journal-title" className="disclosure-heading">
        <button type="button" className="disclosure" aria-expanded={open} aria-controls="journal-body" onClick={() => setOpen((o) => !o)}>
          <span className="disclosure-icon" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {t('journal.title')}
        </button>
      </h2>
      <div id="journal-body" hidden={!open}>
        {open ? <JournalTable caseId={caseId} names={names} refreshKey={refreshKey} /> : null}
      </div>
    </section>
  );
}
