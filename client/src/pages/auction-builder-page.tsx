/**
 * 拍卖设置 (the auction builder): every setting the court fixes before the collegial panel approves and the auction is
 * announced. Next to each field stands the rule it must meet, with its article; as the judge types, the rule it breaks,
 * computed with the same pure functions the server enforces (`shared/auction-rules.ts`). On submit the server checks
 * again; its AUCTION_RULE_VIOLATION list is shown at the fields it names.
 *
 * Three uses: a first auction of a seized asset (/cases/:caseId/measures/:measureId/auction/new), editing a draft or
 * approved auction (/court/auctions/:id/edit), relisting an unsold first round (/court/auctions/:id/relist).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  assetClassOf,
  BALANCE_DUE_DAYS,
  checkAuctionSettings,
  checkPanelComposition,
  depositRange,
  incrementMax,
  noticeDaysFor,
  relistDeadline,
  relistPriceFloor,
  startingPriceFloor,
  startOfChinaDayAfter,
  TAX_BEARERS,
  type AuctionSettings,
  type SettingsContext,
  type Violation,
} from '@shared/auction-rules';
import type { AssetKind } from '@shared/institution-protocol';
import { displayMoney, formatMoney, isMoney, percentOf } from '@shared/money';
import { AuctionSettingsBody } from '@shared/schemas/auctions';
import type { CaseDetail } from '@shared/schemas/cases';
import type { StaffView } from '@shared/schemas/courts';
import { api, ApiError } from '../api';
import { auctionApi, valuationApi, violationsOf, type AuctionView } from '../auction-api';
import { useAuth } from '../auth';
import { taxBearerLabel, valuationMethodLabel } from '../components/auctions/auction-labels';
import { assetKindLabel } from '../components/control/labels';
import { ErrorSummary, SelectField, TextAreaField, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { useI18n, type I18n, type MessageKey } from '../i18n';
import { errorText } from '../lib/error-text';
import { fieldId, summaryItems, type FieldErrors } from '../lib/form-errors';
import { usePageTitle } from '../lib/use-page-title';
import { fromBeijingInput, serverNow, toBeijingInput, useServerClock } from '../lib/server-clock';
import '../auctions.css';

const DISCLOSURE_KEYS = ['basis', 'reportRef', 'rules', 'photos', 'encumbrances', 'priorityRights', 'taxes', 'taxBearer', 'courtAccount'] as const;
type DisclosureKey = (typeof DISCLOSURE_KEYS)[number];
/** The clause of 网拍 Art. 13 each disclosure answers. */
const CLAUSE: Record<DisclosureKey, string> = {
  basis: '2',
  reportRef: '3',
  rules: '4',
  photos: '5',
  encumbrances: '5',
  priorityRights: '6',
  taxes: '9',
  taxBearer: '9',
  courtAccount: '8',
};

interface HolderDraft {
  key: number;
  name: string;
  right: string;
  rank: string;
}

interface Draft {
  title: string;
  description: string;
  city: string;
  startingPrice: string;
  deposit: string;
  increment: string;
  announcementAt: string;
  biddingStartsAt: string;
  biddingEndsAt: string;
  balanceDueDays: string;
  proxyBidding: boolean;
  disclosures: Record<Exclude<DisclosureKey, 'photos'>, string> & { photos: string };
  priorityHolders: HolderDraft[];
  panel: string[];
}

/** What the settings are checked against: the asset, the reference price, the round and, for a relisting, round 1. */
interface Basis {
  mode: 'new' | 'edit' | 'relist';
  caseId: string;
  caseNo: string;
  measureId: string;
  assetKind: AssetKind;
  assetIdentifier: string;
  reference: { amount: string; validUntil: string; method: string; fixedAt: string };
  round: number;
  previous: { id: string; startingPrice: string; endedAt: string; firstAnnouncedAt: string } | null;
  /** The auction edited (edit) or relisted (relist). */
  auction: AuctionView | null;
}

let holderKey = 1;
const DATE_FIELDS = ['announcementAt', 'biddingStartsAt', 'biddingEndsAt'] as const;

const ORDER = [
  'title',
  'description',
  'city',
  'startingPrice',
  'deposit',
  'increment',
  'announcementAt',
  'biddingStartsAt',
  'biddingEndsAt',
  'balanceDueDays',
  ...DISCLOSURE_KEYS.map((k) => `disclosures.${k}`),
  'priorityHolders',
  'panel',
  'relist',
  'assetKind',
];

