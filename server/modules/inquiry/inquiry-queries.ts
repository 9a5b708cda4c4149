import type { AssetView } from '../../../shared/schemas/inquiry';
import { formatMoney } from '../../../shared/money';
import type { Encumbrance } from '../../../shared/institution-protocol';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { caseVisibleTo, partiesOf } from '../cases';
import { listInstitutions } from '../institutions';
import { assetsOfDebtors, inquiriesOfCase, inquiryById, targetsOf, type InquiryRow, type TargetRow } from './inquiry.store';
import { toProgress } from './inquiry-view';

/** An inquiry the actor may see: through its case. */
export async function inquiryVisibleTo(ctx: AppContext, actor: Actor, inquiryId: string): Promise<InquiryRow> {
  const row = await inquiryById(ctx.db, inquiryId);
  if (!row) throw notFound('inquiry', '查询');
  await caseVisibleTo(ctx.db, actor, row.caseId).catch(() => {
    throw notFound('inquiry', '查询');
  });
  return row;
}

export async function inquiriesOfCaseFor(ctx: AppContext, actor: Actor, caseId: string) {
  await caseVisibleTo(ctx.db, actor, caseId);
  return (await inquiriesOfCase(ctx.db, caseId)).map(toProgress);
}

export async function targetsFor(ctx: AppContext, actor: Actor, inquiryId: string, status: TargetRow['status'] | undefined, page: number, pageSize: number) {
  await inquiryVisibleTo(ctx, actor, inquiryId);
  const { rows, total } = await targetsOf(ctx.db, inquiryId, status, page, pageSize);
  const institutions = new Map((await listInstitutions(ctx.db)).map((i) => [i.code, i]));
  return {
    items: rows.map((t) => ({
      institutionCode: t.institutionCode,
      institutionName: institutions.get(t.institutionCode)?.name ?? t.institutionCode,
      kind: institutions.get(t.institutionCode)?.kind ?? 'unknown',
      mode: institutions.get(t.institutionCode)?.mode ?? 'auto',
      status: t.status,
      assetCount: t.assetCount,
      balanceFound: formatMoney(t.balanceFound),
      error: t.error,
      settledAt: t.settledAt?.toISOString() ?? null,
    })),
    total,
    page,
    pageSize,
  };
}

/** The assets reported for the case's debtors, across every institution and inquiry, each with its encumbrances. */
export async function assetsOfCase(ctx: AppContext, actor: Actor, caseId: string): Promise<AssetView[]> {
  await caseVisibleTo(ctx.db, actor, caseId);
  const debtors = (await partiesOf(ctx.db, [caseId])).filter((p) => p.role === 'debtor');
  const nameOf = new Map(debtors.map((d) => [d.idNumber, d.name]));
  const institutions = new Map((await listInstitutions(ctx.db)).map((i) => [i.code, i.name]));
  const rows = await assetsOfDebtors(ctx.db, debtors.map((d) => d.idNumber));
  return rows.map((a) => ({
    id: a.id,
    debtorIdNumber: a.debtorIdNumber,
    debtorName: nameOf.get(a.debtorIdNumber) ?? '',
    institutionCode: a.institutionCode,
    institutionName: institutions.get(a.institutionCode) ?? a.institutionCode,
    kind: a.kind as AssetView['kind'],
    identifier: a.identifier,
    description: a.description,
    balance: a.balance === null ? null : formatMoney(a.balance),
    indicativeValue: a.indicativeValue === null ? null : formatMoney(a.indicativeValue),
    encumbrances: a.encumbrances as Encumbrance[],
    updatedAt: a.updatedAt.toISOString(),
  }));
}
