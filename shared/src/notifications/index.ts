export * from './quiet-hours';
