/** The one import path for the domain and the wire contracts. */
export * from './contracts';
export * from './kyb134';
export * from './kyc1984';
export * from './deal-index';
export * from './notifications';