const LABELS: Record<string, MessageKey> = {
  title: 'builder.title',
  description: 'builder.description',
  city: 'builder.city',
  startingPrice: 'builder.startingPrice',
  deposit: 'builder.deposit',
  increment: 'builder.increment',
  announcementAt: 'builder.announcementAt',
  biddingStartsAt: 'builder.biddingStartsAt',
  biddingEndsAt: 'builder.biddingEndsAt',
  balanceDueDays: 'builder.balanceDueDays',
  'disclosures.basis': 'builder.disc.basis',
  'disclosures.reportRef': 'builder.disc.reportRef',
  'disclosures.rules': 'builder.disc.rules',
  'disclosures.photos': 'builder.disc.photos',
  'disclosures.encumbrances': 'builder.disc.encumbrances',
  'disclosures.priorityRights': 'builder.disc.priorityRights',
  'disclosures.taxes': 'builder.disc.taxes',
  'disclosures.taxBearer': 'builder.disc.taxBearer',
  'disclosures.courtAccount': 'builder.disc.courtAccount',
  priorityHolders: 'builder.holders',
  panel: 'builder.panel',
};

/** The key under which a message is shown: a holder's fields and panel members fold into their fieldset. */
function displayKey(field: string): string {
  if (field.startsWith('priorityHolders.')) return field.split('.').length === 3 ? field : 'priorityHolders';
  if (field.startsWith('panel')) return 'panel';
  if (field === 'status') return '';
  return field;
}

function toSettings(d: Draft, now: Date): { settings: AuctionSettings; missingDates: string[] } {
  const missingDates: string[] = [];
  const date = (k: (typeof DATE_FIELDS)[number]) => {
    const iso = fromBeijingInput(d[k]);
    if (!iso) missingDates.push(k);
    return iso ? new Date(iso) : now;
  };
  return {
    settings: {
      startingPrice: d.startingPrice.trim(),
      deposit: d.deposit.trim(),
      increment: d.increment.trim(),
      announcementAt: date('announcementAt'),
      biddingStartsAt: date('biddingStartsAt'),
      biddingEndsAt: date('biddingEndsAt'),
      balanceDueDays: d.balanceDueDays.trim() === '' ? Number.NaN : Number(d.balanceDueDays),
      disclosures: { ...d.disclosures, photos: photosOf(d.disclosures.photos) },
      priorityHolders: d.priorityHolders.map((h) => ({ name: h.name, right: h.right, rank: h.rank.trim() === '' ? Number.NaN : Number(h.rank) })),
    },
    missingDates,
  };
}

const photosOf = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

function toBody(d: Draft): unknown {
  return {
    title: d.title,
    description: d.description,
    ...(d.city.trim() ? { city: d.city.trim() } : {}),
    startingPrice: d.startingPrice.trim(),
    deposit: d.deposit.trim(),
    increment: d.increment.trim(),
    announcementAt: fromBeijingInput(d.announcementAt) ?? d.announcementAt,
    biddingStartsAt: fromBeijingInput(d.biddingStartsAt) ?? d.biddingStartsAt,
    biddingEndsAt: fromBeijingInput(d.biddingEndsAt) ?? d.biddingEndsAt,
    balanceDueDays: d.balanceDueDays.trim() === '' ? Number.NaN : Number(d.balanceDueDays),
    proxyBidding: d.proxyBidding,
    disclosures: Object.fromEntries(
      DISCLOSURE_KEYS.map((k) => [k, k === 'photos' ? photosOf(d.disclosures.photos) : d.disclosures[k].trim() || undefined]).filter(([, v]) => v !== undefined),
    ),
    priorityHolders: d.priorityHolders.map((h) => ({ name: h.name, right: h.right, rank: h.rank.trim() === '' ? Number.NaN : Number(h.rank) })),
    panel: d.panel,
  };
}

/** The rule violations of the draft as the server would find them now, the panel's composition included. */
function ruleViolations(d: Draft, basis: Basis, now: Date): Violation[] {
  const { settings, missingDates } = toSettings(d, now);
  const context: SettingsContext = {
    assetKind: basis.assetKind,
    now,
    reference: { amount: basis.reference.amount, validUntil: new Date(basis.reference.validUntil) },
    round: basis.round,
    previous: basis.previous
      ? { startingPrice: basis.previous.startingPrice, endedAt: new Date(basis.previous.endedAt), firstAnnouncedAt: new Date(basis.previous.firstAnnouncedAt) }
      : undefined,
  };
  // With a date missing, the date rules cannot be judged: the other rules still are.
  const found = checkAuctionSettings(settings, context);
  const dated = missingDates.length ? found.filter((v) => !(DATE_FIELDS as readonly string[]).includes(v.field) && v.field !== 'relist') : found;
  dated.push(...checkPanelComposition(d.panel));
  return dated;
}

