import { randomUUID } from 'node:crypto';
import { formatMoney } from '../../../shared/money';
import type { Db } from '../../platform/db/database';
import { ledgerProblem, type EntryInput } from './ledger.rules';
import { insertTransaction, type LedgerTransactionRow } from './ledger.store';

export interface PostInput {
  at: Date;
  caseId: string | null;
  kind: string;
  memo: string;
  /** What it records; one transaction per kind and ref (a second post of the same ref fails). */
  ref: string;
  entries: EntryInput[];
}

/** A transaction that does not balance or is malformed: a programming error, never the user's. */
export class LedgerError extends Error {
  constructor(readonly problem: string) {
    super(`ledger transaction refused: ${problem}`);
    this.name = 'LedgerError';
  }
}

/**
 * Posts a balanced double-entry transaction inside the caller's transaction. Refuses (throws LedgerError) fewer than
 * two entries, an entry with both or neither side, a non-positive amount, and debits that do not equal credits.
 */
export async function postTransaction(tx: Db, input: PostInput): Promise<LedgerTransactionRow> {
  const problem = ledgerProblem(input.entries);
  if (problem) throw new LedgerError(problem);
  const row: LedgerTransactionRow = { id: randomUUID(), at: input.at, caseId: input.caseId, kind: input.kind, memo: input.memo, ref: input.ref };
  await insertTransaction(
    tx,
    row,
    input.entries.map((e, line) => ({
      transactionId: row.id,
      line,
      account: e.account,
      debit: e.debit === undefined ? '0.00' : formatMoney(e.debit),
      credit: e.credit === undefined ? '0.00' : formatMoney(e.credit),
    })),
  );
  return row;
}
