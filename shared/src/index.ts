/** The one import path for the domain and the wire contracts. */
export * from './contracts';
export * from './kyb134';