export function AuctionBuilderPage({ mode }: { mode: 'new' | 'edit' | 'relist' }) {
  const params = useParams();
  const i18n = useI18n();
  const { t } = i18n;
  const { user } = useAuth();
  const clock = useServerClock();
  const [basis, setBasis] = useState<Basis | null>(null);
  const [initial, setInitial] = useState<Draft | null>(null);
  const [staff, setStaff] = useState<StaffView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  usePageTitle(t(mode === 'new' ? 'builder.pageNew' : mode === 'edit' ? 'builder.pageEdit' : 'builder.pageRelist'));

  useEffect(() => {
    if (!clock.ready || !user?.courtId) return;
    let stale = false;
    setLoadError(null);
    (async () => {
      const people = await api.courtStaff(user.courtId!);
      const loaded = mode === 'new' ? await loadNew(params.caseId ?? '', params.measureId ?? '') : await loadExisting(params.id ?? '', mode);
      if (stale) return;
      setStaff(people);
      setBasis(loaded.basis);
      setInitial(defaultsOf(loaded, people, user.id, t));
    })().catch((e: unknown) => {
      if (!stale) setLoadError(e);
    });
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [clock.ready, user?.courtId, params.caseId, params.measureId, params.id, mode, attempt]);

  const back = basis ? (basis.auction && mode === 'edit' ? `/court/auctions/${basis.auction.id}` : `/cases/${basis.caseId}/assets#valuation`) : '/court/auctions';
  return (
    <div className="page form-page builder-page">
      <p className="back-link">
        <Link to={back}>← {t(basis?.auction && mode === 'edit' ? 'builder.backToAuction' : 'builder.backToCase')}</Link>
      </p>
      <h1>{t(mode === 'new' ? 'builder.pageNew' : mode === 'edit' ? 'builder.pageEdit' : 'builder.pageRelist')}</h1>
      {clock.error || loadError ? <LoadError error={clock.error ?? loadError} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {basis && initial && staff ? <BuilderForm key={`${basis.mode}-${basis.auction?.id ?? basis.measureId}`} basis={basis} initial={initial} staff={staff} back={back} /> : clock.error || loadError ? null : <Loading />}
    </div>
  );
}

async function loadNew(caseId: string, measureId: string): Promise<{ basis: Basis; theCase: CaseDetail; description: string }> {
  const [theCase, measures, valuations] = await Promise.all([api.getCase(caseId), api.caseMeasures(caseId), valuationApi.ofCase(caseId)]);
  const measure = measures.items.find((m) => m.id === measureId);
  if (!measure) throw new ApiError(404, 'NOT_FOUND', '未找到该措施 / No such measure');
  const fixed = valuations.find((v) => v.measureId === measureId && v.status === 'fixed' && v.referencePrice);
  if (!fixed?.referencePrice) {
    throw new ApiError(409, 'REFERENCE_PRICE_REQUIRED', '该财产没有有效的处置参考价，请先确定参考价（参考价第27条） / The asset has no valid reference price; fix one first (参考价 Art. 27)');
  }
  return {
    theCase,
    description: measure.assetDescription,
    basis: {
      mode: 'new',
      caseId,
      caseNo: theCase.caseNo,
      measureId,
      assetKind: measure.assetKind,
      assetIdentifier: measure.assetIdentifier,
      reference: { amount: fixed.referencePrice.amount, validUntil: fixed.referencePrice.validUntil, method: fixed.referencePrice.method, fixedAt: fixed.referencePrice.fixedAt },
      round: 1,
      previous: null,
      auction: null,
    },
  };
}

async function loadExisting(auctionId: string, mode: 'edit' | 'relist'): Promise<{ basis: Basis; theCase: CaseDetail; description: string }> {
  const auction = await auctionApi.get(auctionId);
  const theCase = await api.getCase(auction.caseId);
  let previous: Basis['previous'] = null;
  if (mode === 'relist') {
    previous = { id: auction.id, startingPrice: auction.startingPrice, endedAt: auction.endedAt ?? auction.updatedAt, firstAnnouncedAt: auction.firstAnnouncedAt ?? auction.announcedAt ?? auction.createdAt };
  } else if (auction.round > 1 && auction.previousAuctionId) {
    const p = await auctionApi.get(auction.previousAuctionId);
    previous = { id: p.id, startingPrice: p.startingPrice, endedAt: p.endedAt ?? p.updatedAt, firstAnnouncedAt: p.firstAnnouncedAt ?? p.announcedAt ?? p.createdAt };
  }
  return {
    theCase,
    description: auction.description,
    basis: {
      mode,
      caseId: auction.caseId,
      caseNo: auction.caseNo,
      measureId: auction.measureId,
      assetKind: auction.assetKind,
      assetIdentifier: auction.assetIdentifier,
      reference: { ...auction.referencePrice },
      round: mode === 'relist' ? auction.round + 1 : auction.round,
      previous,
      auction,
    },
  };
}

function defaultsOf(loaded: { basis: Basis; theCase: CaseDetail; description: string }, staff: StaffView[], userId: string, t: I18n['t']): Draft {
  const { basis, theCase } = loaded;
  const a = basis.auction;
  const now = serverNow();
  const assetClass = assetClassOf(basis.assetKind) ?? 'immovable';
  // Announce at the next full hour; bidding from 10:00 on the first day the notice allows, for 24 hours.
  const announce = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000);
  const start = new Date(startOfChinaDayAfter(announce, noticeDaysFor(assetClass, basis.round)).getTime() + 10 * 3_600_000);
  const end = new Date(start.getTime() + 24 * 3_600_000);
  const judges = staff.filter((s) => s.role === 'judge' && s.canApprove);
  const panel = [...judges.filter((j) => j.id === userId), ...judges.filter((j) => j.id !== userId)].slice(0, 3).map((j) => j.id);
  const holders = (a?.priorityHolders ?? []).map((h) => ({ key: holderKey++, name: h.name, right: h.right, rank: String(h.rank) }));
  if (a && basis.mode === 'edit') {
    return {
      title: a.title,
      description: a.description,
      city: a.city,
      startingPrice: a.startingPrice,
      deposit: a.deposit,
      increment: a.increment,
      announcementAt: toBeijingInput(a.announcementAt),
      biddingStartsAt: toBeijingInput(a.biddingStartsAt),
      biddingEndsAt: toBeijingInput(a.biddingEndsAt),
      balanceDueDays: String(a.balanceDueDays),
      proxyBidding: a.proxyBidding,
      disclosures: { ...a.disclosures, photos: a.disclosures.photos.join('\n') },
      priorityHolders: holders,
      panel: a.panel.members.map((m) => m.id),
    };
  }
  const starting = basis.previous ? formatMoney(relistPriceFloor(basis.previous.startingPrice)) : formatMoney(startingPriceFloor(basis.reference.amount));
  const ref = basis.reference;
  return {
    title: a?.title ?? `${assetKindLabel(t, basis.assetKind)} ${basis.assetIdentifier}`,
    description: a?.description ?? loaded.description,
    city: a?.city ?? '',
    startingPrice: starting,
    deposit: formatMoney(percentOf(starting, 10)),
    increment: formatMoney(percentOf(starting, 1)),
    announcementAt: toBeijingInput(announce),
    biddingStartsAt: toBeijingInput(start),
    biddingEndsAt: toBeijingInput(end),
    balanceDueDays: String(a?.balanceDueDays ?? 15),
    proxyBidding: a?.proxyBidding ?? false,
    disclosures: a
      ? { ...a.disclosures, photos: a.disclosures.photos.join('\n') }
      : {
          basis: theCase.basis,
          reportRef: t('builder.reportRefDefault', { method: valuationMethodLabel(t, ref.method), amount: displayMoney(ref.amount) }),
          rules: t('builder.rulesDefault'),
          photos: '',
          encumbrances: '',
          priorityRights: '',
          taxes: '',
          taxBearer: 'by_law',
          courtAccount: '',
        },
    priorityHolders: holders,
    panel: a ? a.panel.members.map((m) => m.id) : panel,
  };
}

function BuilderForm({ basis, initial, staff, back }: { basis: Basis; initial: Draft; staff: StaffView[]; back: string }) {
  const i18n = useI18n();
  const { t, pick, formatDateTime, formatDate } = i18n;
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Draft>(initial);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [announce, setAnnounce] = useState('');
  const summaryRef = useRef<HTMLDivElement>(null);
  const lastField = useRef<string | null>(null);
  // After a refused submit the summary takes focus, once it has been rendered with the new messages.
  const [focusTick, setFocusTick] = useState(0);
  useEffect(() => {
    if (focusTick) summaryRef.current?.focus();
  }, [focusTick]);

  const now = serverNow();
  const violations = ruleViolations(draft, basis, now);

  // The rule each field breaks now (first per field), and the shape problems zod finds (blank title, a bad amount).
  const live: FieldErrors = {};
  for (const v of violations) {
    const k = displayKey(v.field);
    if (k && !(k in live)) live[k] = v.message;
  }
  const shape = AuctionSettingsBody.safeParse(toBody(draft));
  const shapeErrors: FieldErrors = {};
  if (!shape.success) {
    for (const issue of shape.error.issues) {
      const k = displayKey(issue.path.map(String).join('.'));
      if (!k || k in shapeErrors) continue;
      const value = k in draft ? (draft as unknown as Record<string, unknown>)[k] : undefined;
      shapeErrors[k] = typeof value === 'string' && value.trim() === '' ? t('errors.required') : issue.message;
    }
  }
  for (const k of DATE_FIELDS) if (!fromBeijingInput(draft[k])) shapeErrors[k] = t('builder.dateRequired');

  const shown = (k: string): string | undefined => {
    if (serverErrors[k]) return pick(serverErrors[k]);
    if (!submitted && !touched.has(k)) return undefined;
    const m = shapeErrors[k] ?? live[k];
    return m ? pick(m) : undefined;
  };

  // Announce the rule the field being typed in breaks (or that it is met again), once the typing pauses.
  const currentMessage = lastField.current ? (shapeErrors[lastField.current] ?? live[lastField.current] ?? null) : null;
  useEffect(() => {
    const k = lastField.current;
    if (!k) return;
    const timer = setTimeout(() => setAnnounce(currentMessage ? pick(currentMessage) : t('builder.ruleMet', { field: t(LABELS[k] ?? 'builder.title') })), 700);
    return () => clearTimeout(timer);
  }, [currentMessage, draft, pick, t]);

  function touch(k: string) {
    lastField.current = k;
    setTouched((s) => (s.has(k) ? s : new Set(s).add(k)));
    if (serverErrors[k]) setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => key !== k)));
  }
  const set = (k: 'title' | 'description' | 'city' | 'startingPrice' | 'deposit' | 'increment' | 'balanceDueDays' | (typeof DATE_FIELDS)[number]) => (e: { target: { value: string } }) => {
    touch(k);
    setDraft((d) => ({ ...d, [k]: e.target.value }));
  };
  const setDisclosure = (k: DisclosureKey) => (e: { target: { value: string } }) => {
    touch(`disclosures.${k}`);
    setDraft((d) => ({ ...d, disclosures: { ...d.disclosures, [k]: e.target.value } }));
  };
  function setHolder(i: number, patch: Partial<HolderDraft>) {
    touch('priorityHolders');
    for (const f of Object.keys(patch)) touch(`priorityHolders.${i}.${f}`);
    setDraft((d) => ({ ...d, priorityHolders: d.priorityHolders.map((h, j) => (j === i ? { ...h, ...patch } : h)) }));
  }
  function togglePanel(id: string, on: boolean) {
    touch('panel');
    setDraft((d) => ({ ...d, panel: on ? [...d.panel.filter((p) => p !== id), id] : d.panel.filter((p) => p !== id) }));
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    setFormError(null);
    setServerErrors({});
    const parsed = AuctionSettingsBody.safeParse(toBody(draft));
    if (!parsed.success || DATE_FIELDS.some((k) => !fromBeijingInput(draft[k]))) {
      setFocusTick((n) => n + 1);
      return;
    }
    // The rules are the server's to enforce: it checks them again (time may have moved) and names each one broken.
    setBusy(true);
    try {
      const body = parsed.data;
      const saved =
        basis.mode === 'new'
          ? await auctionApi.draft(basis.measureId, body)
          : basis.mode === 'edit'
            ? await auctionApi.update(basis.auction!.id, body)
            : await auctionApi.relist(basis.auction!.id, body);
      navigate(`/court/auctions/${saved.id}`, { state: { saved: basis.mode } });
    } catch (err) {
      const found = violationsOf(err);
      if (found.length) {
        const errs: FieldErrors = {};
        for (const v of found) {
          const k = displayKey(v.field);
          if (!(k in errs)) errs[k] = v.message;
        }
        setServerErrors(errs);
        setFormError(null);
      } else if (err instanceof ApiError && err.issues.length) {
        const errs: FieldErrors = {};
        for (const issue of err.issues) {
          const k = displayKey(issue.path.map(String).join('.'));
          if (!(k in errs)) errs[k] = issue.message;
        }
        setServerErrors(errs);
      } else {
        setFormError(errorText(err, i18n));
      }
      setFocusTick((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  // The summary after a submit: the server's refusal, or what the form itself found.
  const summaryErrors: FieldErrors = {};
  if (submitted) {
    if (Object.keys(serverErrors).length) Object.assign(summaryErrors, serverErrors);
    else if (!busy && !formError) Object.assign(summaryErrors, shapeErrors);
  }
  const summary = summaryItems({
    errors: summaryErrors,
    formError,
    order: ORDER,
    target: (k) => (k === 'priorityHolders' ? 'add-holder' : k === 'panel' ? 'panel-set' : k.startsWith('priorityHolders.') ? fieldId(k) : ORDER.includes(k) ? fieldId(k) : null),
    label: (k) => (LABELS[k] ? t(LABELS[k]) : k.startsWith('priorityHolders.') ? t('builder.holders') : null),
    pick,
    join: (field, message) => t('errors.item', { field, message }),
  });
  const serverRefused = Object.keys(serverErrors).length > 0;

  // The rules as they stand for the values typed (figures computed by the shared rules).
  const assetClass = assetClassOf(basis.assetKind) ?? 'immovable';
  const startOk = isMoney(draft.startingPrice) && !draft.startingPrice.trim().startsWith('-');
  const announceIso = fromBeijingInput(draft.announcementAt);
  const startIso = fromBeijingInput(draft.biddingStartsAt);
  const noticeDays = noticeDaysFor(assetClass, basis.round);
  const ref = basis.reference;
  const rule = {
    startingPrice: basis.previous
      ? t('rule.relistPrice', { previous: displayMoney(basis.previous.startingPrice), min: displayMoney(relistPriceFloor(basis.previous.startingPrice)) })
      : t('rule.startingPrice', { reference: displayMoney(ref.amount), min: displayMoney(startingPriceFloor(ref.amount)) }),
    deposit: startOk
      ? t('rule.deposit', { min: displayMoney(depositRange(draft.startingPrice.trim()).min), max: displayMoney(depositRange(draft.startingPrice.trim()).max) })
      : t('rule.depositGeneric'),
    increment: startOk ? t('rule.increment', { max: displayMoney(incrementMax(draft.startingPrice.trim())) }) : t('rule.incrementGeneric'),
    announcementAt: t(basis.round > 1 ? 'rule.announcementRelist' : 'rule.announcement', { validUntil: formatDateTime(ref.validUntil) }),
    biddingStartsAt: t(basis.round > 1 ? 'rule.noticeRelist' : 'rule.notice', {
      kind: t(assetClass === 'movable' ? 'rule.movable' : 'rule.immovable'),
      days: noticeDays,
      earliest: announceIso ? formatDate(startOfChinaDayAfter(new Date(announceIso), noticeDays).toISOString()) : '—',
    }),
    biddingEndsAt: t('rule.window', { earliest: startIso ? formatDateTime(new Date(Date.parse(startIso) + 24 * 3_600_000).toISOString()) : '—' }),
    balanceDueDays: t('rule.balance', { min: BALANCE_DUE_DAYS.min, max: BALANCE_DUE_DAYS.max }),
  };

  const judges = staff.filter((s) => s.role === 'judge');
  const err = shown;

  function money(k: 'startingPrice' | 'deposit' | 'increment', label: MessageKey) {
    const v = draft[k].trim();
    return (
      <TextField
        id={fieldId(k)}
        label={t(label)}
        required
        inputMode="decimal"
        autoComplete="off"
        className="money-input"
        hint={rule[k]}
        value={draft[k]}
        onChange={set(k)}
        onBlur={() => touch(k)}
        error={err(k)}
        after={isMoney(v) && !err(k) ? <p className="field-preview">{t('builder.amountPreview', { amount: displayMoney(v) })}</p> : null}
      />
    );
  }

  return (
    <>
      <p className="lead">
        {t('builder.intro', {
          asset: `${assetKindLabel(t, basis.assetKind)} ${basis.assetIdentifier}`,
          caseNo: basis.caseNo,
          round: basis.round,
        })}
      </p>
      <dl className="facts builder-basis card">
        <div>
          <dt>{t('builder.reference')}</dt>
          <dd className="money">{displayMoney(ref.amount)}</dd>
        </div>
        <div>
          <dt>{t('builder.referenceMethod')}</dt>
          <dd>
            {valuationMethodLabel(t, ref.method)} · {formatDate(ref.fixedAt)}
          </dd>
        </div>
        <div>
          <dt>{t('builder.referenceValid')}</dt>
          <dd>{formatDateTime(ref.validUntil)}</dd>
        </div>
        <div>
          <dt>{t('builder.serverNow')}</dt>
          <dd>{formatDateTime(now.toISOString())}</dd>
        </div>
        {basis.previous ? (
          <div className="wide">
            <dt>{t('builder.previous')}</dt>
            <dd>
              {t('builder.previousText', {
                price: displayMoney(basis.previous.startingPrice),
                ended: formatDateTime(basis.previous.endedAt),
                deadline: formatDate(relistDeadline(new Date(basis.previous.endedAt)).toISOString()),
              })}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="visually-hidden" aria-live="polite" data-testid="rule-announcer">
        {announce}
      </p>
      <ErrorSummary ref={summaryRef} items={summary} title={serverRefused ? t('builder.serverRefused') : undefined} />
      <form onSubmit={onSubmit} noValidate>
        <section className="card" aria-labelledby="b-asset">
          <h2 id="b-asset">{t('builder.section.asset')}</h2>
          <TextField id={fieldId('title')} label={t('builder.title')} required value={draft.title} onChange={set('title')} error={err('title')} />
          <TextAreaField id={fieldId('description')} label={t('builder.description')} required rows={3} value={draft.description} onChange={set('description')} error={err('description')} />
          <TextField id={fieldId('city')} label={t('builder.city')} optional hint={t('builder.cityHint')} value={draft.city} onChange={set('city')} error={err('city')} />
        </section>

        <section className="card" aria-labelledby="b-prices">
          <h2 id="b-prices">{t('builder.section.prices')}</h2>
          {money('startingPrice', 'builder.startingPrice')}
          <div className="field-row">
            {money('deposit', 'builder.deposit')}
            {money('increment', 'builder.increment')}
          </div>
        </section>

        <section className="card" aria-labelledby="b-schedule">
          <h2 id="b-schedule">{t('builder.section.schedule')}</h2>
          <p className="field-hint">{t('builder.beijingTime')}</p>
          <TextField id={fieldId('announcementAt')} label={t('builder.announcementAt')} required type="datetime-local" hint={rule.announcementAt} value={draft.announcementAt} onChange={set('announcementAt')} error={err('announcementAt')} />
          <div className="field-row">
            <TextField id={fieldId('biddingStartsAt')} label={t('builder.biddingStartsAt')} required type="datetime-local" hint={rule.biddingStartsAt} value={draft.biddingStartsAt} onChange={set('biddingStartsAt')} error={err('biddingStartsAt')} />
            <TextField id={fieldId('biddingEndsAt')} label={t('builder.biddingEndsAt')} required type="datetime-local" hint={rule.biddingEndsAt} value={draft.biddingEndsAt} onChange={set('biddingEndsAt')} error={err('biddingEndsAt')} />
          </div>
          <TextField
            id={fieldId('balanceDueDays')}
            label={t('builder.balanceDueDays')}
            required
            type="number"
            inputMode="numeric"
            min={BALANCE_DUE_DAYS.min}
            max={BALANCE_DUE_DAYS.max}
            className="short-input"
            hint={rule.balanceDueDays}
            value={draft.balanceDueDays}
            onChange={set('balanceDueDays')}
            error={err('balanceDueDays')}
          />
          {err('relist') ? <p className="field-error">{err('relist')}</p> : null}
          <div className="field">
            <label className="check" htmlFor={fieldId('proxyBidding')}>
              <input type="checkbox" id={fieldId('proxyBidding')} checked={draft.proxyBidding} onChange={(e) => setDraft((d) => ({ ...d, proxyBidding: e.target.checked }))} aria-describedby="f-proxyBidding-hint" />
              <span>{t('builder.proxyBidding')}</span>
            </label>
            <p className="field-hint" id="f-proxyBidding-hint">
              {t('builder.proxyBiddingHint')}
            </p>
          </div>
        </section>

        <section className="card" aria-labelledby="b-disclosures">
          <h2 id="b-disclosures">{t('builder.section.disclosures')}</h2>
          <p className="field-hint">{t('builder.disclosuresIntro')}</p>
          {DISCLOSURE_KEYS.map((k) => {
            const key = `disclosures.${k}`;
            const hint = t('rule.disclosure', { clause: CLAUSE[k] }) + (k === 'photos' ? ` ${t('builder.photosHint')}` : '');
            if (k === 'taxBearer') {
              return (
                <SelectField key={k} id={fieldId(key)} label={t(LABELS[key]!)} required hint={t('rule.taxBearer')} value={draft.disclosures.taxBearer} onChange={setDisclosure(k)} error={err(key)}>
                  <option value="">{t('builder.chooseTaxBearer')}</option>
                  {TAX_BEARERS.map((b) => (
                    <option key={b} value={b}>
                      {taxBearerLabel(t, b)}
                    </option>
                  ))}
                </SelectField>
              );
            }
            const long = k === 'rules' || k === 'encumbrances' || k === 'photos' || k === 'priorityRights' || k === 'taxes';
            return long ? (
              <TextAreaField key={k} id={fieldId(key)} label={t(LABELS[key]!)} required hint={hint} rows={k === 'photos' ? 3 : 2} value={draft.disclosures[k]} onChange={setDisclosure(k)} error={err(key)} />
            ) : (
              <TextField key={k} id={fieldId(key)} label={t(LABELS[key]!)} required hint={hint} value={draft.disclosures[k]} onChange={setDisclosure(k)} error={err(key)} />
            );
          })}
        </section>

        <section className="card" aria-labelledby="b-holders">
          <h2 id="b-holders">{t('builder.holders')}</h2>
          <p className="field-hint">{t('rule.holders')}</p>
          {err('priorityHolders') ? <p className="field-error">{err('priorityHolders')}</p> : null}
          {draft.priorityHolders.length === 0 ? <p className="muted">{t('builder.noHolders')}</p> : null}
          {draft.priorityHolders.map((h, i) => (
            <fieldset key={h.key} className="party-entry holder-entry">
              <legend>{t('builder.holderN', { n: i + 1 })}</legend>
              <div className="holder-grid">
                <TextField id={fieldId(`priorityHolders.${i}.name`)} label={t('builder.holderName')} required value={h.name} onChange={(e) => setHolder(i, { name: e.target.value })} error={err(`priorityHolders.${i}.name`)} />
                <TextField id={fieldId(`priorityHolders.${i}.right`)} label={t('builder.holderRight')} required hint={t('builder.holderRightHint')} value={h.right} onChange={(e) => setHolder(i, { right: e.target.value })} error={err(`priorityHolders.${i}.right`)} />
                <TextField id={fieldId(`priorityHolders.${i}.rank`)} label={t('builder.holderRank')} required type="number" min={1} inputMode="numeric" className="short-input" value={h.rank} onChange={(e) => setHolder(i, { rank: e.target.value })} error={err(`priorityHolders.${i}.rank`)} />
              </div>
              <button
                type="button"
                className="button button-quiet button-small"
                onClick={() => {
                  touch('priorityHolders');
                  setDraft((d) => ({ ...d, priorityHolders: d.priorityHolders.filter((_, j) => j !== i) }));
                  requestAnimationFrame(() => document.getElementById('add-holder')?.focus());
                }}
              >
                {t('builder.removeHolder', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            id="add-holder"
            className="button"
            onClick={() => {
              const i = draft.priorityHolders.length;
              setDraft((d) => ({ ...d, priorityHolders: [...d.priorityHolders, { key: holderKey++, name: '', right: '', rank: String(i + 1) }] }));
              requestAnimationFrame(() => document.getElementById(fieldId(`priorityHolders.${i}.name`))?.focus());
            }}
          >
            + {t('builder.addHolder')}
          </button>
        </section>

        <section className="card" aria-labelledby="b-panel">
          <h2 id="b-panel">{t('builder.panel')}</h2>
          <fieldset id="panel-set" tabIndex={-1} className={`check-set${err('panel') ? ' has-error' : ''}`} aria-describedby={`panel-hint${err('panel') ? ' panel-error' : ''}`}>
            <legend className="visually-hidden">{t('builder.panel')}</legend>
            <p id="panel-hint" className="field-hint">
              {t('rule.panel')}
            </p>
            {err('panel') ? (
              <p id="panel-error" className="field-error">
                {err('panel')}
              </p>
            ) : null}
            <div className="panel-options">
              {judges.map((j) => {
                const at = draft.panel.indexOf(j.id);
                return (
                  <label key={j.id} className="check" htmlFor={`panel-${j.id}`}>
                    <input type="checkbox" id={`panel-${j.id}`} checked={at >= 0} onChange={(e) => togglePanel(j.id, e.target.checked)} />
                    <span>
                      {j.displayName}
                      {at === 0 ? <span className="muted small"> · {t('builder.presiding')}</span> : null}
                      {!j.canApprove ? <span className="muted small"> · {t('builder.noApproval')}</span> : null}
                    </span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        </section>

        <div className="form-actions sticky-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('builder.saving') : t(basis.mode === 'new' ? 'builder.submitNew' : basis.mode === 'edit' ? 'builder.submitEdit' : 'builder.submitRelist')}
          </button>
          <Link to={back} className="button">
            {t('common.cancel')}
          </Link>
          <span className="muted small" role="status">
            {violations.length ? t('builder.openRules', { n: violations.length }) : t('builder.allRulesMet')}
          </span>
        </div>
      </form>
    </>
  );
}
