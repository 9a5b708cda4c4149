/**
 * On the staff's case page: the parties' query code (查询码: issued here, shown once) and the recording of a petition
 * (信访) received by visit, letter or phone. Assigning and answering happen on the petitions page.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { errorText } from '../lib/error-text';
import { useLoad } from '../lib/use-load';
import { transparencyApi } from '../transparency-api';
import { Alert } from './fields';
import { LoadError } from './load-error';
import { PetitionFields } from './petition-fields';
import '../transparency.css';

export function CaseTransparencyCard({ caseId, onChanged }: { caseId: string; /** Called after a change, to reload the timeline. */ onChanged(): void }) {
  const i18n = useI18n();
  const { t, formatDateTime, formatDate } = i18n;
  const { user } = useAuth();
  const status = useLoad(() => transparencyApi.queryCodeStatus(caseId), [caseId]);
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState('');
  const canAct = user?.role === 'judge' || user?.role === 'clerk';

  const issue = async () => {
    if (status.data?.issued && !window.confirm(t('qc.reissueConfirm'))) return;
    setBusy(true);
    setError('');
    try {
      const issued = await transparencyApi.issueQueryCode(caseId);
      setCode(issued.code);
      status.reload();
      onChanged();
    } catch (e) {
      setError(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  const record = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = (k: string) => String(form.get(k) ?? '').trim();
    setBusy(true);
    setError('');
    try {
      const p = await transparencyApi.receivePetition(caseId, {
        petitionerName: value('petitionerName'),
        petitionerRole: value('petitionerRole') as 'creditor' | 'debtor' | 'other',
        channel: value('channel') as 'visit' | 'letter' | 'phone',
        contact: value('contact') || undefined,
        content: value('content'),
      });
      setRecorded(t('pet.recorded', { date: formatDate(p.assignDueAt) }));
      setRecording(false);
      onChanged();
    } catch (err) {
      setError(errorText(err, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card transparency-card" id="transparency" aria-labelledby="case-transparency-title">
      <div className="section-head">
        <h2 id="case-transparency-title">{t('qc.title')}</h2>
        {canAct ? (
          <button type="button" className="button button-primary" onClick={() => void issue()} disabled={busy} data-testid="issue-query-code">
            {status.data?.issued ? t('qc.reissue') : t('qc.issue')}
          </button>
        ) : null}
      </div>
      <p className="lead">{t('qc.intro')}</p>
      {status.error ? <LoadError error={status.error} onRetry={status.reload} /> : null}
      {status.data ? <p>{status.data.issued && status.data.issuedAt ? t('qc.issuedAt', { date: formatDateTime(status.data.issuedAt) }) : t('qc.none')}</p> : null}
      {code ? (
        <div className="query-code-box" role="status">
          <p className="small">{t('qc.shown')}</p>
          <p className="query-code" data-testid="query-code">
            {code}
          </p>
          <p className="small muted">{t('qc.shownHint')}</p>
        </div>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}

      <div className="section-head petitions-head">
        <h3>{t('pet.caseCard')}</h3>
        {canAct && !recording ? (
          <button type="button" className="button" onClick={() => setRecording(true)}>
            {t('pet.record')}
          </button>
        ) : null}
      </div>
      <p className="small muted">{t('pet.caseCardIntro')}</p>
      {recorded ? <Alert kind="success">{recorded}</Alert> : null}
      {recording ? (
        <form className="stack-form" onSubmit={(e) => void record(e)}>
          <PetitionFields withChannel />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {t('pet.record')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setRecording(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <p>
        <Link to={`/petitions?caseId=${caseId}`}>{t('pet.openList')}</Link>
      </p>
    </section>
  );
}
