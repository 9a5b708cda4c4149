import { randomUUID } from 'node:crypto';
import { CONSUMPTION_PROHIBITIONS, GROUND_LABELS, type ListingGround } from '../../../shared/credit';
import { MAX_BATCH_CHECK, type CheckAnswer } from '../../../shared/schemas/joint';
import type { AppContext } from '../../platform/context';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError } from '../../platform/errors';
import type { JointCaller } from './joint-auth';
import { insertCheck, restrictionsInForceOf, type CheckAnswerRow, type RestrictionInForce } from './joint.store';

export interface Subject {
  idNumber: string;
  name?: string;
}

/**
 * The answer about one ID number, from the restrictions in force against it (pure). Listed: a current listing names
 * them as the debtor; restricted: any restriction in force, as debtor or as a company's legal representative
 * (限高 Art. 3 para 2), whether a listing imposed it or a restriction order made on its own (限高 Art. 1: a court may
 * restrict without listing): restricted, not listed. A restricted subject may not pay for any item of 限高 Art. 3.
 */
export function answerFor(subject: Subject, rows: RestrictionInForce[]): CheckAnswer {
  const mine = rows.filter((r) => r.idNumber === subject.idNumber);
  const restricted = mine.length > 0;
  const names = new Set(mine.map((r) => r.name));
  return {
    idNumber: subject.idNumber,
    listed: mine.some((r) => r.subject === 'debtor' && r.basis === 'listing'),
    restricted,
    nameMatches: subject.name === undefined || !restricted ? null : names.has(subject.name.trim()),
    prohibitions: restricted ? CONSUMPTION_PROHIBITIONS.map((p) => ({ code: p.code, zh: p.zh, en: p.en })) : [],
    listings: mine.map((r) => {
      const ground = r.ground as ListingGround | null;
      return {
        subject: r.subject,
        basis: r.basis,
        listedName: r.name,
        court: r.courtName,
        caseNo: r.caseNo,
        ground,
        groundLabel: ground ? `失信规定第一条${GROUND_LABELS[ground]?.item ?? ''} ${GROUND_LABELS[ground]?.zh ?? ground}` : '限制消费令（限高规定第一条）',
        since: r.listedAt.toISOString(),
        until: r.expiresAt?.toISOString() ?? null,
      };
    }),
  };
}

/**
 * An institution checks one subject or a batch (up to 1,000) against the list and the restrictions in force, and the
 * check is logged with its answers in the same transaction (who asked, about whom, what they were told). The whole ID
 * number is answered back: the caller supplied it. A signed request id seen before is refused as a replay.
 */
export async function checkSubjects(
  ctx: AppContext,
  caller: JointCaller,
  kind: 'single' | 'batch',
  subjects: Subject[],
): Promise<{ checkId: string; checkedAt: string; results: CheckAnswer[] }> {
  if (subjects.length > MAX_BATCH_CHECK) {
    throw new AppError('BATCH_TOO_LARGE', `一次最多核查${MAX_BATCH_CHECK}个对象 / At most ${MAX_BATCH_CHECK} subjects per batch (got ${subjects.length})`, {
      max: MAX_BATCH_CHECK,
      given: subjects.length,
    });
  }
  const now = ctx.clock.now();
  const rows = await restrictionsInForceOf(ctx.db, [...new Set(subjects.map((s) => s.idNumber))], now);
  const results = subjects.map((s) => answerFor(s, rows));
  const checkId = randomUUID();
  const answers: CheckAnswerRow[] = results.map((a, i) => ({
    id: randomUUID(),
    checkId,
    position: i,
    idNumber: a.idNumber,
    name: subjects[i]!.name ?? null,
    listed: a.listed,
    restricted: a.restricted,
    answer: a,
  }));
  try {
    await ctx.db.transaction(async (tx) => {
      await insertCheck(
        tx,
        { id: checkId, requestId: caller.requestId, institutionCode: caller.institutionCode, via: caller.via, kind, status: 'answered', refusalCode: null, subjectCount: subjects.length, at: now },
        answers,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('REPLAYED', '该请求编号已使用 / This requestId was already used');
    throw err;
  }
  return { checkId, checkedAt: now.toISOString(), results };
}
