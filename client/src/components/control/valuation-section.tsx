/**
 * 处置参考价与拍卖: for each seized or frozen asset that is sold (not money), the valuation that fixes its reference price
 * — the methods in their legal order (negotiated → directed inquiry → online inquiry → appraisal, 参考价 Art. 2, 4–7, 14)
 * with their deadlines and results, the platforms' answers arriving live (in time or late) and their mean, the
 * appraisal firms, delivery to the parties and their objections with the rulings — then the reference price with its
 * validity, and the way to the auction built on it.
 */
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ACTIVE_STATUSES, AUCTIONABLE_KINDS } from '@shared/auction-rules';
import { displayMoney } from '@shared/money';
import type { UserView } from '@shared/schemas/auth';
import {
  AppraisalReportBody,
  ChooseFirmsBody,
  DeliveryBody,
  DirectedResultBody,
  ExtensionBody,
  FailStepBody,
  LotteryBody,
  NegotiatedBody,
  OBJECTION_GROUNDS,
  ObjectionBody,
  RulingBody,
  SkipBody,
  StartValuationBody,
  VALUATION_METHODS,
} from '@shared/schemas/valuation';
import type { MeasureView } from '../../api';
import { auctionApi, valuationApi, type AppraisalFirm, type AuctionView, type ObjectionView, type ValuationStep, type ValuationView } from '../../auction-api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../lib/use-load';
import { useRealtimeEvent } from '../../realtime';
import {
  auctionStatusLabel,
  auctionStatusTone,
  resultStatusLabel,
  resultTone,
  stepStatusLabel,
  stepTone,
  valuationMethodLabel,
  valuationStatusLabel,
} from '../auctions/auction-labels';
import { Badge } from '../badge';
import { Loading } from '../layout';
import { LoadError } from '../load-error';
import { FormDialog, type FormField } from './form-dialog';
import { assetKindLabel, dayToInstant } from './labels';

type Action =
  | { kind: 'start'; measure: MeasureView }
  | { kind: 'negotiated' | 'fail' | 'skip' | 'directed' | 'firms' | 'lottery' | 'extend' | 'report' | 'deliver' | 'object'; valuation: ValuationView; step: ValuationStep }
  | { kind: 'rule'; valuation: ValuationView; objection: ObjectionView };

const optionalDay = (v: string | undefined) => (v && v.trim() ? dayToInstant(v.trim()) : undefined);

