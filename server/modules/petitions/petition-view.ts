import type { PartyCaseView, PetitionView } from '../../../shared/schemas/transparency';
import type { Db } from '../../platform/db/database';
import { usersByIds } from '../accounts';
import { dueAt, overdueSteps } from './petition.rules';
import { petitionsOfCase, type PetitionRow } from './petition.store';

/** Rows to the staff's views, with the deadline running now and the steps overdue at `now`. */
export async function toPetitionViews(db: Db, rows: PetitionRow[], now: Date): Promise<PetitionView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.receivedBy, r.assigneeId].filter((id): id is string => id !== null)))];
  const names = new Map((await usersByIds(db, ids)).map((u) => [u.id, u.displayName]));
  const person = (id: string | null) => (id ? { id, displayName: names.get(id) ?? '' } : null);
  return rows.map((r) => {
    const late = overdueSteps(r, now);
    const due = dueAt(r);
    return {
      id: r.id,
      caseId: r.caseId,
      caseNo: r.caseNo,
      channel: r.channel,
      petitionerName: r.petitionerName,
      petitionerRole: r.petitionerRole,
      contact: r.contact,
      content: r.content,
      status: r.status,
      receivedAt: r.receivedAt.toISOString(),
      receivedBy: person(r.receivedBy),
      assignDueAt: r.assignDueAt.toISOString(),
      answerDueAt: r.answerDueAt.toISOString(),
      assignee: person(r.assigneeId),
      assignedAt: r.assignedAt?.toISOString() ?? null,
      answer: r.answer,
      answeredAt: r.answeredAt?.toISOString() ?? null,
      dueAt: due?.toISOString() ?? null,
      overdue: due !== null && due.getTime() < now.getTime(),
      overdueSteps: late,
    };
  });
}

export async function toPetitionView(db: Db, row: PetitionRow, now: Date): Promise<PetitionView> {
  return (await toPetitionViews(db, [row], now))[0]!;
}

/** The progress of the case's petitions for its parties' view: status and dates only. */
export async function petitionProgressOf(db: Db, caseId: string): Promise<PartyCaseView['petitions']> {
  return (await petitionsOfCase(db, caseId)).map((p) => ({
    id: p.id,
    status: p.status,
    receivedAt: p.receivedAt.toISOString(),
    answerDueAt: p.answerDueAt.toISOString(),
    answeredAt: p.answeredAt?.toISOString() ?? null,
  }));
}
