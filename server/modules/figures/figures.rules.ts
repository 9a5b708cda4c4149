/**
 * The quality figures (执行质效) as pure functions of plain rows and a period: no I/O, no clock. Rates are Decimal
 * percentages to 2 decimals, or null when the denominator is 0 (the page shows "—"); money is Decimal throughout.
 */
import { add, formatMoney, Money, parseMoney } from '../../../shared/money';
import { addCalendarDays, chinaDate } from '../../../shared/working-days';
import type { FiguresMonth, FiguresView } from '../../../shared/schemas/figures';

const DAY_MS = 86_400_000;

/** A period of whole China calendar days: [start, end) as instants, and its first and last day. */
export interface Period {
  from: string;
  to: string;
  start: Date;
  /** Exclusive: 00:00 in China of the day after `to`. */
  end: Date;
}

/** The instant a China calendar day (UTC+8) begins. */
export const chinaDayStart = (day: string): Date => new Date(Date.parse(`${day}T00:00:00+08:00`));

/**
 * The period from `from` to `to` inclusive. Without `from`: 1 January of `to`'s year, or of this year (in China);
 * without `to`: today, or the 31 December of `from`'s year when that is earlier than `from` or than today's year.
 */
export function periodOf(now: Date, from?: string, to?: string): Period {
  const today = chinaDate(now);
  const first = from ?? `${(to ?? today).slice(0, 4)}-01-01`;
  const last = to ?? (first.slice(0, 4) < today.slice(0, 4) || first > today ? `${first.slice(0, 4)}-12-31` : today);
  return { from: first, to: last, start: chinaDayStart(first), end: chinaDayStart(addCalendarDays(last, 1)) };
}

export const within = (at: Date, p: Period): boolean => at.getTime() >= p.start.getTime() && at.getTime() < p.end.getTime();

/** `part` ÷ `whole` as a percentage with 2 decimals (half-up), or null when `whole` is 0. */
export function rate(part: Money | number | string, whole: Money | number | string): string | null {
  const w = new Money(whole);
  if (w.isZero()) return null;
  return new Money(part).dividedBy(w).times(100).toFixed(2, Money.ROUND_HALF_UP);
}

