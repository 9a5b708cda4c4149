/** What the credit tests share: the tables a refused request must leave as they were, and the refusal check itself. */
import { expect } from 'chai';
import { asc, count } from 'drizzle-orm';
import type request from 'supertest';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { consumptionRestrictions, creditCorrections, creditExtensions, creditListings } from '../../server/modules/credit/credit.tables';
import type { Db } from '../../server/platform/db/database';
import { expectErrorBody } from '../helpers/error-shape';

/** The credit module's tables and the length of the audit chain. */
export async function creditSnapshot(db: Db) {
  const [audit] = await db.select({ n: count() }).from(auditLog);
  return {
    listings: await db.select().from(creditListings).orderBy(asc(creditListings.id)),
    restrictions: await db.select().from(consumptionRestrictions).orderBy(asc(consumptionRestrictions.id)),
    extensions: await db.select().from(creditExtensions).orderBy(asc(creditExtensions.id)),
    corrections: await db.select().from(creditCorrections).orderBy(asc(creditCorrections.id)),
    audit: audit?.n,
  };
}

/** Asserts the refusal's status and code, and that nothing of the credit module changed. */
export async function refusedUnchanged(db: Db, act: () => Promise<request.Response>, status: number, code: string): Promise<request.Response> {
  const before = await creditSnapshot(db);
  const res = await act();
  expectErrorBody(res, status, code);
  expect(await creditSnapshot(db)).to.deep.equal(before);
  return res;
}
