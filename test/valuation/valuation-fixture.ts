/**
 * What the valuation component tests share: the measure fixture (real app, fake clock, in-memory institutions for
 * the orders), a seized asset in force to start from, the inquiry platforms of the in-process simulator over real
 * HTTP, the valuation jobs run by hand, and a snapshot of every table a refused request must leave unchanged.
 */
import { expect } from 'chai';
import { asc, count } from 'drizzle-orm';
import request, { type Response } from 'supertest';
import type { AssetKind } from '../../shared/institution-protocol';
import type { ValuationView } from '../../shared/schemas/valuation';
import { auditLog } from '../../server/modules/audit/audit.tables';
import { HttpInquiryPlatformDirectory, runValuationJobs, type ValuationDeps } from '../../server/modules/valuation';
import { valuationObjections, valuationResults, valuations, valuationSteps } from '../../server/modules/valuation/valuation.tables';
import { bearer } from '../helpers/http';
import { startFixture, DAY, START, type Fixture, type Staff } from '../measures/measure-fixture';

export { DAY, START };
export const HOUR = 3_600_000;
export type { ValuationView };
export type Step = ValuationView['steps'][number];
export type Result = Step['results'][number];

export interface ValuationFixture extends Fixture {
  deps: ValuationDeps;
  simUrl: string;
  /** A case with a real-estate seizure (or another kind) in force; claim large enough for the asset. */
  seized(kind?: AssetKind, indicativeValue?: string): Promise<{ caseId: string; measureId: string; caseNo: string; debtorIdNumber: string }>;
  start(measureId: string, body?: Record<string, unknown>, who?: Staff): Promise<Response>;
  post(path: string, body?: Record<string, unknown>, who?: Staff): Promise<Response>;
  valuation(id: string, who?: Staff): Promise<ValuationView>;
  jobs(): ReturnType<typeof runValuationJobs>;
  /** Makes an inquiry platform take exactly `hours` (null: its own pace). */
  platformHours(code: string, hours: number | null): Promise<void>;
  valuationSnapshot(): Promise<unknown>;
}

export async function startValuationFixture(): Promise<ValuationFixture> {
  const f = await startFixture();
  const simUrl = f.t.app.simulator!.url;
  const deps: ValuationDeps = { platforms: new HttpInquiryPlatformDirectory({ networkUrl: simUrl, networkSecret: f.t.config.network.secret, clock: f.clock }) };
  const vf: ValuationFixture = Object.assign(f, {
    deps,
    simUrl,
    async seized(kind: AssetKind = 'real_estate', indicativeValue = '2000000.00') {
      const c = await f.newCase({ claim: '90000000.00' });
      const a = await f.asset(c.debtorIdNumber, kind, { indicativeValue });
      const res = await f.order(c.id, { assetId: a.id });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      await f.deliver();
      expect(await f.measure(c.id, res.body.id)).to.include({ status: 'in_force' });
      return { caseId: c.id, measureId: res.body.id as string, caseNo: c.caseNo, debtorIdNumber: c.debtorIdNumber };
    },
    start: (measureId: string, body: Record<string, unknown> = {}, who: Staff = f.wang) =>
      request(f.t.url).post(`/api/measures/${measureId}/valuations`).set(bearer(who.token)).send(body),
    post: (path: string, body: Record<string, unknown> = {}, who: Staff = f.wang) => request(f.t.url).post(path).set(bearer(who.token)).send(body),
    async valuation(id: string, who: Staff = f.wang) {
      const res = await request(f.t.url).get(`/api/valuations/${id}`).set(bearer(who.token));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      return res.body;
    },
    jobs: () => runValuationJobs(f.ctx, deps),
    async platformHours(code: string, hours: number | null) {
      const res = await fetch(`${simUrl}/admin/inquiry-platforms/${code}/hours`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hours }) });
      expect(res.status).to.equal(200);
    },
    async valuationSnapshot() {
      const db = f.ctx.db;
      const [audit] = await db.select({ n: count() }).from(auditLog);
      return {
        valuations: await db.select().from(valuations).orderBy(asc(valuations.id)),
        steps: await db.select().from(valuationSteps).orderBy(asc(valuationSteps.id)),
        results: await db.select().from(valuationResults).orderBy(asc(valuationResults.id)),
        objections: await db.select().from(valuationObjections).orderBy(asc(valuationObjections.id)),
        audit: audit?.n,
      };
    },
  });
  return vf;
}