/** The China months ('YYYY-MM') the period touches, in order. */
export function monthsOf(p: Period): string[] {
  const months: string[] = [];
  let [y, m] = p.from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = p.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

const monthOf = (at: Date): string => chinaDate(at).slice(0, 7);

// ---- Cases

export interface CaseFiling {
  id: string;
  filedAt: Date;
}

/** A change of a case's status as the audit trail records it (case.satisfied, case.terminated, case.restored). */
export interface StatusEvent {
  caseId: string;
  at: Date;
  kind: 'satisfied' | 'terminated' | 'restored';
}

export interface CaseFigures {
  pendingAtStart: number;
  received: number;
  restored: number;
  closed: number;
  satisfied: number;
  terminated: number;
  closureRate: string | null;
  actualEnforcementRate: string | null;
  averageDaysToClose: string | null;
  /** Per month of the period: received and closed. */
  byMonth: Map<string, { received: number; closed: number }>;
}

/**
 * The case figures of a period, as the court statistics count them:
 * - 旧存 (pendingAtStart): filed before the period and open at its start (no closing, or restored since the last one);
 * - 新收 (received): filed in the period; 恢复执行 in the period is counted apart (restored) and, like a new filing, in
 *   the closure rate's denominator (a restored case is filed anew as 执恢 in the court statistics);
 * - 结案 (closed): cases whose last closing in the period is 执行完毕 (satisfied) or 终本 (terminated), each case once
 *   per period (and once per month, in the month of its last closing there);
 * - 结案率 = closed ÷ (旧存 + 新收 + 恢复);
 * - 实际执结率 = 执行完毕 ÷ 结案: a 终本 closes the procedure without the claim being enforced, so only a case enforced
 *   in full counts as actually enforced (the SPC's 实际执结 also counts settlements performed, which this platform
 *   does not record);
 * - average days to close: mean of (closing − filing) over the cases closed, 1 decimal.
 */
export function caseFigures(cases: CaseFiling[], events: StatusEvent[], p: Period): CaseFigures {
  const months = monthsOf(p);
  const byMonth = new Map(months.map((m) => [m, { received: 0, closed: 0 }]));
  const byCase = new Map<string, StatusEvent[]>();
  for (const e of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  }
  let pendingAtStart = 0;
  let received = 0;
  let restored = 0;
  let satisfied = 0;
  let terminated = 0;
  let totalDays = new Money(0);
  for (const c of cases) {
    const history = byCase.get(c.id) ?? [];
    if (c.filedAt.getTime() < p.start.getTime()) {
      const before = history.filter((e) => e.at.getTime() < p.start.getTime()).at(-1);
      if (!before || before.kind === 'restored') pendingAtStart++;
    } else if (within(c.filedAt, p)) {
      received++;
      const month = byMonth.get(monthOf(c.filedAt));
      if (month) month.received++;
    } else continue;
    const inPeriod = history.filter((e) => within(e.at, p));
    restored += inPeriod.filter((e) => e.kind === 'restored').length;
    const closing = inPeriod.filter((e) => e.kind !== 'restored').at(-1);
    if (!closing) continue;
    if (closing.kind === 'satisfied') satisfied++;
    else terminated++;
    totalDays = totalDays.plus(new Money(closing.at.getTime() - c.filedAt.getTime()).dividedBy(DAY_MS));
    const month = byMonth.get(monthOf(closing.at));
    if (month) month.closed++;
  }
  const closed = satisfied + terminated;
  return {
    pendingAtStart,
    received,
    restored,
    closed,
    satisfied,
    terminated,
    closureRate: rate(closed, pendingAtStart + received + restored),
    actualEnforcementRate: rate(satisfied, closed),
    averageDaysToClose: closed === 0 ? null : totalDays.dividedBy(closed).toFixed(1, Money.ROUND_HALF_UP),
    byMonth,
  };
}

// ---- Sales

export interface AuctionOutcome {
  startingPrice: string;
  /** When the bidding of this round ended; null if it has not. */
  biddingEndedAt: Date | null;
  sale: { kind: 'auction' | 'fixed_price'; price: string; status: 'awaiting_balance' | 'paid' | 'reneged'; at: Date } | null;
}

/**
 * - 成交率 (saleRate) = rounds sold at the auction ÷ rounds whose bidding ended in the period; a sale the buyer
 *   reneged on (悔拍) is not a sale: the asset goes to a resale;
 * - 网拍占比 (onlineShare) = sold at auction ÷ all sales (auction + 变卖 made in the period);
 * - 溢价率 (premiumRate) = mean over the auctions sold of (price − starting price) ÷ starting price, in Decimal.
 */
export function saleFigures(outcomes: AuctionOutcome[], p: Period): FiguresView['sales'] {
  const ended = outcomes.filter((o) => o.biddingEndedAt && within(o.biddingEndedAt, p));
  const sold = ended.filter((o) => o.sale?.kind === 'auction' && o.sale.status !== 'reneged');
  const fixed = outcomes.filter((o) => o.sale?.kind === 'fixed_price' && o.sale.status !== 'reneged' && within(o.sale.at, p));
  const premiums = sold.map((o) => parseMoney(o.sale!.price).minus(o.startingPrice).dividedBy(o.startingPrice));
  const premiumRate = premiums.length === 0 ? null : premiums.reduce((s, x) => s.plus(x), new Money(0)).dividedBy(premiums.length).times(100).toFixed(2, Money.ROUND_HALF_UP);
  return {
    auctionsEnded: ended.length,
    auctionsSold: sold.length,
    fixedPriceSold: fixed.length,
    saleRate: rate(sold.length, ended.length),
    onlineShare: rate(sold.length, sold.length + fixed.length),
    premiumRate,
    salesAmount: formatMoney(add(...[...sold, ...fixed].map((o) => o.sale!.price))),
  };
}

// ---- Money and measures

export interface Amount {
  at: Date;
  amount: string;
}

/** The sum of the amounts in the period. */
export function sumIn(rows: Amount[], p: Period): string {
  return formatMoney(add(...rows.filter((r) => within(r.at, p)).map((r) => r.amount)));
}

export interface Renewal {
  /** When the renewal took effect (the institution's reply). */
  at: Date;
  /** The term it extended: a renewal at or after it came too late. */
  previousExpiry: Date;
}

/** 续行及时率 = renewals in force before the term ran out ÷ (all renewals + lapses) in the period. */
export function measureFigures(renewals: Renewal[], lapses: { at: Date }[], p: Period): FiguresView['measures'] {
  const inPeriod = renewals.filter((r) => within(r.at, p));
  const onTime = inPeriod.filter((r) => r.at.getTime() < r.previousExpiry.getTime()).length;
  const late = inPeriod.length - onTime;
  const lapsed = lapses.filter((l) => within(l.at, p)).length;
  return { renewedOnTime: onTime, renewedLate: late, lapsed, renewalRate: rate(onTime, onTime + late + lapsed) };
}

/** The monthly series: received and closed cases, and the money recovered, per China month of the period. */
export function monthlySeries(byMonth: CaseFigures['byMonth'], recovered: Amount[], p: Period): FiguresMonth[] {
  return monthsOf(p).map((month) => {
    const counts = byMonth.get(month) ?? { received: 0, closed: 0 };
    const money = recovered.filter((r) => within(r.at, p) && monthOf(r.at) === month).map((r) => r.amount);
    return { month, received: counts.received, closed: counts.closed, recovered: formatMoney(add(...money)) };
  });
}

// ---- CSV

/** The rows of the CSV: code, Chinese label, English label, and how to read the value from the view. */
const CSV_ROWS: [string, string, string, (v: FiguresView) => string | number | null][] = [
  ['cases.pendingAtStart', '旧存案件', 'Pending at start', (v) => v.cases.pendingAtStart],
  ['cases.received', '新收案件', 'Received', (v) => v.cases.received],
  ['cases.restored', '恢复执行', 'Restored', (v) => v.cases.restored],
  ['cases.closed', '结案', 'Closed', (v) => v.cases.closed],
  ['cases.satisfied', '执行完毕', 'Enforced in full', (v) => v.cases.satisfied],
  ['cases.terminated', '终结本次执行', 'Terminated (no assets)', (v) => v.cases.terminated],
  ['cases.closureRate', '结案率(%)', 'Closure rate (%)', (v) => v.cases.closureRate],
  ['cases.actualEnforcementRate', '实际执结率(%)', 'Actual enforcement rate (%)', (v) => v.cases.actualEnforcementRate],
  ['cases.averageDaysToClose', '平均结案用时(天)', 'Average days to close', (v) => v.cases.averageDaysToClose],
  ['sales.auctionsEnded', '网拍结束场次', 'Auctions ended', (v) => v.sales.auctionsEnded],
  ['sales.auctionsSold', '网拍成交', 'Auctions sold', (v) => v.sales.auctionsSold],
  ['sales.fixedPriceSold', '变卖成交', 'Fixed-price sales', (v) => v.sales.fixedPriceSold],
  ['sales.saleRate', '成交率(%)', 'Sale rate (%)', (v) => v.sales.saleRate],
  ['sales.onlineShare', '网拍成交占比(%)', 'Share sold online (%)', (v) => v.sales.onlineShare],
  ['sales.premiumRate', '平均溢价率(%)', 'Average premium (%)', (v) => v.sales.premiumRate],
  ['sales.salesAmount', '成交金额(元)', 'Sales amount (CNY)', (v) => v.sales.salesAmount],
  ['money.frozen', '冻结金额(元)', 'Frozen (CNY)', (v) => v.money.frozen],
  ['money.deducted', '扣划金额(元)', 'Deducted (CNY)', (v) => v.money.deducted],
  ['money.recovered', '执行到位金额(元)', 'Recovered (CNY)', (v) => v.money.recovered],
  ['measures.renewedOnTime', '按期续行', 'Renewed on time', (v) => v.measures.renewedOnTime],
  ['measures.renewedLate', '逾期续行', 'Renewed late', (v) => v.measures.renewedLate],
  ['measures.lapsed', '到期失效', 'Lapsed', (v) => v.measures.lapsed],
  ['measures.renewalRate', '续行及时率(%)', 'Renewal rate (%)', (v) => v.measures.renewalRate],
];

export const CSV_HEADER = ['法院 / Court', '期间 / Period', '代码 / Code', '指标', 'Figure', '数值 / Value'];

/** A CSV field: quoted when needed; text that a spreadsheet would run as a formula is defused with a leading quote. */
function field(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The figures as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the local code page),
 * CRLF line ends, a header in Chinese and English, one row per figure of the period, then one row per month and
 * series. A rate whose denominator is 0 is an empty cell.
 */
export function figuresCsv(v: FiguresView): string {
  const period = `${v.from}~${v.to}`;
  const lines = [CSV_HEADER.map(field).join(',')];
  for (const [code, zh, en, read] of CSV_ROWS) lines.push([v.courtName, period, code, zh, en, read(v)].map(field).join(','));
  for (const m of v.months) {
    lines.push([v.courtName, m.month, 'months.received', '新收案件', 'Received', m.received].map(field).join(','));
    lines.push([v.courtName, m.month, 'months.closed', '结案', 'Closed', m.closed].map(field).join(','));
    lines.push([v.courtName, m.month, 'months.recovered', '执行到位金额(元)', 'Recovered (CNY)', m.recovered].map(field).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
