import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Asset } from '../../../shared/institution-protocol';
import { add, formatMoney } from '../../../shared/money';
import { rowsOf, type Db } from '../../platform/db/database';
import { debtorAssets, inquiries, inquiryTargets } from './inquiry.tables';

export type InquiryRow = typeof inquiries.$inferSelect;
export type TargetRow = typeof inquiryTargets.$inferSelect;
export type AssetRow = typeof debtorAssets.$inferSelect;

export async function insertInquiry(tx: Db, row: InquiryRow, targets: (typeof inquiryTargets.$inferInsert)[]): Promise<void> {
  await tx.insert(inquiries).values(row);
  for (let i = 0; i < targets.length; i += 1000) await tx.insert(inquiryTargets).values(targets.slice(i, i + 1000));
}

export interface TargetResult {
  institutionCode: string;
  status: 'answered' | 'failed' | 'timed_out';
  assets: Asset[];
  error: string | null;
  /** Sum of balances found at this institution, "0.00" when none. */
  balance: string;
}

/**
 * Records a batch of institutions' answers: targets, the debtor's assets (merged by institution and asset ref) and
 * the inquiry's counters, in one transaction. Only targets still pending are counted, so a batch applied twice
 * changes nothing the second time.
 */
export async function applyResults(tx: Db, inquiry: InquiryRow, results: TargetResult[], now: Date): Promise<InquiryRow> {
  const values = sql.join(
    results.map((r) => sql`(${r.institutionCode}, ${r.status}, ${r.assets.length}::int, ${r.balance}::numeric, ${r.error})`),
    sql`, `,
  );
  const rows = await rowsOf<{ status: string; asset_count: number; balance_found: string }>(tx, sql`
    update inquiry_targets t
       set status = v.status, asset_count = v.asset_count, balance_found = v.balance, error = v.error, settled_at = ${now}
      from (values ${values}) as v(code, status, asset_count, balance, error)
     where t.inquiry_id = ${inquiry.id} and t.institution_code = v.code and t.status = 'pending'
     returning t.status, t.asset_count, t.balance_found`);
  const assets = results.flatMap((r) => r.assets.map((a) => ({ r, a })));
  for (let i = 0; i < assets.length; i += 500) {
    await tx
      .insert(debtorAssets)
      .values(
        assets.slice(i, i + 500).map(({ r, a }) => ({
          id: crypto.randomUUID(),
          debtorIdNumber: inquiry.debtorIdNumber,
          institutionCode: r.institutionCode,
          assetRef: a.assetRef,
          kind: a.kind,
          identifier: a.identifier,
          description: a.description,
          balance: a.balance,
          indicativeValue: a.indicativeValue,
          encumbrances: a.encumbrances,
          lastInquiryId: inquiry.id,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [debtorAssets.institutionCode, debtorAssets.assetRef],
        set: {
          kind: sql`excluded.kind`,
          identifier: sql`excluded.identifier`,
          description: sql`excluded.description`,
          balance: sql`excluded.balance`,
          indicativeValue: sql`excluded.indicative_value`,
          encumbrances: sql`excluded.encumbrances`,
          lastInquiryId: sql`excluded.last_inquiry_id`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
  const n = (s: string) => rows.filter((r) => r.status === s).length;
  const assetCount = rows.reduce((sum, r) => sum + Number(r.asset_count), 0);
  const [row] = await tx
    .update(inquiries)
    .set({
      answered: sql`${inquiries.answered} + ${n('answered')}`,
      failed: sql`${inquiries.failed} + ${n('failed')}`,
      timedOut: sql`${inquiries.timedOut} + ${n('timed_out')}`,
      assetsFound: sql`${inquiries.assetsFound} + ${assetCount}`,
      balanceFound: sql`${inquiries.balanceFound} + ${formatMoney(add(...rows.map((r) => String(r.balance_found))))}::numeric`,
    })
    .where(eq(inquiries.id, inquiry.id))
    .returning();
  return row!;
}

export async function completeIfSettled(tx: Db, inquiryId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(inquiries)
    .set({ status: 'completed', completedAt: now })
    .where(and(eq(inquiries.id, inquiryId), eq(inquiries.status, 'running'), sql`${inquiries.answered} + ${inquiries.failed} + ${inquiries.timedOut} >= ${inquiries.total}`))
    .returning({ id: inquiries.id });
  return rows.length > 0;
}

export async function inquiryById(db: Db, id: string): Promise<InquiryRow | undefined> {
  const [row] = await db.select().from(inquiries).where(eq(inquiries.id, id));
  return row;
}

export async function inquiriesOfCase(db: Db, caseId: string): Promise<InquiryRow[]> {
  return db.select().from(inquiries).where(eq(inquiries.caseId, caseId)).orderBy(desc(inquiries.startedAt));
}

export async function runningInquiries(db: Db): Promise<InquiryRow[]> {
  return db.select().from(inquiries).where(eq(inquiries.status, 'running'));
}

export async function pendingTargets(db: Db, inquiryId: string): Promise<TargetRow[]> {
  return db.select().from(inquiryTargets).where(and(eq(inquiryTargets.inquiryId, inquiryId), eq(inquiryTargets.status, 'pending')));
}

export async function targetsOf(
  db: Db,
  inquiryId: string,
  status: TargetRow['status'] | undefined,
  page: number,
  pageSize: number,
): Promise<{ rows: TargetRow[]; total: number }> {
  const where = status ? and(eq(inquiryTargets.inquiryId, inquiryId), eq(inquiryTargets.status, status)) : eq(inquiryTargets.inquiryId, inquiryId);
  const [total] = await db.select({ n: count() }).from(inquiryTargets).where(where);
  const rows = await db
    .select()
    .from(inquiryTargets)
    .where(where)
    // Institutions with findings first, then by code.
    .orderBy(desc(inquiryTargets.assetCount), asc(inquiryTargets.institutionCode))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function assetsOfDebtors(db: Db, idNumbers: string[]): Promise<AssetRow[]> {
  if (idNumbers.length === 0) return [];
  return db
    .select()
    .from(debtorAssets)
    .where(inArray(debtorAssets.debtorIdNumber, idNumbers))
    .orderBy(asc(debtorAssets.debtorIdNumber), asc(debtorAssets.kind), asc(debtorAssets.institutionCode));
}

export async function assetById(db: Db, id: string): Promise<AssetRow | undefined> {
  const [row] = await db.select().from(debtorAssets).where(eq(debtorAssets.id, id));
  return row;
}
