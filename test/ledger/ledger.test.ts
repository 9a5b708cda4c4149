import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { formatMoney, Money } from '../../shared/money';
import { balancesByAccount, ledgerProblem, totals } from '../../server/modules/ledger/ledger.rules';
import { ledgerEntries, ledgerTransactions } from '../../server/modules/ledger/ledger.tables';
import { LedgerError, postTransaction } from '../../server/modules/ledger';
import type { Database } from '../../server/platform/db/database';
import { sqlState } from '../../server/platform/db/errors';
import { freshDatabase } from '../helpers/test-app';

const AT = new Date('2026-11-25T08:00:00.000Z');

describe('ledger', () => {
  describe('rules', () => {
    it('accepts a balanced transaction of one-sided positive entries', () => {
      expect(ledgerProblem([{ account: 'a', debit: '10.00' }, { account: 'b', credit: '10.00' }])).to.equal(null);
      expect(ledgerProblem([{ account: 'a', debit: '10.00' }, { account: 'b', credit: '4.00' }, { account: 'c', credit: '6' }])).to.equal(null);
    });

    it('refuses too few entries, both or neither side, non-positive or malformed amounts, and imbalance', () => {
      expect(ledgerProblem([{ account: 'a', debit: '10.00' }])).to.equal('too_few_entries');
      expect(ledgerProblem([{ account: 'a', debit: '10.00', credit: '10.00' }, { account: 'b', credit: '10.00' }])).to.equal('both_sides');
      expect(ledgerProblem([{ account: 'a' }, { account: 'b', credit: '10.00' }])).to.equal('both_sides');
      expect(ledgerProblem([{ account: 'a', debit: '0.00' }, { account: 'b', credit: '0.00' }])).to.equal('bad_amount');
      expect(ledgerProblem([{ account: 'a', debit: '-5' }, { account: 'b', credit: '-5' }])).to.equal('bad_amount');
      expect(ledgerProblem([{ account: 'a', debit: '1.005' }, { account: 'b', credit: '1.005' }])).to.equal('bad_amount');
      expect(ledgerProblem([{ account: '', debit: '1' }, { account: 'b', credit: '1' }])).to.equal('bad_account');
      expect(ledgerProblem([{ account: 'a', debit: '10.00' }, { account: 'b', credit: '9.99' }])).to.equal('unbalanced');
    });

    it('property: any split of an amount into credits balances a single debit of it', () => {
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 10 }), (fens) => {
          const credits = fens.map((f, i) => ({ account: `c${i}`, credit: formatMoney(new Money(f).dividedBy(100)) }));
          const total = formatMoney(totals(credits).credit);
          return ledgerProblem([{ account: 'd', debit: total }, ...credits]) === null;
        }),
      );
    });

    it('sums per account: debit − credit', () => {
      expect(
        balancesByAccount([
          { account: 'court', debit: '10.00', credit: '0.00' },
          { account: 'case', debit: '0.00', credit: '10.00' },
          { account: 'court', debit: '5.50', credit: '0.00' },
        ]),
      ).to.deep.equal([
        { account: 'court', debit: '15.50', credit: '0.00', balance: '15.50' },
        { account: 'case', debit: '0.00', credit: '10.00', balance: '-10.00' },
      ]);
    });
  });

  describe('in the database', () => {
    let database: Database;
    before(async () => {
      database = await freshDatabase();
    });
    after(() => database?.close());

    it('posts a balanced transaction with its entries in one go', async () => {
      const ref = randomUUID();
      const row = await database.db.transaction((tx) =>
        postTransaction(tx, { at: AT, caseId: null, kind: 'test', memo: 'balanced', ref, entries: [{ account: 'x', debit: '12.30' }, { account: 'y', credit: '12.3' }] }),
      );
      const entries = await database.db.select().from(ledgerEntries).where(eq(ledgerEntries.transactionId, row.id));
      expect(entries.map((e) => [e.account, e.debit, e.credit])).to.deep.equal([
        ['x', '12.30', '0.00'],
        ['y', '0.00', '12.30'],
      ]);
    });

    it('when a transaction does not balance, then postTransaction refuses it and nothing is written', async () => {
      const before = await database.db.select().from(ledgerTransactions);
      let caught: unknown;
      try {
        await database.db.transaction((tx) =>
          postTransaction(tx, { at: AT, caseId: null, kind: 'test', memo: 'unbalanced', ref: randomUUID(), entries: [{ account: 'x', debit: '10.00' }, { account: 'y', credit: '9.00' }] }),
        );
      } catch (err) {
        caught = err;
      }
      expect(caught).to.be.instanceOf(LedgerError);
      expect((await database.db.select().from(ledgerTransactions)).length).to.equal(before.length);
    });

    it('when entries that do not balance are written behind postTransaction\'s back, then the database refuses the commit', async () => {
      const id = randomUUID();
      let caught: unknown;
      try {
        await database.db.transaction(async (tx) => {
          await tx.insert(ledgerTransactions).values({ id, at: AT, caseId: null, kind: 'test', memo: 'forged', ref: id });
          await tx.insert(ledgerEntries).values([
            { transactionId: id, line: 0, account: 'x', debit: '10.00', credit: '0' },
            { transactionId: id, line: 1, account: 'y', debit: '0', credit: '1.00' },
          ]);
        });
      } catch (err) {
        caught = err;
      }
      expect(sqlState(caught), String(caught)).to.equal('23514');
      expect(await database.db.select().from(ledgerTransactions).where(eq(ledgerTransactions.id, id))).to.have.length(0);
    });

    it('refuses an entry on both sides, and any change or removal of what was posted', async () => {
      const id = randomUUID();
      const bothSides = await database.db
        .transaction(async (tx) => {
          await tx.insert(ledgerTransactions).values({ id, at: AT, caseId: null, kind: 'test', memo: 'both', ref: id });
          await tx.insert(ledgerEntries).values([{ transactionId: id, line: 0, account: 'x', debit: '1.00', credit: '1.00' }]);
        })
        .catch((err: unknown) => err);
      expect(sqlState(bothSides)).to.equal('23514');

      const row = await database.db.transaction((tx) =>
        postTransaction(tx, { at: AT, caseId: null, kind: 'test', memo: 'kept', ref: randomUUID(), entries: [{ account: 'x', debit: '1.00' }, { account: 'y', credit: '1.00' }] }),
      );
      const update = await database.db.update(ledgerEntries).set({ debit: '2.00' }).where(eq(ledgerEntries.transactionId, row.id)).catch((err: unknown) => err);
      expect(sqlState(update)).to.equal('42501');
      const remove = await database.db.delete(ledgerTransactions).where(eq(ledgerTransactions.id, row.id)).catch((err: unknown) => err);
      expect(sqlState(remove)).to.equal('42501');
      const truncate = await database.db.execute(sql`truncate ledger_entries`).catch((err: unknown) => err);
      expect(sqlState(truncate)).to.equal('42501');
    });
  });
});
