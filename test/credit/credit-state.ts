/** What the credit tests share: the tables a refused request must leave as they were, and the refusal check itself. */
import { expect } from 'chai';
import { asc, count } from 'drizzle-orm';
import request from 'supertest';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { consumptionRestrictions, creditCorrections, creditExtensions, creditListings } from '../../server/modules/credit/credit.tables';
import type { Db } from '../../server/platform/db/database';
import { expectErrorBody } from '../helpers/error-shape';
import { bearer } from '../helpers/http';
import type { Fixture, Staff } from '../measures/measure-fixture';

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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked by the assertions
type Any = any;

/** The requests both credit test files make, as the fixture's judge 王 unless another user (or none) is given. */
export function creditRequests(fixture: () => Fixture) {
  const post = (path: string, body: Record<string, unknown>, who: Staff | null = fixture().wang) => {
    const r = request(fixture().t.url).post(path);
    return (who ? r.set(bearer(who.token)) : r).send(body);
  };
  /** The case's credit view (GET /api/cases/:id/credit), asserted 200. */
  const credit = async (caseId: string, who: Staff = fixture().wang) => {
    const res = await request(fixture().t.url).get(`/api/cases/${caseId}/credit`).set(bearer(who.token));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as { debtors: { partyId: string; kind: string; listed: boolean; restricted: boolean }[]; listings: Any[]; restrictionOrders: Any[] };
  };
  return { post, credit };
}
