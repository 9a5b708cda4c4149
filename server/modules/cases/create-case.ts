import { randomUUID } from 'node:crypto';
import type { CreateCaseBody } from '../../../shared/schemas/cases';
import { formatMoney } from '../../../shared/money';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError, fieldError } from '../../platform/errors';
import { userById } from '../accounts';
import { recordAudit } from '../audit';
import { courtById } from '../courts';
import { checkCaseNo, chinaYear, duplicateParty } from './case.rules';
import { insertCase, lockCaseNumbering, maxSeq, type CaseRow, type PartyRow } from './case.store';

/** Files an enforcement case (立案) in the actor's court, with its parties; the number is given or assigned. */
export async function createCase(ctx: AppContext, actor: Actor, input: CreateCaseBody): Promise<CaseRow> {
  const courtId = input.courtId ?? actor.courtId;
  if (!courtId || courtId !== actor.courtId) throw new AppError('FORBIDDEN', '只能在本院立案 / You may file cases only in your own court');
  const court = await courtById(ctx.db, courtId);
  if (!court) throw fieldError('VALIDATION_FAILED', ['courtId'], '法院不存在 / No such court');

  const judge = await userById(ctx.db, input.judgeId);
  if (!judge || judge.role !== 'judge' || judge.courtId !== courtId || judge.disabledAt) {
    throw fieldError('VALIDATION_FAILED', ['judgeId'], '承办法官须为本院法官 / The assigned judge must be a judge of this court');
  }

  const parties = [
    ...input.creditors.map((p) => ({ role: 'creditor' as const, p })),
    ...input.debtors.map((p) => ({ role: 'debtor' as const, p })),
  ].map(({ role, p }) => ({ role, kind: p.kind, name: p.name, idNumber: p.kind === 'person' ? p.idNumber : p.creditCode }));
  const duplicate = duplicateParty(parties);
  if (duplicate) throw fieldError('VALIDATION_FAILED', ['debtors'], `同一当事人（${duplicate}）不能重复列明 / The same party (${duplicate}) appears twice`);

  const now = ctx.clock.now();
  const claim = formatMoney(input.claimAmount);
  const given = input.caseNo ? checkCaseNo(input.caseNo, court.code, now) : null;
  if (given && !given.ok) throw fieldError(given.code, 'caseNo', given.message);

  const caseId = randomUUID();
  try {
    return await ctx.db.transaction(async (tx) => {
      const year = given?.ok ? given.parts.year : chinaYear(now);
      const caseType = given?.ok ? given.parts.caseType : '执';
      await lockCaseNumbering(tx, courtId, year);
      const seq = given?.ok ? given.parts.seq : (await maxSeq(tx, courtId, year, caseType)) + 1;
      const row: CaseRow = {
        id: caseId,
        caseNo: `（${year}）${court.code}${caseType}${seq}号`,
        courtId,
        year,
        caseType,
        seq,
        cause: input.cause,
        basis: input.basis,
        claimAmount: claim,
        outstandingAmount: claim,
        status: 'open',
        judgeId: judge.id,
        createdBy: actor.userId!,
        filedAt: now,
        updatedAt: now,
      };
      const partyRows: PartyRow[] = parties.map((p, i) => ({ id: randomUUID(), caseId, position: i, ...p }));
      await insertCase(tx, row, partyRows);
      await recordAudit(tx, ctx.clock, actor, {
        action: 'case.created',
        entityType: 'case',
        entityId: caseId,
        caseId,
        data: {
          caseNo: row.caseNo,
          claimAmount: claim,
          judge: judge.displayName,
          cause: row.cause,
          creditors: partyRows.filter((p) => p.role === 'creditor').map((p) => p.name),
          debtors: partyRows.filter((p) => p.role === 'debtor').map((p) => p.name),
        },
      });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('CASE_NO_TAKEN', `案号${input.caseNo ?? ''}已被使用 / That case number is already taken`, {
        where: 'body',
        issues: [{ path: ['caseNo'], code: 'custom', message: '案号已被使用 / That case number is already taken' }],
      });
    }
    throw err;
  }
}
