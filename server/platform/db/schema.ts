/** Every table of every module, for Drizzle and drizzle-kit. Modules still touch only their own tables. */
export * from '../../modules/courts/court.tables';
export * from '../../modules/institutions/institution.tables';
export * from '../../modules/accounts/account.tables';
export * from '../../modules/cases/case.tables';
export * from '../../modules/audit/audit.tables';
export * from '../../modules/network/network.tables';
export * from '../../modules/inquiry/inquiry.tables';
export * from '../../modules/inbox/inbox.tables';
export * from '../../modules/measures/measure.tables';
export * from '../../modules/ledger/ledger.tables';
export * from '../../modules/valuation/valuation.tables';
export * from '../../modules/auctions/auction.tables';
export * from '../../modules/auctions/bidding.tables';
export * from '../../modules/payments/payment.tables';
export * from '../../modules/closing/closing.tables';
