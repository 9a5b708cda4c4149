import { randomUUID } from 'node:crypto';
import { CONSUMPTION_PROHIBITIONS } from '../../../shared/credit';
import type { InterceptionBody, InterceptionView } from '../../../shared/schemas/joint';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { isUniqueViolation } from '../../platform/db/errors';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit';
import { institutionByCode, listInstitutions } from '../institutions';
import type { JointCaller } from './joint-auth';
import { insertInterceptions, restrictionsInForceOf, type InterceptionRow } from './joint.store';

export function toInterceptionView(r: InterceptionRow, institutionName: string | null): InterceptionView {
  return {
    id: r.id,
    institution: r.institutionCode,
    institutionName,
    caseId: r.caseId,
    caseNo: r.caseNo,
    listingId: r.listingId,
    idNumber: r.idNumber,
    name: r.name,
    action: r.action,
    role: r.role,
    prohibition: (r.prohibition as InterceptionView['prohibition']) ?? null,
    prohibitionLabel: CONSUMPTION_PROHIBITIONS.find((p) => p.code === r.prohibition)?.zh ?? null,
    description: r.description,
    amount: r.amount,
    occurredAt: r.occurredAt.toISOString(),
    receivedAt: r.receivedAt.toISOString(),
  };
}

export async function interceptionViews(ctx: AppContext, rows: InterceptionRow[]): Promise<InterceptionView[]> {
  const names = new Map((await listInstitutions(ctx.db)).map((i) => [i.code, i.name]));
  return rows.map((r) => toInterceptionView(r, names.get(r.institutionCode) ?? null));
}

/**
 * An institution reports that it refused a transaction of a restricted person (限高 Art. 3; Art. 11 para 2 makes the
 * institution answerable if it lets it through; "一处失信，处处受限"). Recorded once per case whose restriction applies, on
 * that case's timeline (audited in the same transaction), and pushed to the court after commit. Refused, changing
 * nothing, when no restriction is in force against that ID number (NOT_RESTRICTED) or the request id was used
 * (REPLAYED).
 */
export async function reportInterception(ctx: AppContext, caller: JointCaller, input: InterceptionBody): Promise<InterceptionView[]> {
  const now = ctx.clock.now();
  const inForce = await restrictionsInForceOf(ctx.db, [input.idNumber], now);
  if (!inForce.length) {
    throw new AppError('NOT_RESTRICTED', '该对象目前未被限制消费，无需报告拦截 / No consumption restriction is in force against this ID number: nothing to report');
  }
  const requestId = caller.requestId ?? randomUUID();
  // Once per case: a listing's restriction or an order's, whichever applies (the first in force when both do).
  const byCase = new Map<string, (typeof inForce)[number]>();
  for (const r of inForce) if (!byCase.has(r.caseId)) byCase.set(r.caseId, r);
  const rows: InterceptionRow[] = [...byCase.values()].map((r) => ({
    id: randomUUID(),
    requestId,
    institutionCode: caller.institutionCode,
    listingId: r.listingId,
    caseId: r.caseId,
    courtId: r.courtId,
    caseNo: r.caseNo,
    idNumber: input.idNumber,
    name: input.name,
    action: input.action,
    role: input.role,
    prohibition: input.prohibition,
    description: input.description,
    amount: input.amount ?? null,
    checkId: input.checkId ?? null,
    occurredAt: new Date(input.occurredAt),
    receivedAt: now,
  }));
  const institution = await institutionByCode(ctx.db, caller.institutionCode);
  const actor: Actor = {
    userId: null,
    displayName: `${institution?.name ?? caller.institutionCode}（${caller.institutionCode}）`,
    role: 'system',
    courtId: null,
    institutionId: institution?.id ?? null,
    canApprove: false,
  };
  try {
    await ctx.db.transaction(async (tx) => {
      await insertInterceptions(tx, rows);
      for (const row of rows) {
        await recordAudit(tx, ctx.clock, actor, {
          action: 'credit.interception_reported',
          entityType: 'credit_interception',
          entityId: row.id,
          caseId: row.caseId,
          data: {
            institution: row.institutionCode,
            listingId: row.listingId,
            name: row.name,
            action: row.action,
            role: row.role,
            prohibition: row.prohibition,
            description: row.description,
            amount: row.amount,
            occurredAt: row.occurredAt.toISOString(),
          },
        });
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('REPLAYED', '该拦截报告已收到 / This interception report was already received');
    throw err;
  }
  const views = rows.map((r) => toInterceptionView(r, institution?.name ?? null));
  // After commit: the court of each case sees it at once.
  for (const v of views) ctx.realtime.toRoom(`court:${rows.find((r) => r.id === v.id)!.courtId}`, 'credit.interception', v);
  return views;
}
