export * from './ledger/index.js';