export function ValuationSection({ caseId, measures, user, canAct }: { caseId: string; measures: MeasureView[]; user: UserView; canAct: boolean }) {
  const { t } = useI18n();
  const [key, setKey] = useState(0);
  const valuations = useLoad(() => valuationApi.ofCase(caseId), [caseId, key]);
  const auctions = useLoad(() => auctionApi.list({ caseId, pageSize: 100 }), [caseId, key]);
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState('');
  const messageRef = useRef<HTMLDivElement>(null);
  const reload = () => setKey((k) => k + 1);

  const onValuation = (v: ValuationView) => {
    if (v.caseId === caseId) reload();
  };
  useRealtimeEvent<ValuationView>('valuation.updated', onValuation);
  useRealtimeEvent<ValuationView>('valuation.result', onValuation);
  useRealtimeEvent<ValuationView>('valuation.fixed', onValuation);
  useRealtimeEvent<AuctionView>('auction.updated', (a) => {
    if (a.caseId === caseId) reload();
  });

  function done(text: string) {
    setAction(null);
    setMessage(text);
    reload();
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  const sellable = measures.filter((m) => m.status === 'in_force' && (AUCTIONABLE_KINDS as readonly string[]).includes(m.assetKind));
  const firms = useLoad(() => (action?.kind === 'firms' ? valuationApi.firms(action.valuation.assetKind) : Promise.resolve([] as AppraisalFirm[])), [action?.kind === 'firms' ? action.valuation.id : null]);

  return (
    <section className="card" id="valuation" aria-labelledby="valuation-title">
      <h2 id="valuation-title">{t('valuation.title')}</h2>
      <p className="small muted">{t('valuation.intro')}</p>
      <div className="live-slot" aria-live="polite" ref={messageRef} tabIndex={-1}>
        {message ? <p className="alert alert-success">{message}</p> : null}
      </div>
      {valuations.error ? <LoadError error={valuations.error} onRetry={valuations.reload} /> : null}
      {auctions.error ? <LoadError error={auctions.error} onRetry={auctions.reload} /> : null}
      {!valuations.data || !auctions.data ? (
        valuations.loading || auctions.loading ? <Loading /> : null
      ) : sellable.length === 0 ? (
        <p className="empty">{t('valuation.empty')}</p>
      ) : (
        sellable.map((m) => {
          const list = valuations.data!.filter((v) => v.measureId === m.id);
          const v = list[0];
          const auctionsOf = auctions.data!.items.filter((a) => a.measureId === m.id);
          const active = auctionsOf.find((a) => (ACTIVE_STATUSES as readonly string[]).includes(a.status)) ?? null;
          const name = `${assetKindLabel(t, m.assetKind)} ${m.assetIdentifier}`;
          const priceValid = v?.status === 'fixed' && v.referencePrice;
          return (
            <article key={m.id} className="valuation-asset" data-measure={m.id} aria-labelledby={`val-${m.id}`}>
              <div className="section-head">
                <h3 id={`val-${m.id}`}>{name}</h3>
                {v ? <Badge tone={v.status === 'fixed' ? 'success' : v.status === 'running' ? 'info' : 'neutral'}>{valuationStatusLabel(t, v.status)}</Badge> : null}
              </div>
              <p className="small muted">{m.assetDescription}</p>
              {!v || (!priceValid && v.status !== 'running') ? (
                canAct ? (
                  <p>
                    <button type="button" className="button" aria-label={t('valuation.startFor', { asset: name })} onClick={() => setAction({ kind: 'start', measure: m })}>
                      {t('valuation.start')}
                    </button>
                  </p>
                ) : null
              ) : null}
              {v ? <ValuationDetail v={v} canAct={canAct} isJudge={user.role === 'judge'} onAction={setAction} /> : null}
              {priceValid ? (
                <div className="auction-link-row">
                  {active ? (
                    <p>
                      <Link to={`/court/auctions/${active.id}`}>{t('valuation.toAuction', { title: active.title })}</Link>{' '}
                      <Badge tone={auctionStatusTone(active.status)}>{auctionStatusLabel(t, active.status)}</Badge>
                    </p>
                  ) : canAct ? (
                    <Link to={`/cases/${caseId}/measures/${m.id}/auction/new`} className="button button-primary" aria-label={t('valuation.buildAuctionFor', { asset: name })}>
                      {t('valuation.buildAuction')}
                    </Link>
                  ) : null}
                </div>
              ) : null}
              {auctionsOf.filter((a) => a !== active).length ? (
                <ul className="small past-auctions">
                  {auctionsOf
                    .filter((a) => a !== active)
                    .map((a) => (
                      <li key={a.id}>
                        <Link to={`/court/auctions/${a.id}`}>{a.title}</Link> · {t('auction.round', { n: a.round })} · {auctionStatusLabel(t, a.status)}
                      </li>
                    ))}
                </ul>
              ) : null}
            </article>
          );
        })
      )}
      {action ? <ValuationDialog action={action} firms={firms.data ?? []} onClose={() => setAction(null)} onDone={done} /> : null}
    </section>
  );
}

/** The steps of one valuation in legal order, the reference price, and the actions on the step open now. */
function ValuationDetail({ v, canAct, isJudge, onAction }: { v: ValuationView; canAct: boolean; isJudge: boolean; onAction(a: Action): void }) {
  const { t, formatDateTime, formatDate } = useI18n();
  const serverText = useServerText();
  const running = v.status === 'running';
  const current = running ? [...v.steps].reverse().find((s) => s.status === 'open' || s.status === 'choosing' || s.status === 'reported') : undefined;
  return (
    <>
      <ol className="valuation-steps" aria-label={t('valuation.stepsLabel')}>
        {VALUATION_METHODS.map((method) => {
          const steps = v.steps.filter((s) => s.method === method);
          if (steps.length === 0) {
            return (
              <li key={method} className="valuation-step is-idle" data-method={method}>
                <span className="step-name">{valuationMethodLabel(t, method)}</span> <span className="small muted">{t('valuation.notReached')}</span>
              </li>
            );
          }
          return steps.map((s) => (
            <li key={s.id} className={`valuation-step is-${s.status}`} data-method={method} data-status={s.status}>
              <div className="step-head">
                <span className="step-name">{valuationMethodLabel(t, method)}</span> <Badge tone={stepTone(s.status)}>{stepStatusLabel(t, s.status)}</Badge>
              </div>
              <p className="small step-meta">
                {t('valuation.opened', { time: formatDateTime(s.openedAt) })}
                {s.deadline ? ` · ${t('valuation.deadline', { time: formatDateTime(s.deadline) })}` : ''}
                {s.extendedAt ? ` · ${t('valuation.extended', { time: formatDateTime(s.extendedAt) })}` : ''}
              </p>
              {s.amount ? (
                <p className="step-amount">
                  {t(method === 'onlineInquiry' ? 'valuation.mean' : 'valuation.amount', { amount: displayMoney(s.amount) })}
                </p>
              ) : null}
              {s.agreement ? <p className="small">{t('valuation.agreement', { text: agreementText(s.agreement) })}</p> : null}
              {s.outcome ? <p className="small muted">{t('valuation.outcome', { text: serverText(s.outcome) })}</p> : null}
              {s.deliveredAt ? (
                <p className="small">
                  {t('valuation.delivered', { time: formatDateTime(s.deliveredAt), method: t(`valuation.delivery.${s.deliveryMethod ?? 'direct'}` as 'valuation.delivery.direct') })}
                  {s.objectionDeadline ? ` · ${t('valuation.objectionUntil', { time: formatDateTime(s.objectionDeadline) })}` : ''}
                </p>
              ) : null}
              {s.results.length ? <ResultsTable step={s} /> : null}
              {s.objections.length ? (
                <ul className="objection-list">
                  {s.objections.map((o) => {
                    const target = s.results.find((r) => r.id === o.resultId);
                    return (
                      <li key={o.id} data-objection={o.id}>
                        <span>
                          {t('valuation.objectionLine', {
                            party: o.partyName,
                            target: target?.name ?? '',
                            grounds: t(`valuation.grounds.${o.grounds}` as 'valuation.grounds.procedure'),
                            time: formatDateTime(o.filedAt),
                          })}
                        </span>{' '}
                        <Badge tone={o.status === 'pending' ? 'warning' : o.status === 'upheld' ? 'danger' : 'neutral'}>{t(`valuation.objection.${o.status}`)}</Badge>
                        <span className="small block">{o.statement}</span>
                        {o.ruling ? <span className="small block">{t('valuation.ruling', { name: o.ruledBy?.displayName ?? '', text: o.ruling })}</span> : null}
                        {o.status === 'pending' && isJudge && canAct ? (
                          <button type="button" className="button button-small" onClick={() => onAction({ kind: 'rule', valuation: v, objection: o })}>
                            {t('valuation.ruleOn')}
                          </button>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
              {canAct && current?.id === s.id ? <StepActions v={v} s={s} onAction={onAction} /> : null}
            </li>
          ));
        })}
      </ol>
      {v.referencePrice ? (
        <dl className="facts reference-box" aria-label={t('valuation.reference')}>
          <div>
            <dt>{t('valuation.reference')}</dt>
            <dd className="money" data-testid="reference-price">
              {displayMoney(v.referencePrice.amount)}
            </dd>
          </div>
          <div>
            <dt>{t('valuation.fixedBy')}</dt>
            <dd>
              {valuationMethodLabel(t, v.referencePrice.method)} · {formatDateTime(v.referencePrice.fixedAt)}
            </dd>
          </div>
          <div>
            <dt>{t('valuation.validUntil')}</dt>
            <dd>{formatDate(v.referencePrice.validUntil)}</dd>
          </div>
          <div>
            <dt>{t('valuation.saleStartBy')}</dt>
            <dd>{formatDate(v.referencePrice.saleStartBy)}</dd>
          </div>
          <div className="wide">
            <dt>{t('valuation.proceedUntil')}</dt>
            <dd>{formatDate(v.referencePrice.proceedUntil)}</dd>
          </div>
        </dl>
      ) : null}
      {v.endReason && v.status !== 'fixed' ? <p className="small muted">{t('valuation.endReason', { text: serverText(v.endReason) })}</p> : null}
    </>
  );
}

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

/** A text the server wrote ("中文 / English", instants in ISO) in the reader's language, its instants in Beijing time. */
function useServerText(): (text: string) => string {
  const { pick, formatDateTime } = useI18n();
  return (text) => pick(text).replace(ISO_INSTANT, (iso) => formatDateTime(iso));
}

function agreementText(a: Record<string, unknown>): string {
  const text = a.agreement ?? a.text ?? a.reason;
  return typeof text === 'string' ? text : JSON.stringify(a);
}

/** The platforms' (online inquiry) or firms' (appraisal) results: who, in time or late, the amount, the deadline. */
function ResultsTable({ step }: { step: ValuationStep }) {
  const { t, formatDateTime } = useI18n();
  const serverText = useServerText();
  return (
    <div className="table-wrap results-wrap">
      <table className="data-table stack-table result-table">
        <caption className="visually-hidden">{t(step.method === 'onlineInquiry' ? 'valuation.platforms' : 'valuation.firms')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(step.method === 'onlineInquiry' ? 'valuation.col.platform' : 'valuation.col.firm')}</th>
            <th scope="col">{t('valuation.col.status')}</th>
            <th scope="col" className="num">
              {t('valuation.col.amount')}
            </th>
            <th scope="col">{t('valuation.col.due')}</th>
          </tr>
        </thead>
        <tbody>
          {[...step.results]
            .sort((a, b) => a.position - b.position)
            .map((r) => (
              <tr key={r.id} data-result={r.code} data-status={r.status}>
                <th scope="row" data-label={t(step.method === 'onlineInquiry' ? 'valuation.col.platform' : 'valuation.col.firm')}>
                  {r.name}
                </th>
                <td data-label={t('valuation.col.status')}>
                  <span className="stack">
                    <Badge tone={resultTone(r.status)}>{resultStatusLabel(t, r.status)}</Badge>
                    {r.endReason ? <span className="small muted">{serverText(r.endReason)}</span> : null}
                  </span>
                </td>
                <td data-label={t('valuation.col.amount')} className="num">
                  {r.amount ? displayMoney(r.amount) : '—'}
                  {r.reportNo ? <span className="small muted block">{r.reportNo}</span> : null}
                </td>
                <td data-label={t('valuation.col.due')}>
                  {r.dueAt ? formatDateTime(r.dueAt) : '—'}
                  {r.extensions.length ? <span className="small muted block">{t('valuation.extensions', { n: r.extensions.length })}</span> : null}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

function StepActions({ v, s, onAction }: { v: ValuationView; s: ValuationStep; onAction(a: Action): void }) {
  const { t } = useI18n();
  const later = VALUATION_METHODS.slice(VALUATION_METHODS.indexOf(s.method) + 1);
  const button = (kind: Exclude<Action['kind'], 'start' | 'rule'>, label: string, primary = false) => (
    <button type="button" className={`button button-small${primary ? ' button-primary' : ''}`} onClick={() => onAction({ kind, valuation: v, step: s })}>
      {label}
    </button>
  );
  const reportable = s.results.some((r) => r.amount !== null && (r.status === 'received' || r.status === 'late'));
  return (
    <div className="row-actions step-actions">
      {s.status === 'open' && s.method === 'negotiated' ? button('negotiated', t('valuation.recordNegotiated'), true) : null}
      {s.status === 'open' && s.method === 'directedInquiry' ? button('directed', t('valuation.recordDirected'), true) : null}
      {s.status === 'open' && (s.method === 'negotiated' || s.method === 'directedInquiry') ? button('fail', t('valuation.fail')) : null}
      {s.status === 'choosing' && s.method === 'appraisal' ? (
        <>
          {button('firms', t('valuation.chooseFirms'), true)}
          {button('lottery', t('valuation.lottery'))}
        </>
      ) : null}
      {s.status === 'open' && s.method === 'appraisal' ? (
        <>
          {button('report', t('valuation.recordReport'), true)}
          {button('extend', t('valuation.extend'))}
        </>
      ) : null}
      {s.status === 'reported' && !s.deliveredAt ? button('deliver', t('valuation.deliver'), true) : null}
      {s.status === 'reported' && s.deliveredAt && reportable ? button('object', t('valuation.fileObjection')) : null}
      {later.length && (s.status === 'open' || s.status === 'choosing') ? button('skip', t('valuation.skip')) : null}
    </div>
  );
}

function ValuationDialog({ action, firms, onClose, onDone }: { action: Action; firms: AppraisalFirm[]; onClose(): void; onDone(text: string): void }) {
  const { t } = useI18n();
  const common = { onClose, submitLabel: t('valuation.submit') };
  if (action.kind === 'start') {
    const m = action.measure;
    return (
      <FormDialog
        {...common}
        title={t('valuation.startTitle')}
        subtitle={`${assetKindLabel(t, m.assetKind)} ${m.assetIdentifier}`}
        intro={<p className="small">{t('valuation.startIntro')}</p>}
        fields={[{ name: 'negotiationDeadline', label: t('valuation.negotiationDeadline'), hint: t('valuation.negotiationDeadlineHint'), kind: 'date' }]}
        schema={StartValuationBody}
        toBody={(x) => ({ negotiationDeadline: optionalDay(x.negotiationDeadline) })}
        submitLabel={t('valuation.start')}
        onSubmit={async (body) => {
          await valuationApi.start(m.id, body as StartValuationBody);
          onDone(t('valuation.started'));
        }}
      />
    );
  }
  if (action.kind === 'rule') {
    return (
      <FormDialog
        {...common}
        title={t('valuation.ruleTitle')}
        subtitle={action.objection.statement}
        fields={[
          {
            name: 'upheld',
            label: t('valuation.ruleOutcome'),
            kind: 'select',
            initial: 'false',
            options: [
              { value: 'false', label: t('valuation.rejectObjection') },
              { value: 'true', label: t('valuation.upholdObjection') },
            ],
            hint: t('valuation.upholdHint'),
          },
          { name: 'ruling', label: t('valuation.rulingText'), kind: 'textarea', required: true },
        ]}
        schema={RulingBody}
        toBody={(x) => ({ upheld: x.upheld === 'true', ruling: x.ruling ?? '' })}
        onSubmit={async (body) => {
          await valuationApi.rule(action.objection.id, body as RulingBody);
          onDone(t('valuation.ruled'));
        }}
      />
    );
  }
  const { valuation: v, step: s } = action;
  const subtitle = `${assetKindLabel(t, v.assetKind)} ${v.assetIdentifier}`;
  const later = VALUATION_METHODS.slice(VALUATION_METHODS.indexOf(s.method) + 1);
  let fields: FormField[] = [];
  let schema: FormDialogPropsSchema = undefined;
  let toBody: (x: Record<string, string>) => unknown = (x) => x;
  let send: (body: unknown) => Promise<unknown> = async () => undefined;
  let title = '';
  let doneText = t('valuation.saved');
  let intro: string | null = null;
  switch (action.kind) {
    case 'negotiated':
      title = t('valuation.recordNegotiated');
      intro = t('valuation.negotiatedIntro');
      fields = [
        { name: 'price', label: t('valuation.price'), kind: 'money', required: true },
        { name: 'agreement', label: t('valuation.agreementText'), kind: 'textarea', required: true, hint: t('valuation.agreementHint') },
        { name: 'validUntil', label: t('valuation.validUntilInput'), kind: 'date', hint: t('valuation.validUntilHint') },
      ];
      schema = NegotiatedBody;
      toBody = (x) => ({ price: (x.price ?? '').trim(), agreement: x.agreement ?? '', validUntil: optionalDay(x.validUntil) });
      send = (b) => valuationApi.negotiated(v.id, b as NegotiatedBody);
      doneText = t('valuation.negotiatedDone');
      break;
    case 'directed':
      title = t('valuation.recordDirected');
      fields = [
        { name: 'price', label: t('valuation.price'), kind: 'money', required: true },
        { name: 'institution', label: t('valuation.institution'), required: true },
        { name: 'reference', label: t('valuation.letterRef'), required: true },
        { name: 'validUntil', label: t('valuation.validUntilInput'), kind: 'date', hint: t('valuation.validUntilHint') },
      ];
      schema = DirectedResultBody;
      toBody = (x) => ({ price: (x.price ?? '').trim(), institution: x.institution ?? '', reference: x.reference ?? '', validUntil: optionalDay(x.validUntil) });
      send = (b) => valuationApi.directed(v.id, b as DirectedResultBody);
      break;
    case 'fail':
      title = t('valuation.fail');
      intro = t('valuation.failIntro');
      fields = [{ name: 'reason', label: t('valuation.reason'), kind: 'textarea', required: true }];
      schema = FailStepBody;
      toBody = (x) => ({ reason: x.reason ?? '' });
      send = (b) => valuationApi.fail(v.id, b as FailStepBody);
      break;
    case 'skip':
      title = t('valuation.skip');
      intro = t('valuation.skipIntro');
      fields = [
        { name: 'to', label: t('valuation.skipTo'), kind: 'select', initial: later[0], options: later.map((m) => ({ value: m, label: valuationMethodLabel(t, m) })) },
        { name: 'agreement', label: t('valuation.agreementText'), kind: 'textarea', required: true, hint: t('valuation.skipAgreementHint') },
      ];
      schema = SkipBody;
      toBody = (x) => ({ to: x.to, agreement: x.agreement ?? '' });
      send = (b) => valuationApi.skipMethod(v.id, b as SkipBody);
      doneText = t('valuation.skipped');
      break;
    case 'firms':
      title = t('valuation.chooseFirms');
      intro = t('valuation.firmsIntro');
      fields = [1, 2, 3].map((n) => ({
        name: `firm${n}`,
        label: t('valuation.firmN', { n }),
        kind: 'select' as const,
        required: true,
        options: [{ value: '', label: t('valuation.chooseFirm') }, ...firms.map((f) => ({ value: f.code, label: `${f.name}（${f.city}）` }))],
      }));
      fields.push({ name: 'agreement', label: t('valuation.agreementText'), kind: 'textarea', required: true });
      schema = ChooseFirmsBody;
      toBody = (x) => ({ firms: [x.firm1 ?? '', x.firm2 ?? '', x.firm3 ?? ''], agreement: x.agreement ?? '' });
      send = (b) => valuationApi.chooseFirms(v.id, b as ChooseFirmsBody);
      break;
    case 'lottery':
      title = t('valuation.lottery');
      intro = t('valuation.lotteryIntro');
      fields = [
        { name: 'reason', label: t('valuation.reason'), kind: 'textarea', required: true },
        { name: 'seed', label: t('valuation.seed'), hint: t('valuation.seedHint') },
      ];
      schema = LotteryBody;
      toBody = (x) => ({ reason: x.reason ?? '', seed: x.seed?.trim() || undefined });
      send = (b) => valuationApi.lottery(v.id, b as LotteryBody);
      break;
    case 'extend':
      title = t('valuation.extend');
      intro = t('valuation.extendIntro');
      fields = [{ name: 'days', label: t('valuation.days'), kind: 'number', required: true, initial: '15' }];
      schema = ExtensionBody;
      toBody = (x) => ({ days: Number(x.days) });
      send = (b) => valuationApi.extend(v.id, b as ExtensionBody);
      break;
    case 'report':
      title = t('valuation.recordReport');
      fields = [
        { name: 'price', label: t('valuation.price'), kind: 'money', required: true },
        { name: 'reportNo', label: t('valuation.reportNo'), required: true },
        { name: 'validUntil', label: t('valuation.validUntilInput'), kind: 'date', hint: t('valuation.validUntilHint') },
      ];
      schema = AppraisalReportBody;
      toBody = (x) => ({ price: (x.price ?? '').trim(), reportNo: x.reportNo ?? '', validUntil: optionalDay(x.validUntil) });
      send = (b) => valuationApi.report(v.id, b as AppraisalReportBody);
      break;
    case 'deliver':
      title = t('valuation.deliver');
      intro = t('valuation.deliverIntro');
      fields = [
        {
          name: 'method',
          label: t('valuation.deliveryMethod'),
          kind: 'select',
          initial: 'electronic',
          options: (['direct', 'electronic', 'post', 'public_notice'] as const).map((m) => ({ value: m, label: t(`valuation.delivery.${m}`) })),
        },
      ];
      schema = DeliveryBody;
      toBody = (x) => ({ method: x.method });
      send = (b) => valuationApi.deliver(v.id, b as DeliveryBody);
      doneText = t('valuation.deliveredDone');
      break;
    case 'object': {
      title = t('valuation.fileObjection');
      intro = t('valuation.objectIntro');
      const targets = s.results.filter((r) => r.amount !== null && (r.status === 'received' || r.status === 'late'));
      fields = [
        { name: 'resultId', label: t('valuation.objectTo'), kind: 'select', initial: targets[0]?.id, options: targets.map((r) => ({ value: r.id, label: `${r.name} ${displayMoney(r.amount!)}` })) },
        {
          name: 'party',
          label: t('valuation.party'),
          kind: 'select',
          initial: 'debtor',
          options: (['creditor', 'debtor', 'interested'] as const).map((p) => ({ value: p, label: t(`valuation.party.${p}`) })),
        },
        { name: 'partyName', label: t('valuation.partyName'), required: true, when: (x) => x.party === 'interested' },
        { name: 'grounds', label: t('valuation.groundsLabel'), kind: 'select', initial: OBJECTION_GROUNDS[0], options: OBJECTION_GROUNDS.map((g) => ({ value: g, label: t(`valuation.grounds.${g}`) })) },
        { name: 'statement', label: t('valuation.statement'), kind: 'textarea', required: true },
      ];
      schema = ObjectionBody;
      toBody = (x) => ({
        resultId: x.resultId,
        party: x.party,
        partyName: x.party === 'interested' ? x.partyName : undefined,
        grounds: x.grounds,
        statement: x.statement ?? '',
      });
      send = (b) => valuationApi.object(v.id, b as ObjectionBody);
      doneText = t('valuation.objected');
      break;
    }
  }
  return (
    <FormDialog
      {...common}
      title={title}
      subtitle={subtitle}
      intro={intro ? <p className="small">{intro}</p> : undefined}
      fields={fields}
      schema={schema}
      toBody={toBody}
      onSubmit={async (body) => {
        await send(body);
        onDone(doneText);
      }}
    />
  );
}

type FormDialogPropsSchema = Parameters<typeof FormDialog>[0]['schema'];

