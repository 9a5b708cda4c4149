import { and, asc, count, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Asset } from '../../../shared/institution-protocol';
import { add, formatMoney } from '../../../shared/money';
import { jsonParam, rowsOf, type Db } from '../../platform/db/database';
import { debtorAssets, inquiries, inquiryTargets } from './inquiry.tables';

export type InquiryRow = typeof inquiries.$inferSelect;
export type TargetRow = typeof inquiryTargets.$inferSelect;
export type AssetRow = typeof debtorAssets.$inferSelect;

export async function insertInquiry(tx: Db, row: InquiryRow, targets: (typeof inquiryTargets.$inferInsert)[]): Promise<void> {
  await tx.insert(inquiries).values(row);
  if (targets.length === 0) return;
  await tx.execute(sql`
    insert into inquiry_targets (inquiry_id, institution_code, message_id, status)
    select inquiry_id, institution_code, message_id, status
      from json_populate_recordset(null::inquiry_targets, ${jsonParam(targets.map((t) => ({ inquiry_id: t.inquiryId, institution_code: t.institutionCode, message_id: t.messageId, status: t.status })))})`);
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
  // One JSON parameter per batch rather than five per row: building thousands of SQL chunks through the query builder
  // cost more CPU than the database's own work at 1,500 answers a second.
  const answers = jsonParam(results.map((r) => ({ code: r.institutionCode, status: r.status, asset_count: r.assets.length, balance: r.balance, error: r.error })));
  const rows = await rowsOf<{ status: string; asset_count: number; balance_found: string }>(tx, sql`
    update inquiry_targets t
       set status = v.status, asset_count = v.asset_count, balance_found = v.balance, error = v.error, settled_at = ${now}
      from json_to_recordset(${answers}) as v(code text, status text, asset_count int, balance numeric, error text)
     where t.inquiry_id = ${inquiry.id} and t.institution_code = v.code and t.status = 'pending'
     returning t.status, t.asset_count, t.balance_found`);
  const found = results.flatMap((r) =>
    r.assets.map((a) => ({
      id: crypto.randomUUID(),
      debtor_id_number: inquiry.debtorIdNumber,
      institution_code: r.institutionCode,
      asset_ref: a.assetRef,
      kind: a.kind,
      identifier: a.identifier,
      description: a.description,
      balance: a.balance ?? null,
      indicative_value: a.indicativeValue ?? null,
      encumbrances: a.encumbrances,
      last_inquiry_id: inquiry.id,
      updated_at: now.toISOString(),
    })),
  );
  if (found.length > 0) {
    await tx.execute(sql`
      insert into debtor_assets (id, debtor_id_number, institution_code, asset_ref, kind, identifier, description, balance, indicative_value, encumbrances, last_inquiry_id, updated_at)
      select id, debtor_id_number, institution_code, asset_ref, kind, identifier, description, balance, indicative_value, encumbrances, last_inquiry_id, updated_at
        from json_populate_recordset(null::debtor_assets, ${jsonParam(found)})
      on conflict (institution_code, asset_ref) do update set
        kind = excluded.kind, identifier = excluded.identifier, description = excluded.description, balance = excluded.balance,
        indicative_value = excluded.indicative_value, encumbrances = excluded.encumbrances,
        last_inquiry_id = excluded.last_inquiry_id, updated_at = excluded.updated_at`);
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

/**
 * Takes the lease of the running inquiries no process holds: never taken, given back on shutdown, or expired because
 * the process that held it stopped renewing (it died). One statement, so two processes never take the same one.
 */
export async function claimOrphanedInquiries(db: Db, runnerId: string, now: Date, leaseUntil: Date): Promise<InquiryRow[]> {
  return db
    .update(inquiries)
    .set({ runnerId, leaseUntil })
    .where(and(eq(inquiries.status, 'running'), or(isNull(inquiries.leaseUntil), lt(inquiries.leaseUntil, now))))
    .returning();
}

/** Extends the leases this runner still holds; returns the ids it holds (an inquiry missing was taken by another). */
export async function renewInquiryLeases(db: Db, runnerId: string, ids: string[], leaseUntil: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .update(inquiries)
    .set({ leaseUntil })
    .where(and(inArray(inquiries.id, ids), eq(inquiries.runnerId, runnerId), eq(inquiries.status, 'running')))
    .returning({ id: inquiries.id });
  return new Set(rows.map((r) => r.id));
}

/** Gives the leases back (on shutdown), so another process takes the inquiries over at once. */
export async function releaseInquiryLeases(db: Db, runnerId: string): Promise<void> {
  await db.update(inquiries).set({ leaseUntil: null }).where(and(eq(inquiries.runnerId, runnerId), eq(inquiries.status, 'running')));
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

/** The assets the given inquiries reported (each asset's latest report), for the re-checks after termination. */
export async function assetsFoundBy(db: Db, inquiryIds: string[]): Promise<AssetRow[]> {
  if (inquiryIds.length === 0) return [];
  return db.select().from(debtorAssets).where(inArray(debtorAssets.lastInquiryId, inquiryIds)).orderBy(asc(debtorAssets.institutionCode), asc(debtorAssets.assetRef));
}
