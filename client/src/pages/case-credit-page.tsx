/**
 * 失信名单办理 (/cases/:id/credit): the judge lists a debtor of the case on one of the six grounds (失信 Art. 1),
 * extends a term (Art. 2), removes a listing with the reason (Art. 10) and decides correction requests (Art. 11); or
 * restricts a debtor's consumption by an order without listing them (限制消费令, 限高 Art. 1) and lifts it (限高 Art. 9).
 * Every rule is the server's; its refusals are shown as it words them.
 */
import { displayMoney } from '@shared/money';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { GROUND_LABELS, LISTING_GROUNDS, type ListingGround } from '@shared/credit';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { creditApi, type CaseCreditView, type InterceptionView, type ListingView, type RestrictionOrderView } from '../credit-api';
import { Badge } from '../components/badge';
import { SelectField, TextAreaField, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n } from '../i18n';
import { useLoad } from '../lib/use-load';
import { issuesToErrors, type FieldErrors } from '../lib/form-errors';
import { usePageTitle } from '../lib/use-page-title';
import '../credit.css';

export function useGroundLabel(): (ground: ListingGround) => string {
  const { lang } = useI18n();
  return (ground) => `${GROUND_LABELS[ground].item}${lang === 'zh' ? GROUND_LABELS[ground].zh : GROUND_LABELS[ground].en}`;
}

/** The server's refusal of a form, at the field it names (details.issues), shown in the page's language. */
function useServerFieldErrors(): { err(key: string): string | undefined; catchFrom(e: unknown): void; clear(): void } {
  const { pick } = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({});
  return {
    err: (key) => (errors[key] ? pick(errors[key]) : undefined),
    catchFrom: (e) => setErrors(e instanceof ApiError ? issuesToErrors(e.issues) : {}),
    clear: () => setErrors({}),
  };
}

