/**
 * /petitions: the court's petitions (信访) by status, open ones first by the deadline running now; a deadline that has
 * passed is marked red. A judge or clerk assigns a petition to a judge of the court; the assigned judge answers it.
 * Reminders and overdue marks arrive live (socket.io `petition.updated` to the court's room).
 */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { StaffView } from '@shared/schemas/courts';
import { useAuth } from '../auth';
import { Badge } from '../components/badge';
import { Alert, SelectField, TextAreaField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n } from '../i18n';
import { errorText } from '../lib/error-text';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import { useRealtimeEvent } from '../realtime';
import { transparencyApi, type PetitionView } from '../transparency-api';
import '../transparency.css';

const FILTERS = ['', 'received', 'assigned', 'answered', 'overdue'] as const;

function PetitionItem({ p, judges, onChanged }: { p: PetitionView; judges: StaffView[]; onChanged(): void }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { user } = useAuth();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [answering, setAnswering] = useState(false);
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setError('');
    try {
      await run();
      setAnswering(false);
      onChanged();
    } catch (e) {
      setError(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };
  const assign = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const assigneeId = String(new FormData(e.currentTarget).get(`assignee-${p.id}`) ?? '');
    void act(() => transparencyApi.assignPetition(p.id, assigneeId));
  };
  const answer = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const text = String(new FormData(e.currentTarget).get(`answer-${p.id}`) ?? '');
    void act(() => transparencyApi.answerPetition(p.id, text));
  };
  const tone = p.status === 'answered' ? 'success' : p.overdue ? 'danger' : p.status === 'assigned' ? 'info' : 'waiting';
  return (
    <li className={`card petition${p.overdue ? ' is-overdue' : ''}`} data-petition={p.id} data-status={p.status}>
      <div className="petition-head">
        <Badge tone={tone}>{t(`pet.status.${p.status}`)}</Badge>
        <Link to={`/cases/${p.caseId}`} className="case-no">
          {p.caseNo}
        </Link>
        <span className="small muted">
          {t(`pet.channel.${p.channel as 'visit'}`)} · {t('pet.receivedAt', { date: formatDateTime(p.receivedAt) })}
        </span>
        {p.dueAt ? (
          <span className={`petition-due${p.overdue ? ' is-overdue' : ''}`} data-testid="petition-due">
            {p.overdue ? <Badge tone="danger">{t('pet.overdue')}</Badge> : null} {t('pet.due', { date: formatDateTime(p.dueAt) })}
          </span>
        ) : null}
      </div>
      <p className="petition-who">
        <strong>{t('pet.petitioner')}</strong> {p.petitionerName}（{t(`pet.role.${p.petitionerRole}`)}）{p.contact ? ` · ${p.contact}` : ''}
      </p>
      <p className="petition-content">{p.content}</p>
      {p.overdueSteps.length > 0 ? <p className="small petition-late">{t('pet.overdueSteps', { steps: p.overdueSteps.map((s) => t(`pet.step.${s}`)).join('、') })}</p> : null}
      {p.assignee ? (
        <p className="small">
          {t('pet.assignee')}：{p.assignee.displayName}
        </p>
      ) : null}
      {p.answer ? (
        <div className="petition-answer">
          <p className="small muted">{t('pet.answered', { date: formatDateTime(p.answeredAt!) })}</p>
          <p>{p.answer}</p>
        </div>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      {p.status !== 'answered' ? (
        <div className="petition-actions">
          <form className="inline-form" onSubmit={assign}>
            <SelectField id={`assignee-${p.id}`} label={t('pet.chooseJudge')} required defaultValue={p.assignee?.id ?? ''}>
              <option value="" disabled>
                {t('pet.chooseJudge')}
              </option>
              {judges.map((j) => (
                <option key={j.id} value={j.id}>
                  {j.displayName}
                </option>
              ))}
            </SelectField>
            <button type="submit" className="button" disabled={busy}>
              {p.assignee ? t('pet.reassign') : t('pet.assign')}
            </button>
          </form>
          {p.status === 'assigned' && p.assignee?.id === user?.id && !answering ? (
            <button type="button" className="button button-primary" onClick={() => setAnswering(true)}>
              {t('pet.answer')}
            </button>
          ) : null}
        </div>
      ) : null}
      {answering ? (
        <form className="stack-form" onSubmit={answer}>
          <TextAreaField id={`answer-${p.id}`} label={t('pet.answerLabel')} required minLength={5} maxLength={4000} rows={4} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('pet.submitAnswer')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setAnswering(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

export function PetitionsPage() {
  const { t } = useI18n();
  usePageTitle(t('pet.title'));
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const filter = params.get('filter') ?? '';
  const caseId = params.get('caseId') ?? undefined;
  const list = useLoad(
    () => transparencyApi.petitions({ status: filter && filter !== 'overdue' ? filter : undefined, overdue: filter === 'overdue' ? 'true' : undefined, caseId }),
    [filter, caseId],
  );
  const staff = useLoad(() => (user?.courtId ? transparencyApi.courtStaff(user.courtId) : Promise.resolve([])), [user?.courtId]);
  const judges = (staff.data ?? []).filter((s) => s.role === 'judge');
  useRealtimeEvent('petition.updated', () => list.reload());

  return (
    <div className="page petitions-page">
      <div className="page-head">
        <h1>{t('pet.title')}</h1>
        {list.data ? <span className="result-count">{t('pet.count', { n: list.data.total })}</span> : null}
      </div>
      <p className="lead">{t('pet.intro')}</p>
      <nav className="filter-tabs" aria-label={t('pet.title')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={`button ${filter === f ? 'button-primary' : 'button-quiet'}`}
            aria-pressed={filter === f}
            onClick={() => {
              const next = new URLSearchParams(params);
              if (f) next.set('filter', f);
              else next.delete('filter');
              setParams(next);
            }}
          >
            {f === '' ? t('pet.filter.all') : f === 'overdue' ? t('pet.filter.overdue') : t(`pet.status.${f}`)}
          </button>
        ))}
      </nav>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && list.data.items.length === 0 ? <p className="empty card">{t('pet.empty')}</p> : null}
      <ul className="petition-list">
        {list.data?.items.map((p) => <PetitionItem key={p.id} p={p} judges={judges} onChanged={list.reload} />)}
      </ul>
    </div>
  );
}
