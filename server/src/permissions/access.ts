/** Role groups that several routes share (each route still states its own access). */
export const STAFF_READERS = ['agent', 'leader', 'manager', 'admin'] as const;
export const SHARERS = ['agent', 'leader'] as const;
/** Those who oversee other agents' contacts (a team, a subtree, the company). */
export const TEAM_OVERSEERS = ['leader', 'manager', 'admin'] as const;
export const CONTENT_READERS = ['agent', 'leader', 'manager', 'operator', 'admin'] as const;
export const OPERATORS = ['operator', 'admin'] as const;
export const VIEWERS = ['viewer'] as const;
export const ADMINS = ['admin'] as const;
/** Who manages staff (invite, move, deactivate) and hands contacts over: an admin anywhere, a manager in their subtree. */
export const STAFF_MANAGERS = ['manager', 'admin'] as const;
/** Who allocates from a team's pool and sees members' overdue follow-ups: leaders, managers, admins, within their scope. */
export const LEADERS = ['leader', 'manager', 'admin'] as const;

/** The 429 of the routes middleware/rate-limit.ts limits (login, events, leads). */
export const RATE_LIMITED = 'too many requests from this user, IP or share: retry after Retry-After';

/** The 404 of the routes whose body names the share link the reader came through. */
export const INVALID_SHARE = 'the shareId is not a valid share link';

/**
 * What a route that publishes text to customers may also answer: the one compliance check
 * (content/compliance.service.ts: the operators' forbidden words, then WeChat's msgSecCheck)
 * refuses the text, or WeChat cannot judge it.
 */
export const COMPLIANCE_ERRORS = {
  422: 'forbidden words (listed in details) or WeChat did not pass the text', 502: 'WeChat answered with something unreadable',
  503: 'WeChat or the database unreachable; retry after Retry-After',
} as const;
