import type { ClosingAlertView, ClosingView, InterviewView, RecheckView } from '../../../shared/schemas/closing';
import { formatMoney } from '../../../shared/money';
import type { Db } from '../../platform/db/database';
import { partiesOf, type CaseRow } from '../cases';
import { inquiriesOfCase } from '../inquiry';
import type { CreditPort } from './closing.ports';
import { fullyEnforced, terminationConditions, type TerminationFacts } from './closing.rules';
import { alertsOfCase, interviewsOfCase, rechecksOfCase, type AlertRow, type InterviewRow, type RecheckRow } from './closing.store';

/**
 * The facts the termination rules look at, read in the caller's transaction (or outside one for a view). An online
 * inquiry of a debtor counts once it has completed, every institution asked having answered or failed (终本规定
 * Art. 1 (三), Art. 3 (二)); one still waiting for an institution that answers by hand does not.
 */
export async function terminationFacts(db: Db, credit: CreditPort, theCase: CaseRow, now: Date): Promise<TerminationFacts> {
  // One after another: `db` may be a transaction, whose one connection takes one query at a time.
  const parties = await partiesOf(db, [theCase.id]);
  const inquiries = await inquiriesOfCase(db, theCase.id);
  const interviews = await interviewsOfCase(db, theCase.id);
  const restrictionInForce = await credit.restrictionInForce(db, theCase.id);
  const debtors = parties.filter((p) => p.role === 'debtor');
  const inquired = debtors.filter((d) => inquiries.some((i) => i.partyId === d.id && i.status === 'completed'));
  return { filedAt: theCase.filedAt, now, debtors: debtors.length, debtorsInquired: inquired.length, restrictionInForce, interviews: interviews.length };
}

export const toInterviewView = (r: InterviewRow): InterviewView => ({
  id: r.id,
  caseId: r.caseId,
  interviewedOn: r.interviewedOn,
  content: r.content,
  recordedBy: { id: r.recordedBy, displayName: r.recordedByName },
  recordedAt: r.recordedAt.toISOString(),
});

export const toRecheckView = (r: RecheckRow): RecheckView => ({
  id: r.id,
  seq: r.seq,
  dueAt: r.dueAt.toISOString(),
  status: r.status,
  startedAt: r.startedAt?.toISOString() ?? null,
  completedAt: r.completedAt?.toISOString() ?? null,
  inquiryIds: r.inquiryIds,
  assetsFound: r.assetsFound,
  valueFound: formatMoney(r.valueFound),
});

export const toAlertView = (r: AlertRow): ClosingAlertView => ({
  id: r.id,
  caseId: r.caseId,
  caseNo: r.caseNo,
  recheckId: r.recheckId,
  at: r.at.toISOString(),
  assetCount: r.assetCount,
  valueFound: formatMoney(r.valueFound),
  assets: r.assets as ClosingAlertView['assets'],
});

/** The closing page's view of a case: where it stands, each termination condition, interviews, re-checks, alerts. */
export async function toClosingView(db: Db, credit: CreditPort, theCase: CaseRow, now: Date): Promise<ClosingView> {
  const [facts, interviews, rechecks, alerts] = await Promise.all([
    terminationFacts(db, credit, theCase, now),
    interviewsOfCase(db, theCase.id),
    rechecksOfCase(db, theCase.id),
    alertsOfCase(db, theCase.id),
  ]);
  const conditions = terminationConditions(facts);
  return {
    caseId: theCase.id,
    caseNo: theCase.caseNo,
    status: theCase.status,
    filedAt: theCase.filedAt.toISOString(),
    outstandingAmount: formatMoney(theCase.outstandingAmount),
    canCloseSatisfied: theCase.status === 'open' && fullyEnforced(theCase.outstandingAmount),
    conditions,
    canTerminate: theCase.status === 'open' && conditions.every((c) => c.met),
    interviews: interviews.map(toInterviewView),
    rechecks: rechecks.map(toRecheckView),
    alerts: alerts.map(toAlertView),
  };
}
