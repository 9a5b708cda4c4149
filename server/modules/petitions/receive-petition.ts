import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PublicPetitionBody, ReceivePetitionBody, type PetitionView } from '../../../shared/schemas/transparency';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
import { recordAudit } from '../audit';
import { caseVisibleTo, type CaseRow } from '../cases';
import { openCase } from '../transparency';
import { requireCourtStaff } from './petition-access';
import { petitionPush } from './petition-events';
import { toPetitionView } from './petition-view';
import { deadlinesFor } from './petition.rules';
import { insertPetition } from './petition.store';

type Content = Omit<z.output<typeof ReceivePetitionBody>, 'channel'> & { channel: 'visit' | 'letter' | 'phone' | 'online' };

/** The party filing online, as the actor of the audit record: nobody signed in, known only by the case's query code. */
const PARTY_ACTOR: Actor = { ...SYSTEM_ACTOR, role: 'party', displayName: '当事人（查询码）/ party (query code)' };

async function receive(ctx: AppContext, actor: Actor, theCase: CaseRow, content: Content, receivedBy: string | null): Promise<PetitionView> {
  const now = ctx.clock.now();
  const { assignDueAt, answerDueAt } = deadlinesFor(now);
  const { view, push } = await ctx.db.transaction(async (tx: Db) => {
    const row = {
      id: randomUUID(),
      caseId: theCase.id,
      courtId: theCase.courtId,
      caseNo: theCase.caseNo,
      channel: content.channel,
      petitionerName: content.petitionerName,
      petitionerRole: content.petitionerRole,
      contact: content.contact ?? null,
      content: content.content,
      status: 'received' as const,
      receivedAt: now,
      receivedBy,
      assignDueAt,
      answerDueAt,
      assigneeId: null,
      assignedBy: null,
      assignedAt: null,
      answer: null,
      answeredBy: null,
      answeredAt: null,
      assignRemindedAt: null,
      answerRemindedAt: null,
      assignOverdueAt: null,
      answerOverdueAt: null,
      updatedAt: now,
    };
    await insertPetition(tx, row);
    const view = await toPetitionView(tx, row, now);
    await recordAudit(tx, ctx.clock, actor, {
      action: 'petition.received',
      entityType: 'petition',
      entityId: row.id,
      caseId: theCase.id,
      data: { channel: row.channel, petitionerName: row.petitionerName, petitionerRole: row.petitionerRole, assignDueAt: assignDueAt.toISOString(), answerDueAt: answerDueAt.toISOString() },
    });
    // The case's judge is told a petition came in (they or a clerk assign it).
    return { view, push: petitionPush(ctx, view, theCase.courtId, 'petition.reminder', theCase.judgeId, { step: 'assign', reason: 'received' }) };
  });
  push();
  return view;
}

/** A judge or clerk of the case's court records a petition received by visit, letter or phone (信访登记). */
export async function receivePetition(ctx: AppContext, actor: Actor, caseId: string, body: z.output<typeof ReceivePetitionBody>): Promise<PetitionView> {
  requireCourtStaff(actor, true);
  const theCase = await caseVisibleTo(ctx.db, actor, caseId);
  return receive(ctx, actor, theCase, body, actor.userId);
}

/** A party files a petition online with the case number and query code (the same check, lock-out and refusal as the party view). */
export async function filePublicPetition(ctx: AppContext, body: z.output<typeof PublicPetitionBody>, clientAddress: string): Promise<{ id: string; receivedAt: string; answerDueAt: string }> {
  const theCase = await openCase(ctx, { caseNo: body.caseNo, code: body.code }, clientAddress);
  const view = await receive(ctx, PARTY_ACTOR, theCase, { ...body, channel: 'online' }, null);
  return { id: view.id, receivedAt: view.receivedAt, answerDueAt: view.answerDueAt };
}
