import type { Role } from '@kejing/shared';

const STAFF_READERS: Role[] = ['agent', 'leader', 'manager', 'admin'];
const SHARERS: Role[] = ['agent', 'leader'];
const CONTENT_READERS: Role[] = ['agent', 'leader', 'manager', 'operator', 'admin'];
const OPERATORS: Role[] = ['operator', 'admin'];

/**
 * What the admin bootstrap token (ADMIN_BOOTSTRAP_TOKEN) opens, and only until an admin has bound
 * WeChat: the org units (to see whether the company exists, and create it) and one staff member,
 * an admin, whose invite code the first admin binds. Every other route, and these once an admin is
 * bound, need a WeChat session: a shared secret that never expires must not read personal data.
 */
export const BOOTSTRAP_ROUTES: ReadonlySet<string> = new Set(['GET /api/admin/org-units', 'POST /api/admin/org-units', 'POST /api/admin/staff']);

/**
 * Every route × who may call it. "public" needs no session; "viewer" is anyone logged in via
 * WeChat. The router refuses to start if a route has no entry here, and a test checks both ways.
 */
export const ROUTE_PERMISSIONS: Record<string, 'public' | readonly Role[]> = {
  'GET /health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/bind': ['viewer'],
  'GET /api/me': ['viewer'],

  'GET /api/admin/org-units': ['admin'],
  'POST /api/admin/org-units': ['admin'],
  'POST /api/admin/staff': ['admin'],
  'POST /api/admin/content': ['admin'],

  'GET /api/content': CONTENT_READERS,
  'GET /api/content/versions/:versionId': CONTENT_READERS,
  'GET /api/tags': CONTENT_READERS,

  // The content platform (issue 5): operators author, review and measure content.
  'GET /operator': 'public',
  'GET /operator/:asset': 'public',
  'GET /api/operator/content': OPERATORS,
  'POST /api/operator/content': OPERATORS,
  'GET /api/operator/content/:itemId': OPERATORS,
  'PUT /api/operator/content/:itemId': OPERATORS,
  'PUT /api/operator/content/:itemId/visibility': OPERATORS,
  'POST /api/operator/content/:itemId/submit': OPERATORS,
  'POST /api/operator/content/:itemId/approve': OPERATORS,
  'POST /api/operator/content/:itemId/reject': OPERATORS,
  'POST /api/operator/content/:itemId/retire': OPERATORS,
  'GET /api/operator/content/:itemId/versions/:versionId': OPERATORS,
  'GET /api/operator/forbidden-words': OPERATORS,
  'POST /api/operator/forbidden-words': OPERATORS,
  'DELETE /api/operator/forbidden-words/:wordId': OPERATORS,
  'GET /api/operator/org-units': OPERATORS,
  'POST /api/operator/tags': OPERATORS,
  'PUT /api/operator/tags/:code': OPERATORS,
  'GET /api/operator/analytics/content': OPERATORS,
  'GET /api/operator/analytics/content/:itemId': OPERATORS,
  'GET /api/operator/analytics/tags': OPERATORS,

  'POST /api/shares': SHARERS,
  'GET /api/shares/:shareId/poster-code': SHARERS,
  'GET /api/shares/scenes/:scene': ['viewer'],
  'POST /api/shares/:shareId/open': ['viewer'],
  'POST /api/shares/:shareId/forward': ['viewer'],
  'POST /api/events': ['viewer'],
  'POST /api/leads': ['viewer'],

  'GET /api/contacts': STAFF_READERS,
  'GET /api/contacts/grid': STAFF_READERS,
  'GET /api/contacts/:contactId': STAFF_READERS,
  'POST /api/contacts/:contactId/actions': SHARERS,
  'POST /api/contacts/:contactId/leads/:leadId/reveal-phone': SHARERS,
  // The contact book (issue 13): the agent who holds a contact describes it, notes it and calls it.
  'POST /api/contacts': SHARERS,
  'PUT /api/contacts/:contactId': SHARERS,
  'POST /api/contacts/:contactId/reveal-phone': SHARERS,
  'POST /api/contacts/:contactId/notes': SHARERS,
  'PUT /api/contacts/:contactId/notes/:noteId': SHARERS,
  'DELETE /api/contacts/:contactId/notes/:noteId': SHARERS,

  'GET /api/card': SHARERS,
  'PUT /api/card': SHARERS,

  'GET /api/tasks/today': SHARERS,
  'POST /api/tasks/:taskId/done': SHARERS,
  'POST /api/tasks/:taskId/dismiss': SHARERS,
  'POST /api/tasks/:taskId/snooze': SHARERS,
  'GET /api/follow-up-rules': ['agent', 'leader', 'manager', 'operator', 'admin'],
  'PUT /api/follow-up-rules': ['operator', 'admin'],
  'GET /api/radar': SHARERS,

  // Personal data (PIPL): the person's own controls, and staff handling of a person's request.
  'GET /api/privacy/me/consents': ['viewer'],
  'POST /api/privacy/me/consents': ['viewer'],
  'POST /api/privacy/me/consents/:consentId/withdraw': ['viewer'],
  'POST /api/privacy/me/opt-out': ['viewer'],
  'DELETE /api/privacy/me/opt-out': ['viewer'],
  'GET /api/privacy/me/export': ['viewer'],
  'DELETE /api/privacy/me': ['viewer'],
  'GET /api/privacy/contacts/:contactId/export': ['agent', 'leader', 'manager', 'operator', 'admin'],
  'DELETE /api/privacy/contacts/:contactId': ['operator', 'admin'],

  // KYB134, the process funnel and the deal index (issue 6): scope is checked in the service (out of scope → 404).
  'GET /api/dashboards/agent/me': SHARERS,
  'GET /api/dashboards/agents/:agentId': STAFF_READERS,
  'GET /api/dashboards/team/:teamId': ['leader', 'manager', 'admin'],
  'GET /api/dashboards/org/:orgUnitId': ['leader', 'manager', 'admin'],
  'GET /api/dashboards/funnel': STAFF_READERS,
  'POST /api/dashboards/snapshots': ['admin'],
  'POST /api/study': SHARERS,
  'GET /api/contacts/:contactId/deal-index': STAFF_READERS,
};
