/**
 * What the transparency and petition tests share: the measures fixture (real app, fake clock, demo staff, in-memory
 * institutions), plus issuing a query code, opening the party view, and a snapshot of what a refusal must not change.
 */
import { expect } from 'chai';
import { asc, count } from 'drizzle-orm';
import request, { type Response } from 'supertest';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { petitions } from '../../server/modules/petitions/petition.tables';
import { caseQueryCodes } from '../../server/modules/transparency/transparency.tables';
import { bearer } from '../helpers/http';
import { startFixture, type Fixture, type Staff } from '../measures/measure-fixture';

export interface TransparencyFixture extends Fixture {
  issueCode(caseId: string, who?: Staff): Promise<string>;
  query(caseNo: string, code: string): Promise<Response>;
  /** Everything a refused request must leave as it was (the throttle counts are the refusal's only trace). */
  state(): Promise<unknown>;
}

export async function startTransparencyFixture(): Promise<TransparencyFixture> {
  const f = (await startFixture()) as TransparencyFixture;
  f.issueCode = async (caseId, who = f.wang) => {
    const res = await request(f.t.url).post(`/api/cases/${caseId}/query-code`).set(bearer(who.token));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.code as string;
  };
  f.query = (caseNo, code) => request(f.t.url).post('/api/public/case-query').send({ caseNo, code });
  f.state = async () => {
    const db = f.ctx.db;
    const [audit] = await db.select({ n: count() }).from(auditLog);
    return {
      ...((await f.snapshot()) as object),
      audit: audit?.n,
      codes: await db.select().from(caseQueryCodes).orderBy(asc(caseQueryCodes.caseId)),
      petitions: await db.select().from(petitions).orderBy(asc(petitions.id)),
    };
  };
  return f;
}
