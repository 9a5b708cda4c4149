/** The double-entry ledger of money the court receives (deductions), and a case's view of it. */
export { postTransaction, LedgerError, type PostInput } from './post-transaction';
export { caseLedger, caseMoney } from './case-ledger';
export { payOut } from './pay-out';
export { ledgerRoutes } from './ledger.routes';
export {
  courtFundsAccount,
  caseRecoveredAccount,
  depositEscrowAccount,
  bidderDepositAccount,
  auctionPriceAccount,
  forfeitedDepositAccount,
  auctionCostsAccount,
  ledgerProblem,
  type EntryInput,
  type LedgerProblem,
} from './ledger.rules';
export { recoveredCredits, type LedgerTransactionRow, type LedgerEntryRow } from './ledger.store';
