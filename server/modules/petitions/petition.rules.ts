/**
 * Deadlines of petitions (信访) about an enforcement case. The law texts the platform follows (laws/) fix no figures for
 * petitions, so these are the platform's policy, in calendar days counted from receipt:
 * - ASSIGN_WITHIN_DAYS: a judge or clerk assigns the petition to a judge of the court within 3 days;
 * - ANSWER_WITHIN_DAYS: the assigned judge answers within 15 days (the 信访工作条例's 15 days to decide whether to take
 *   a matter up, used here as the whole answer time, which is stricter);
 * - reminders go out ASSIGN_REMIND_BEFORE_DAYS (1) and ANSWER_REMIND_BEFORE_DAYS (3) before each deadline, once each,
 *   and a step not done by its deadline is marked overdue, once. Pure functions; `now` is passed in.
 */
export const ASSIGN_WITHIN_DAYS = 3;
export const ANSWER_WITHIN_DAYS = 15;
export const ASSIGN_REMIND_BEFORE_DAYS = 1;
export const ANSWER_REMIND_BEFORE_DAYS = 3;

export const DAY_MS = 86_400_000;

export type PetitionStep = 'assign' | 'answer';

export interface PetitionTimes {
  status: 'received' | 'assigned' | 'answered';
  assignDueAt: Date;
  answerDueAt: Date;
  assignedAt: Date | null;
  answeredAt: Date | null;
}

export function deadlinesFor(receivedAt: Date): { assignDueAt: Date; answerDueAt: Date } {
  return {
    assignDueAt: new Date(receivedAt.getTime() + ASSIGN_WITHIN_DAYS * DAY_MS),
    answerDueAt: new Date(receivedAt.getTime() + ANSWER_WITHIN_DAYS * DAY_MS),
  };
}

/** The step that is running now: assigning, then answering; none once answered. */
export function currentStep(p: PetitionTimes): PetitionStep | null {
  if (p.status === 'received') return 'assign';
  if (p.status === 'assigned') return 'answer';
  return null;
}

/** When the running step is due (the first deadline not yet met); null once answered. */
export function dueAt(p: PetitionTimes): Date | null {
  const step = currentStep(p);
  return step === 'assign' ? p.assignDueAt : step === 'answer' ? p.answerDueAt : null;
}

/** The steps done late or not done by their deadline (a step done exactly at its deadline is on time). */
export function overdueSteps(p: PetitionTimes, now: Date): PetitionStep[] {
  const late = (doneAt: Date | null, due: Date) => (doneAt ?? now).getTime() > due.getTime();
  const steps: PetitionStep[] = [];
  if (late(p.assignedAt, p.assignDueAt)) steps.push('assign');
  if (late(p.answeredAt, p.answerDueAt)) steps.push('answer');
  return steps;
}

/** When the reminder of a step is due. */
export function remindAt(step: PetitionStep, due: Date): Date {
  return new Date(due.getTime() - (step === 'assign' ? ASSIGN_REMIND_BEFORE_DAYS : ANSWER_REMIND_BEFORE_DAYS) * DAY_MS);
}
