/** The deal index (成交指数): features, model, explanation, stage prior, evaluation, training. */
export * from './features';
export * from './model';
export * from './evaluation';
export * from './prior';
export * from './explain';
export * from './training';
export * from './score-deal';
export * from './past-outcomes';
