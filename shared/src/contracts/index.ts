export * from './domain';
export * from './touchpoint';
export * from './limits';
export * from './api';
export * from './content-platform';
export * from './dashboards';
export * from './responses';
export * from './contact-profile';
