/**
 * /figures: the court's quality figures (执行质效) for a period: cards grouped by cases, sales, amounts and renewals;
 * two charts (received vs closed by month, recovered by month), each with a caption and the same data as a table;
 * a period picker (and a court picker for admins) kept in the address, and the CSV download.
 */
import { useEffect, useState, type FormEvent, type ReactElement, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { displayMoney } from '@shared/money';
import { api } from '../api';
import { useAuth } from '../auth';
import { SelectField, TextField } from '../components/fields';
import { Loading } from '../components/layout';
import { LoadError } from '../components/load-error';
import { figuresApi, type FiguresView } from '../figures-api';
import { useI18n, type MessageKey } from '../i18n';
import { useLoad } from '../lib/use-load';
import { usePageTitle } from '../lib/use-page-title';
import '../figures.css';

const RECEIVED = '#1f3a5f';
const CLOSED = '#1f6f3f';
const RECOVERED = '#a11d1d';

interface Draft {
  courtId: string;
  from: string;
  to: string;
}

const draftFrom = (p: URLSearchParams): Draft => ({ courtId: p.get('courtId') ?? '', from: p.get('from') ?? '', to: p.get('to') ?? '' });

export function FiguresPage() {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  usePageTitle(t('figures.title'));
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const applied = draftFrom(params);
  const [draft, setDraft] = useState<Draft>(applied);
  const [invalid, setInvalid] = useState(false);
  const isAdmin = user?.role === 'admin';
  const courts = useLoad(() => (isAdmin ? api.courts() : Promise.resolve([])), [isAdmin]);
  const figures = useLoad(() => figuresApi.figures(applied), [paramsKey]);
  const view = figures.data;

  // The dates the server chose (this year) fill the empty fields, so the picker shows the period on screen.
  useEffect(() => {
    const next = draftFrom(new URLSearchParams(paramsKey));
    setDraft({ ...next, from: next.from || view?.from || '', to: next.to || view?.to || '' });
  }, [paramsKey, view?.from, view?.to]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(draft)) if (v) p.set(k, v);
    setParams(p);
  }

  const set = (k: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value }));
  const percent = (v: string | null) => (v === null ? t('figures.none') : `${v}%`);
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });

  return (
    <div className="page figures-page">
      <div className="page-head">
        <h1>{t('figures.title')}</h1>
        {view ? (
          <a className="button" href={figuresApi.csvUrl({ courtId: applied.courtId, from: view.from, to: view.to })} download data-testid="figures-csv">
            {t('figures.csv')}
          </a>
        ) : null}
      </div>
      <p className="lead">{t('figures.intro')}</p>

      <form className="card figures-period" onSubmit={onSubmit} aria-label={t('figures.period')} noValidate>
        {isAdmin ? (
          <SelectField id="figures-court" label={t('figures.court')} value={draft.courtId} onChange={set('courtId')}>
            <option value="">{t('figures.allCourts')}</option>
            {(courts.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField id="figures-from" type="date" label={t('figures.from')} value={draft.from} onChange={set('from')} />
        <TextField
          id="figures-to"
          type="date"
          label={t('figures.to')}
          value={draft.to}
          onChange={set('to')}
          error={invalid ? t('figures.invalidPeriod') : undefined}
        />
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {t('figures.apply')}
          </button>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setInvalid(false);
              setParams(applied.courtId ? new URLSearchParams({ courtId: applied.courtId }) : new URLSearchParams());
            }}
          >
            {t('figures.thisYear')}
          </button>
        </div>
      </form>

      {figures.error ? <LoadError error={figures.error} onRetry={figures.reload} /> : null}
      {figures.loading && !view ? <Loading /> : null}
      {view ? (
        <div className={figures.loading ? 'is-stale' : undefined} aria-busy={figures.loading}>
          <p className="figures-scope" data-testid="figures-scope">
            {t('figures.scope', { court: view.courtName, from: view.from, to: view.to })}
          </p>

          <Group title={t('figures.cases')}>
            <Stat label={t('figures.pendingAtStart')} value={view.cases.pendingAtStart} />
            <Stat label={t('figures.received')} value={view.cases.received} code="received" />
            <Stat label={t('figures.closed')} value={view.cases.closed} code="closed" />
            <Stat label={t('figures.satisfied')} value={view.cases.satisfied} />
            <Stat label={t('figures.terminated')} value={view.cases.terminated} />
            <Stat label={t('figures.restored')} value={view.cases.restored} />
            <Stat label={t('figures.closureRate')} value={percent(view.cases.closureRate)} hint={t('figures.closureRate.hint')} code="closureRate" />
            <Stat
              label={t('figures.actualEnforcementRate')}
              value={percent(view.cases.actualEnforcementRate)}
              hint={t('figures.actualEnforcementRate.hint')}
              code="actualEnforcementRate"
            />
            <Stat
              label={t('figures.averageDaysToClose')}
              value={view.cases.averageDaysToClose === null ? t('figures.none') : t('figures.days', { n: view.cases.averageDaysToClose })}
            />
          </Group>

          <Group title={t('figures.money')}>
            <Stat label={t('figures.frozen')} value={displayMoney(view.money.frozen)} />
            <Stat label={t('figures.deducted')} value={displayMoney(view.money.deducted)} code="deducted" />
            <Stat label={t('figures.recovered')} value={displayMoney(view.money.recovered)} code="recovered" />
          </Group>

          <Group title={t('figures.sales')}>
            <Stat label={t('figures.auctionsEnded')} value={view.sales.auctionsEnded} />
            <Stat label={t('figures.auctionsSold')} value={view.sales.auctionsSold} code="auctionsSold" />
            <Stat label={t('figures.fixedPriceSold')} value={view.sales.fixedPriceSold} />
            <Stat label={t('figures.saleRate')} value={percent(view.sales.saleRate)} hint={t('figures.saleRate.hint')} code="saleRate" />
            <Stat label={t('figures.onlineShare')} value={percent(view.sales.onlineShare)} hint={t('figures.onlineShare.hint')} />
            <Stat label={t('figures.premiumRate')} value={percent(view.sales.premiumRate)} hint={t('figures.premiumRate.hint')} code="premiumRate" />
            <Stat label={t('figures.salesAmount')} value={displayMoney(view.sales.salesAmount)} />
          </Group>

          <Group title={t('figures.measures')}>
            <Stat label={t('figures.renewedOnTime')} value={view.measures.renewedOnTime} />
            <Stat label={t('figures.renewedLate')} value={view.measures.renewedLate} />
            <Stat label={t('figures.lapsed')} value={view.measures.lapsed} />
            <Stat label={t('figures.renewalRate')} value={percent(view.measures.renewalRate)} hint={t('figures.renewalRate.hint')} />
          </Group>

          <div className="figures-charts">
            <ChartFigure
              id="chart-cases"
              title={t('figures.chart.cases')}
              caption={t('figures.chart.cases.caption', { from: view.from, to: view.to })}
              table={<MonthTable view={view} columns={['received', 'closed']} />}
            >
              <BarChart data={view.months} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="month" tickFormatter={(m: string) => m.slice(5)} />
                <YAxis allowDecimals={false} width={40} />
                <Tooltip />
                <Legend />
                <Bar dataKey="received" name={t('figures.received')} fill={RECEIVED} isAnimationActive={false} />
                <Bar dataKey="closed" name={t('figures.closed')} fill={CLOSED} isAnimationActive={false} />
              </BarChart>
            </ChartFigure>
            <ChartFigure
              id="chart-recovered"
              title={t('figures.chart.recovered')}
              caption={t('figures.chart.recovered.caption', { from: view.from, to: view.to })}
              table={<MonthTable view={view} columns={['recovered']} />}
            >
              {/* Plotted as numbers (a chart's pixels need no fen); every amount shown as text stays a Decimal string. */}
              <LineChart data={view.months.map((m) => ({ month: m.month, recovered: Number(m.recovered), label: displayMoney(m.recovered) }))} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="month" tickFormatter={(m: string) => m.slice(5)} />
                <YAxis width={56} tickFormatter={(v: number) => compact.format(v)} />
                <Tooltip formatter={(_v, _n, item) => [(item.payload as { label: string }).label, t('figures.recovered')]} />
                <Legend />
                <Line type="monotone" dataKey="recovered" name={t('figures.recovered')} stroke={RECOVERED} strokeWidth={2} dot isAnimationActive={false} />
              </LineChart>
            </ChartFigure>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="figures-group" aria-label={title}>
      <h2>{title}</h2>
      <dl className="figures-cards">{children}</dl>
    </section>
  );
}

function Stat({ label, value, hint, code }: { label: string; value: string | number; hint?: string; code?: string }) {
  return (
    <div className="figures-card" data-figure={code}>
      <dt>{label}</dt>
      <dd className="figures-value">{value}</dd>
      {hint ? <dd className="figures-hint">{hint}</dd> : null}
    </div>
  );
}

function ChartFigure({ id, title, caption, table, children }: { id: string; title: string; caption: string; table: ReactNode; children: ReactElement }) {
  const { t } = useI18n();
  return (
    <figure className="card figures-chart" aria-labelledby={`${id}-title`} aria-describedby={`${id}-caption`} data-testid={id}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
        <p id={`${id}-caption`} className="figures-caption">
          {caption}
        </p>
      </figcaption>
      {/* The drawing is for the eye; the table below carries the same data for screen readers and keyboards. */}
      <div className="figures-plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          {children}
        </ResponsiveContainer>
      </div>
      <details className="figures-data">
        <summary>{t('figures.chart.table')}</summary>
        {table}
      </details>
    </figure>
  );
}

function MonthTable({ view, columns }: { view: FiguresView; columns: ('received' | 'closed' | 'recovered')[] }) {
  const { t } = useI18n();
  const label: Record<(typeof columns)[number], MessageKey> = { received: 'figures.received', closed: 'figures.closed', recovered: 'figures.recovered' };
  return (
    <div className="table-wrap">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('figures.month')}</th>
            {columns.map((c) => (
              <th key={c} scope="col" className="num">
                {t(label[c])}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.months.map((m) => (
            <tr key={m.month}>
              <th scope="row">{m.month}</th>
              {columns.map((c) => (
                <td key={c} className="num">
                  {c === 'recovered' ? displayMoney(m.recovered) : m[c]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