function ListingCard({ listing, canDecide, onDone, run }: { listing: ListingView; canDecide: boolean; onDone(): void; run(action: () => Promise<unknown>): Promise<void> }) {
  const { t, formatDate } = useI18n();
  const groundLabel = useGroundLabel();
  const [reason, setReason] = useState('');
  const [years, setYears] = useState('1');
  const [decision, setDecision] = useState('');
  const current = listing.status === 'listed';
  return (
    <article className="card credit-listing" data-listing={listing.id} aria-label={listing.debtorName}>
      <div className="section-head">
        <h3>
          {listing.debtorName} <Badge tone={current ? 'danger' : 'neutral'}>{t(`credit.status.${listing.status}`)}</Badge>
        </h3>
      </div>
      <dl className="facts">
        <div>
          <dt>{t('credit.col.ground')}</dt>
          <dd>{groundLabel(listing.ground)}</dd>
        </div>
        <div>
          <dt>{t('credit.form.evidence')}</dt>
          <dd>{listing.evidence}</dd>
        </div>
        <div>
          <dt>{t('credit.listedAt')}</dt>
          <dd>{formatDate(listing.listedAt)}</dd>
        </div>
        <div>
          <dt>{t('credit.expiresAt')}</dt>
          <dd data-field="expiresAt">{listing.expiresAt ? formatDate(listing.expiresAt) : t('credit.noTerm')}</dd>
        </div>
      </dl>
      <p>{t('credit.restricted', { names: listing.restrictions.map((r) => r.name).join('、') })}</p>
      {current && listing.removalCause ? <p className="alert">{t('credit.removalDueBy', { date: formatDate(listing.removalDueBy ?? listing.listedAt) })}</p> : null}
      {!current && listing.removedAt ? (
        <p>
          {t('credit.removedAt', { date: formatDate(listing.removedAt) })} · {listing.removalCause ? t(`credit.cause.${listing.removalCause}`) : ''}
          {listing.removalReason ? ` · ${listing.removalReason}` : ''}
        </p>
      ) : null}
      {current && canDecide ? (
        <form className="credit-actions" onSubmit={(e) => e.preventDefault()} noValidate aria-label={t('credit.actions')}>
          <TextField id={`listing-reason-${listing.id}`} label={t('credit.reason')} hint={t('credit.reason.hint')} required value={reason} onChange={(e) => setReason(e.target.value)} />
          {listing.expiresAt ? (
            <SelectField id={`listing-years-${listing.id}`} label={t('credit.extend.years')} value={years} onChange={(e) => setYears(e.target.value)}>
              {[1, 2, 3].map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </SelectField>
          ) : null}
          <p className="button-row">
            {listing.expiresAt ? (
              <button type="button" className="button" onClick={() => void run(() => creditApi.extend(listing.id, { years: Number(years), reason })).then(onDone)}>
                {t('credit.extend')}
              </button>
            ) : null}
            <button type="button" className="button button-danger" onClick={() => void run(() => creditApi.remove(listing.id, reason)).then(onDone)}>
              {t('credit.remove')}
            </button>
          </p>
        </form>
      ) : null}
      {listing.corrections.length ? (
        <section aria-label={t('credit.corrections')}>
          <h4>{t('credit.corrections')}</h4>
          <ul className="credit-corrections">
            {listing.corrections.map((c) => (
              <li key={c.id}>
                <strong>{c.applicantName}</strong>：{c.reasons} · {c.status === 'pending' ? t('credit.correction.due', { date: formatDate(c.dueBy) }) : `${c.status === 'upheld' ? t('credit.uphold') : t('credit.reject')}：${c.decisionReason ?? ''}`}
                {c.overdue ? <Badge tone="danger">{t('credit.correction.overdue')}</Badge> : null}
                {c.status === 'pending' && canDecide ? (
                  <div className="credit-inline-form">
                    <TextField id={`decision-${c.id}`} label={t('credit.correction.decision')} value={decision} onChange={(e) => setDecision(e.target.value)} />
                    <button type="button" className="button" onClick={() => void run(() => creditApi.decide(c.id, 'upheld', decision)).then(onDone)}>
                      {t('credit.uphold')}
                    </button>
                    <button type="button" className="button" onClick={() => void run(() => creditApi.decide(c.id, 'rejected', decision)).then(onDone)}>
                      {t('credit.reject')}
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

type Run = (action: () => Promise<unknown>) => Promise<void>;

/** 限制消费令 (限高 Art. 1): a judge restricts one debtor without listing them; an organisation names its legal representative (Art. 3 para 2). */
function OrderForm({ caseId, debtor, onDone, run }: { caseId: string; debtor: CaseCreditView['debtors'][number]; onDone(): void; run: Run }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [repName, setRepName] = useState('');
  const [repId, setRepId] = useState('');
  const fields = useServerFieldErrors();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let made = false;
    fields.clear();
    void run(async () => {
      try {
        await creditApi.order(caseId, { partyId: debtor.partyId, reason, ...(debtor.kind === 'organisation' ? { legalRepName: repName, legalRepIdNumber: repId } : {}) });
      } catch (err) {
        fields.catchFrom(err);
        throw err;
      }
      made = true;
    }).then(() => {
      // A refusal keeps what was typed, to correct it.
      if (made) onDone();
    });
  };
  return (
    <form onSubmit={submit} noValidate className="credit-inline-form credit-order-form" aria-label={`${t('credit.order.action')} · ${debtor.name}`} data-order-form={debtor.partyId}>
      <TextField id={`order-reason-${debtor.partyId}`} label={t('credit.order.reason')} required value={reason} onChange={(e) => setReason(e.target.value)} error={fields.err('reason')} className="grow" />
      {debtor.kind === 'organisation' ? <LegalRepFields idPrefix={`order-${debtor.partyId}`} name={repName} idNumber={repId} onName={setRepName} onIdNumber={setRepId} err={fields.err} /> : null}
      <p className="button-row">
        <button type="submit" className="button">
          {t('credit.order.action')}
        </button>
      </p>
    </form>
  );
}

/** A company's legal representative, whom a listing or an order restricts too (限高 Art. 3 para 2): name and ID number. */
function LegalRepFields({ idPrefix, name, idNumber, onName, onIdNumber, err }: { idPrefix: string; name: string; idNumber: string; onName(v: string): void; onIdNumber(v: string): void; err(key: string): string | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <TextField id={`${idPrefix}-legalRepName`} label={t('credit.form.legalRepName')} required value={name} onChange={(e) => onName(e.target.value)} error={err('legalRepName')} />
      <TextField id={`${idPrefix}-legalRepIdNumber`} label={t('credit.form.legalRepId')} required value={idNumber} onChange={(e) => onIdNumber(e.target.value)} error={err('legalRepIdNumber')} className="mono-input" />
    </>
  );
}

/** One row of a restriction order; the judge lifts an order in force from its debtor's row (限高 Art. 9), which ends the legal representative's too. */
function OrderRow({ order, canDecide, onDone, run }: { order: RestrictionOrderView; canDecide: boolean; onDone(): void; run: Run }) {
  const { t, formatDate } = useI18n();
  const [reason, setReason] = useState('');
  const inForce = order.endedAt === null;
  return (
    <li data-restriction={order.id}>
      <strong>{order.name}</strong>
      {order.subject === 'legal_representative' ? `（${t('credit.order.legalRep')}）` : ''} <Badge tone={inForce ? 'danger' : 'neutral'}>{inForce ? t('credit.order.inForce') : t('credit.order.ended')}</Badge>{' '}
      {t('credit.order.since', { date: formatDate(order.startedAt) })} · {order.reason}
      {order.endedAt ? ` · ${t('credit.order.endedAt', { date: formatDate(order.endedAt), reason: order.endedReason ?? '' })}` : ''}
      {inForce && canDecide && order.subject === 'debtor' ? (
        <div className="credit-inline-form">
          <TextField id={`lift-reason-${order.id}`} label={t('credit.order.liftReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="button" onClick={() => void run(() => creditApi.lift(order.id, reason)).then(onDone)}>
            {t('credit.order.lift')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** 联合惩戒: what institutions refused the case's restricted debtors and reported to the court (限高 Art. 3). */
function Interceptions({ items }: { items: InterceptionView[] }) {
  const { t, formatDateTime } = useI18n();
  return (
    <section aria-labelledby="credit-interceptions">
      <h2 id="credit-interceptions">{t('credit.interceptions')}</h2>
      {items.length === 0 ? (
        <p>{t('credit.interceptions.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table stack-table" data-testid="interceptions">
            <thead>
              <tr>
                <th scope="col">{t('credit.interceptions.at')}</th>
                <th scope="col">{t('credit.interceptions.institution')}</th>
                <th scope="col">{t('credit.col.name')}</th>
                <th scope="col">{t('credit.interceptions.what')}</th>
                <th scope="col" className="num">
                  {t('credit.interceptions.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <td data-label={t('credit.interceptions.at')}>{formatDateTime(i.occurredAt)}</td>
                  <td data-label={t('credit.interceptions.institution')}>{i.institutionName ?? i.institution}</td>
                  <td data-label={t('credit.col.name')}>
                    {i.name} · {t(`credit.interceptions.role.${i.role}`)}
                  </td>
                  <td data-label={t('credit.interceptions.what')}>
                    {i.description}
                    {i.prohibitionLabel ? ` · ${i.prohibitionLabel}` : ''}
                  </td>
                  <td data-label={t('credit.interceptions.amount')} className="num">
                    {i.amount ? displayMoney(i.amount) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function CaseCreditPage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const { user } = useAuth();
  const groundLabel = useGroundLabel();
  const data = useLoad(() => creditApi.caseCredit(id), [id]);
  const interceptions = useLoad(() => creditApi.interceptions(id), [id]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [partyId, setPartyId] = useState('');
  const [ground, setGround] = useState('');
  const [evidence, setEvidence] = useState('');
  const [repName, setRepName] = useState('');
  const [repId, setRepId] = useState('');
  usePageTitle(t('credit.page.title', { caseNo: data.data?.caseNo ?? '' }));
  const listFields = useServerFieldErrors();
  const canDecide = user?.role === 'judge';
  const unlisted = data.data?.debtors.filter((d) => !d.listed) ?? [];
  const chosen = unlisted.find((d) => d.partyId === partyId) ?? unlisted[0];

  const run = async (action: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await action();
      setMessage({ ok: true, text: t('credit.done') });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof ApiError ? pick(e.message) : String(e) });
      throw e;
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    listFields.clear();
    void run(() =>
      creditApi.list(id, {
        partyId: chosen.partyId,
        ground,
        evidence,
        ...(chosen.kind === 'organisation' ? { legalRepName: repName, legalRepIdNumber: repId } : {}),
      }),
    )
      .then(() => {
        setEvidence('');
        data.reload();
      })
      .catch(listFields.catchFrom);
  };

  return (
    <div className="page credit-page">
      <p className="back-link">
        <Link to={`/cases/${id}`}>← {t('credit.page.back')}</Link>
      </p>
      <h1>{t('credit.page.title', { caseNo: data.data?.caseNo ?? '' })}</h1>
      {data.error ? <LoadError error={data.error} onRetry={data.reload} /> : null}
      {data.loading && !data.data ? <Loading /> : null}
      <div className="live-slot" aria-live="polite">
        {message ? <p className={message.ok ? 'alert alert-success' : 'alert alert-error'} role={message.ok ? undefined : 'alert'}>{message.text}</p> : null}
      </div>
      {data.data ? (
        <>
          <p className="lead">{t('credit.outstanding', { amount: displayMoney(data.data.outstandingAmount) })}</p>
          <section className="card" aria-labelledby="credit-debtors">
            <h2 id="credit-debtors">{t('credit.debtors')}</h2>
            <ul className="credit-debtors">
              {data.data.debtors.map((d) => (
                <li key={d.partyId} className="credit-debtor">
                  <p className="credit-debtor-head">
                    <strong>{d.name}</strong> <span className="mono">{d.idNumber}</span>
                    <span className="badge-row">
                      <Badge tone={d.listed ? 'danger' : 'neutral'}>{d.listed ? t('credit.listed') : t('credit.notListed')}</Badge>
                      {d.restricted ? <Badge tone="danger">{t('credit.restrictedBadge')}</Badge> : null}
                    </span>
                  </p>
                  {canDecide && !d.restricted ? <OrderForm caseId={id} debtor={d} onDone={data.reload} run={(a) => run(a).catch(() => undefined)} /> : null}
                </li>
              ))}
            </ul>
          </section>
          {canDecide && chosen ? (
            <section className="card" aria-labelledby="credit-list-title">
              <h2 id="credit-list-title">{t('credit.listAction')}</h2>
              <p className="lead">{t('credit.listIntro')}</p>
              <form onSubmit={submit} noValidate className="credit-form" aria-label={t('credit.listAction')}>
                <SelectField id="credit-party" label={t('credit.form.debtor')} required value={chosen.partyId} onChange={(e) => setPartyId(e.target.value)} error={listFields.err('partyId')}>
                  {unlisted.map((d) => (
                    <option key={d.partyId} value={d.partyId}>
                      {d.name}
                    </option>
                  ))}
                </SelectField>
                <SelectField id="credit-ground" label={t('credit.form.ground')} required value={ground} onChange={(e) => setGround(e.target.value)} error={listFields.err('ground')}>
                  <option value="">{t('credit.form.chooseGround')}</option>
                  {LISTING_GROUNDS.map((g) => (
                    <option key={g} value={g}>
                      {groundLabel(g)}
                    </option>
                  ))}
                </SelectField>
                <TextAreaField id="credit-evidence" label={t('credit.form.evidence')} required value={evidence} onChange={(e) => setEvidence(e.target.value)} error={listFields.err('evidence')} rows={3} className="wide" />
                {chosen.kind === 'organisation' ? <LegalRepFields idPrefix="credit-list" name={repName} idNumber={repId} onName={setRepName} onIdNumber={setRepId} err={listFields.err} /> : null}
                <p className="button-row wide">
                  <button type="submit" className="button button-primary">
                    {t('credit.form.submit')}
                  </button>
                </p>
              </form>
            </section>
          ) : null}
          <section aria-labelledby="credit-listings">
            <h2 id="credit-listings">{t('credit.listings')}</h2>
            {data.data.listings.length === 0 ? <p>{t('credit.none')}</p> : null}
            {data.data.listings.map((l) => (
              <ListingCard key={l.id} listing={l} canDecide={canDecide} onDone={data.reload} run={(a) => run(a).catch(() => undefined)} />
            ))}
          </section>
          <section aria-labelledby="credit-orders">
            <h2 id="credit-orders">{t('credit.orders')}</h2>
            <p className="lead">{t('credit.order.intro')}</p>
            {data.data.restrictionOrders.length === 0 ? (
              <p>{t('credit.orders.none')}</p>
            ) : (
              <ul className="credit-orders card" data-testid="restriction-orders">
                {data.data.restrictionOrders.map((o) => (
                  <OrderRow key={o.id} order={o} canDecide={canDecide} onDone={data.reload} run={(a) => run(a).catch(() => undefined)} />
                ))}
              </ul>
            )}
          </section>
          {interceptions.data ? <Interceptions items={interceptions.data} /> : null}
        </>
      ) : null}
    </div>
  );
}
