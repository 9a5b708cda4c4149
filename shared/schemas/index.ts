export * from './common';
export * from './auth';
export * from './courts';
export * from './cases';
