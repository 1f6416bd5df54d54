import type { RouteDef } from '../../http/route';
import { staticPageRoutes } from '../../http/static-page';
import { ERROR_MESSAGES_JS } from '../../http/error-messages-script';

/** The admin console (管理台) for admins, managers and leaders: static HTML + JS that uses the admin API. */
export function adminConsolePageRoutes(): RouteDef[] {
  return staticPageRoutes({
    path: '/admin', folder: 'admin-console', script: 'admin.js', stylesheet: 'admin.css', tag: 'admin',
    generated: new Map([['error-messages.js', ERROR_MESSAGES_JS]]),
    summary: 'The admin console (管理台): org tree, staff, handover, the pool, follow-up rules, persona templates; static HTML using the API with a pasted token',
    csp: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  });
}
