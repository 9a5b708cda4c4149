import type { ClosingAlertView, ClosingView, InterviewView } from '../../../shared/schemas/closing';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { caseVisibleTo } from '../cases';
import { toAlertView, toClosingView, toInterviewView } from './closing-view';
import type { CreditPort } from './closing.ports';
import { alertsOfCourt, interviewsOfCase } from './closing.store';

const DAY_MS = 86_400_000;

/** The closing page of a case the actor may see. */
export async function closingOf(ctx: AppContext, credit: CreditPort, actor: Actor, caseId: string): Promise<ClosingView> {
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  return toClosingView(ctx.db, credit, theCase, ctx.clock.now());
}

export async function interviewsFor(ctx: AppContext, actor: Actor, caseId: string): Promise<InterviewView[]> {
  await caseVisibleTo(ctx.db, actor, caseId);
  return (await interviewsOfCase(ctx.db, caseId)).map(toInterviewView);
}

/** Alerts of re-checks that found assets: a judge or clerk sees their own court's; an administrator all. */
export async function alertsFor(ctx: AppContext, actor: Actor, days: number): Promise<ClosingAlertView[]> {
  const since = new Date(ctx.clock.nowMs() - days * DAY_MS);
  const rows = await alertsOfCourt(ctx.db, actor.role === 'admin' ? null : actor.courtId, since, 200);
  return rows.map(toAlertView);
}
