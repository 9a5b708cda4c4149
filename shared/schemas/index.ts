export * from './common';
export * from './auth';
export * from './courts';
export * from './cases';
export * from './inquiry';
export * from './inbox';
export * from './measures';
export * from './auctions';
