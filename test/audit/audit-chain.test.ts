import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { asc, eq, sql } from 'drizzle-orm';
import request from 'supertest';
import { completeCreditCode, completeResidentId } from '../../shared/identity';
import { chainHash, type StoredRecord } from '../../server/modules/audit/audit.rules';
import { auditLog } from '../../server/modules/audit/audit.tables';
import type { Db } from '../../server/platform/db/database';
import { bearer, tokenFor } from '../helpers/http';
import { persistentDatabase, type PersistentDatabase } from '../helpers/persistent-db';
import { startTestApp, type TestApp } from '../helpers/test-app';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function allRecords(db: Db): Promise<StoredRecord[]> {
  return db.select().from(auditLog).orderBy(asc(auditLog.seq));
}

/**
 * Changes the audit trail behind the application's back, as someone with database access would: the append-only
 * trigger is switched off only inside this transaction, so no other connection ever sees it off.
 */
async function tamper(db: Db, change: (tx: Db) => Promise<unknown>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await change(tx);
    await tx.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
  });
}

/** Runs `npm run audit:verify` in a child process against the given database environment. */
function runAuditVerify(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent', ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  return new Promise((resolve) => {
    execFile('npm', ['run', '--silent', 'audit:verify'], { cwd: ROOT, env: childEnv, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the audit trail: append-only and hash-chained', () => {
  let store: PersistentDatabase;
  let t: TestApp;
  let appClosed = false;
  let admin: string;
  let judge: string;
  let caseSeq: number;

  const verify = async () => {
    const res = await request(t.url).get('/api/admin/audit/verify').set(bearer(admin));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body as { ok: boolean; checked: number; firstBroken: { seq: number; id: string; reason: string } | null };
  };

  before(async () => {
    store = await persistentDatabase();
    t = await startTestApp({ database: await store.open() });
    admin = await tokenFor(t.url, 'admin');
    judge = await tokenFor(t.url, 'judge.wang');
    const judgeId = (await request(t.url).get('/api/auth/me').set(bearer(judge))).body.user.id as string;

    // Real use cases, each of which appends to the trail in its own transaction.
    const filed = await request(t.url)
      .post('/api/cases')
      .set(bearer(judge))
      .send({
        judgeId,
        cause: '民间借贷纠纷',
        basis: '（2026）京0105民初300号民事判决书',
        claimAmount: '12000.00',
        creditors: [{ kind: 'person', name: '张三', idNumber: completeResidentId('11010519800101123') }],
        debtors: [{ kind: 'organisation', name: '北京某某科技有限公司', creditCode: completeCreditCode('91110105MA03AUDT') }],
      });
    expect(filed.status, JSON.stringify(filed.body)).to.equal(201);
    const registered = await request(t.url)
      .post('/api/bidders/register')
      .send({
        username: 'audit.bidder',
        password: 'correct horse battery',
        phone: '13800138999',
        identity: { kind: 'person', name: '钱七', idNumber: completeResidentId('11010519900101123') },
      });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const created = await request(t.url)
      .post('/api/admin/users')
      .set(bearer(admin))
      .send({ username: 'clerk.audit', password: 'a-long-password', displayName: '审计书记员', role: 'clerk', courtId: '0b6b6d8a-0001-4c1e-9a52-000000000001' });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    await tokenFor(t.url, 'audit.bidder', 'correct horse battery');

    const records = await allRecords(t.app.ctx.db);
    const caseRecord = records.find((r) => r.action === 'case.created' && r.entityId === filed.body.id);
    caseSeq = caseRecord!.seq;
  });

  after(async () => {
    if (!appClosed) await t.close();
    await store.dispose();
  });

  it('when real use cases have run, then their records form one unbroken chain and the endpoint says ok', async () => {
    const records = await allRecords(t.app.ctx.db);
    const actions = new Set(records.map((r) => r.action));
    for (const action of ['case.created', 'bidder.registered', 'user.created', 'auth.login']) expect(actions, action).to.include(action);
    expect(records.map((r) => r.seq)).to.deep.equal(records.map((_, i) => i + 1));
    records.forEach((r, i) => expect(r.prevHash).to.equal(i === 0 ? '0'.repeat(64) : records[i - 1]!.hash));

    const result = await verify();
    expect(result).to.deep.equal({ ok: true, checked: records.length, firstBroken: null });
  });

  it('when a judge or an anonymous caller asks to verify the chain, then 403 and 401', async () => {
    const asJudge = await request(t.url).get('/api/admin/audit/verify').set(bearer(judge));
    expect(asJudge.status).to.equal(403);
    expect(asJudge.body.error.code).to.equal('FORBIDDEN');
    const anonymous = await request(t.url).get('/api/admin/audit/verify');
    expect(anonymous.status).to.equal(401);
    expect(anonymous.body.error.code).to.equal('UNAUTHENTICATED');
  });

  it('when anyone tries to UPDATE or DELETE an audit record, then the database refuses', async () => {
    const db = t.app.ctx.db;
    const before = await allRecords(db);
    let updateError: unknown;
    await db.execute(sql`UPDATE audit_log SET data = '{"forged":true}' WHERE seq = ${caseSeq}`).catch((err: unknown) => (updateError = err));
    let deleteError: unknown;
    await db.execute(sql`DELETE FROM audit_log WHERE seq = ${caseSeq}`).catch((err: unknown) => (deleteError = err));
    expect(String((updateError as { cause?: unknown })?.cause ?? updateError)).to.match(/append-only/);
    expect(String((deleteError as { cause?: unknown })?.cause ?? deleteError)).to.match(/append-only/);
    expect(await allRecords(db)).to.deep.equal(before);
  });

  it('when anyone tries to TRUNCATE the audit trail, then the database refuses', async () => {
    const db = t.app.ctx.db;
    const count = (await allRecords(db)).length;
    let truncateError: unknown;
    // Inside a transaction that is always rolled back, so that a missing guard cannot wipe the trail for the tests after.
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`TRUNCATE audit_log`).catch((err: unknown) => {
          truncateError = err;
          throw err;
        });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect((await allRecords(db)).length).to.equal(count);
    expect(truncateError, 'TRUNCATE audit_log succeeded: the append-only guard covers only UPDATE and DELETE').to.not.equal(undefined);
    expect(String((truncateError as { cause?: unknown })?.cause ?? truncateError)).to.match(/append-only/);
  });

  it('when one record\'s data is altered behind the application\'s back, then verification names that record; restored, it passes again', async () => {
    const db = t.app.ctx.db;
    const [original] = await db.select().from(auditLog).where(eq(auditLog.seq, caseSeq));
    const forged = JSON.stringify({ ...JSON.parse(original!.data), claimAmount: '1.00' });
    await tamper(db, (tx) => tx.update(auditLog).set({ data: forged }).where(eq(auditLog.seq, caseSeq)));

    const broken = await verify();
    expect(broken.ok).to.equal(false);
    expect(broken.firstBroken).to.include({ seq: caseSeq, id: original!.id });
    expect(broken.firstBroken!.reason).to.match(/altered/);
    expect(broken.checked).to.equal(caseSeq - 1);

    await tamper(db, (tx) => tx.update(auditLog).set({ data: original!.data }).where(eq(auditLog.seq, caseSeq)));
    expect((await verify()).ok).to.equal(true);
  });

  it('when any other field of a record is altered (actor, action, entity, case, time), then verification names that record', async () => {
    const db = t.app.ctx.db;
    const [original] = await db.select().from(auditLog).where(eq(auditLog.seq, caseSeq));
    const changes: Partial<StoredRecord>[] = [
      { actorName: '某人' },
      { actorId: '00000000-0000-4000-8000-000000000000' },
      { action: 'case.deleted' },
      { entityType: 'user' },
      { entityId: 'someone-else' },
      { caseId: null },
      { at: new Date(original!.at.getTime() + 1) },
    ];
    for (const change of changes) {
      await tamper(db, (tx) => tx.update(auditLog).set(change).where(eq(auditLog.seq, caseSeq)));
      const result = await verify();
      expect(result.firstBroken?.seq, JSON.stringify(change)).to.equal(caseSeq);
      await tamper(db, (tx) => tx.update(auditLog).set(original!).where(eq(auditLog.seq, caseSeq)));
    }
    expect((await verify()).ok).to.equal(true);
  });

  it('when a record is altered and its own hash recomputed, then the link of the next record gives it away', async () => {
    const db = t.app.ctx.db;
    const [original] = await db.select().from(auditLog).where(eq(auditLog.seq, caseSeq));
    const forged = { ...original!, data: JSON.stringify({ forged: true }) };
    const forgedHash = chainHash(forged.prevHash, forged);
    await tamper(db, (tx) => tx.update(auditLog).set({ data: forged.data, hash: forgedHash }).where(eq(auditLog.seq, caseSeq)));

    const result = await verify();
    expect(result.ok).to.equal(false);
    expect(result.firstBroken!.seq).to.equal(caseSeq + 1);
    expect(result.firstBroken!.reason).to.match(/prev_hash/);

    await tamper(db, (tx) => tx.update(auditLog).set({ data: original!.data, hash: original!.hash }).where(eq(auditLog.seq, caseSeq)));
    expect((await verify()).ok).to.equal(true);
  });

  it('when a record in the middle is deleted, then verification reports the gap at the record after it; put back, it passes', async () => {
    const db = t.app.ctx.db;
    const [removed] = await db.select().from(auditLog).where(eq(auditLog.seq, caseSeq));
    await tamper(db, (tx) => tx.delete(auditLog).where(eq(auditLog.seq, caseSeq)));

    const result = await verify();
    expect(result.ok).to.equal(false);
    expect(result.firstBroken!.seq).to.equal(caseSeq + 1);
    expect(result.firstBroken!.reason).to.match(/gap/);
    expect(result.firstBroken!.reason).to.contain(`expected ${caseSeq}`);

    await db.insert(auditLog).values(removed!); // appending is allowed
    expect((await verify()).ok).to.equal(true);
  });

  describe('npm run audit:verify (the command line)', () => {
    before(async () => {
      // The embedded database belongs to one process: stop the server before the command opens it.
      await t.close();
      appClosed = true;
    });

    it('when the chain is intact, then it exits 0 and reports how many records it verified', async () => {
      const db = await store.open();
      const count = (await allRecords(db.db)).length;
      await db.close();

      const run = await runAuditVerify(store.env);
      expect(run.code, run.stdout + run.stderr).to.equal(0);
      expect(run.stdout).to.contain(`Audit chain OK: ${count} records verified`);
    });

    it('when one record was tampered with, then it exits 1 and names the record by seq and id', async () => {
      const database = await store.open();
      const [target] = await database.db.select().from(auditLog).where(eq(auditLog.seq, caseSeq));
      await tamper(database.db, (tx) => tx.update(auditLog).set({ data: '{"forged":true}' }).where(eq(auditLog.seq, caseSeq)));
      await database.close();

      const run = await runAuditVerify(store.env);
      expect(run.code, run.stdout + run.stderr).to.equal(1);
      expect(run.stdout).to.contain(`seq=${caseSeq}`);
      expect(run.stdout).to.contain(target!.id);
      expect(run.stdout).to.match(/BROKEN/);
    });

    if (!process.env.TEST_DATABASE_URL) {
      it('when another process holds the embedded database, then it refuses to open it and says why', async () => {
        const database = await store.open();
        try {
          const run = await runAuditVerify(store.env);
          expect(run.code).to.not.equal(0);
          expect(run.stdout + run.stderr).to.match(new RegExp(`in use by process ${process.pid}`));
        } finally {
          await database.close();
        }
      });
    }
  });
});
