/** KYB134, the team data layer: activity, assets, KASH, plans, and the process funnel. */
export * from './day';
export * from './stage-history';
export * from './activity';
export * from './assets';
export * from './kash-types';
export * from './kash-knowledge';
export * from './kash-attitude';
export * from './kash-skill';
export * from './kash-habit';
export * from './kash';
export * from './percentile';
export * from './mcip';
export * from './omip';
export * from './process-funnel';
export * from './premium-actuals';
export * from './forecast-periods';
