export * from './domain';
export * from './touchpoint';
export * from './limits';
export * from './api';
