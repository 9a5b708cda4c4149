import type { FiguresQuery, FiguresView } from '../../../shared/schemas/figures';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { forbidden, notFound } from '../../platform/errors';
import { caseRecordsByAction } from '../audit';
import { auctionOutcomes } from '../auctions';
import { casesFiledBefore } from '../cases';
import { courtById } from '../courts';
import { recoveredCredits } from '../ledger';
import { measureFigures as measureRows } from '../measures';
import { caseFigures, measureFigures, monthlySeries, periodOf, saleFigures, sumIn, type Renewal, type StatusEvent } from './figures.rules';

const STATUS_ACTIONS: Record<string, StatusEvent['kind']> = { 'case.satisfied': 'satisfied', 'case.terminated': 'terminated', 'case.restored': 'restored' };

/**
 * Which court the actor may see figures of (ARCHITECTURE invariant 8): a judge or clerk their own court (the default);
 * an admin any court, or all courts when none is given. Another court answers 403: which courts exist is public
 * (GET /api/courts), their figures are not.
 */
async function scopeOf(ctx: AppContext, actor: Actor, courtId: string | undefined): Promise<{ courtId: string | undefined; courtName: string }> {
  if (actor.role === 'admin') {
    if (!courtId) return { courtId: undefined, courtName: '全部法院 / All courts' };
  } else {
    if (!actor.courtId) throw forbidden('只有法院工作人员可以查看质效数据 / Only court staff may see the quality figures');
    if (courtId && courtId !== actor.courtId) throw forbidden('只能查看本院的质效数据 / You may see only your own court\'s figures');
    courtId = actor.courtId;
  }
  const court = await courtById(ctx.db, courtId);
  if (!court) throw notFound('court', '法院');
  return { courtId, courtName: court.name };
}

/** The quality figures (执行质效) of one court (or all, for an admin) and period, read through each module's exports. */
export async function courtFigures(ctx: AppContext, actor: Actor, query: Pick<FiguresQuery, 'courtId' | 'from' | 'to'>): Promise<FiguresView> {
  const scope = await scopeOf(ctx, actor, query.courtId);
  const p = periodOf(ctx.clock.now(), query.from, query.to);
  const cases = await casesFiledBefore(ctx.db, scope.courtId, p.end);
  // One court: its cases' rows only, filtered in SQL. All courts (an admin): every case's rows.
  const ours = scope.courtId ? cases.map((c) => c.id) : undefined;
  // The status changes of the whole history before the end: the pending cases at the start depend on them.
  const records = await caseRecordsByAction(ctx.db, [...Object.keys(STATUS_ACTIONS), 'measure.renewed'], p.end, ours);
  const events: StatusEvent[] = [];
  const renewals: Renewal[] = [];
  for (const r of records) {
    if (!r.caseId) continue;
    const kind = STATUS_ACTIONS[r.action];
    if (kind) events.push({ caseId: r.caseId, at: r.at, kind });
    else {
      const from = (JSON.parse(r.data) as { from?: string }).from;
      if (from) renewals.push({ at: r.at, previousExpiry: new Date(from) });
    }
  }
  const caseCounts = caseFigures(cases, events, p);
  const recovered = await recoveredCredits(ctx.db, p.start, p.end, ours);
  const measured = await measureRows(ctx.db, scope.courtId, p.start, p.end);
  const outcomes = await auctionOutcomes(ctx.db, scope.courtId, p.start, p.end);
  const { byMonth, ...counts } = caseCounts;
  return {
    courtId: scope.courtId ?? null,
    courtName: scope.courtName,
    from: p.from,
    to: p.to,
    cases: counts,
    sales: saleFigures(outcomes, p),
    money: { frozen: sumIn(measured.freezes, p), deducted: sumIn(measured.deductions, p), recovered: sumIn(recovered, p) },
    measures: measureFigures(renewals, measured.lapses, p),
    months: monthlySeries(byMonth, recovered, p),
  };
}
