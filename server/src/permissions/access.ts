/** Role groups that several routes share (each route still states its own access). */
export const STAFF_READERS = ['agent', 'leader', 'manager', 'admin'] as const;
export const SHARERS = ['agent', 'leader'] as const;
export const CONTENT_READERS = ['agent', 'leader', 'manager', 'operator', 'admin'] as const;
export const OPERATORS = ['operator', 'admin'] as const;
export const VIEWERS = ['viewer'] as const;
export const ADMINS = ['admin'] as const;

/** The 429 of the routes middleware/rate-limit.ts limits (login, events, leads). */
export const RATE_LIMITED = 'too many requests from this user, IP or share: retry after Retry-After';
