import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import Koa from 'koa';
import { EVENT_BATCH_MAX_BYTES, IMPORT_UPLOAD_MAX_BYTES, IMPORT_UPLOAD_PATH } from '@kejing/shared';
import { mountRoutes } from './http/mount-routes';
import type { RouteDef } from './http/route';
import { errorHandler } from './middleware/error-handler';
import { parseJsonBody } from './middleware/json-body';
import { rateLimits, RateLimitStore } from './middleware/rate-limit';
import { requireWellFormedText } from './middleware/well-formed-text';
import { adminRoutes } from './modules/admin/admin.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { cardRoutes } from './modules/card/card.routes';
import { personaTemplatesRoutes } from './modules/card/persona-templates.routes';
import { staffLifecycleRoutes } from './modules/handover/staff-lifecycle.routes';
import { adminConsolePageRoutes } from './modules/admin/admin-console-page.routes';
import { contactsRoutes } from './modules/contacts/contacts.routes';
import { importsRoutes } from './modules/imports/imports.routes';
import { contentAnalyticsRoutes } from './modules/content/content-analytics.routes';
import { contentOperatorRoutes } from './modules/content/content-operator.routes';
import { contentRoutes } from './modules/content/content.routes';
import { operatorPageRoutes } from './modules/operator/operator-page.routes';
import { tagsRoutes } from './modules/tags/tags.routes';
import { eventsRoutes } from './modules/events/events.routes';
import { healthRoutes } from './modules/health/health.routes';
import { leadsRoutes } from './modules/leads/leads.routes';
import { sharesRoutes } from './modules/shares/shares.routes';
import { radarRoutes } from './modules/radar/radar.routes';
import { tasksRoutes } from './modules/tasks/tasks.routes';
import { remindersRoutes } from './modules/tasks/reminders.routes';
import { dashboardsRoutes } from './modules/dashboards/dashboards.routes';
import { dealIndexRoutes } from './modules/deal-index/deal-index.routes';
import { privacyRoutes } from './modules/privacy/privacy.routes';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { uploadsRoutes } from './modules/uploads/uploads.routes';
import { policiesRoutes } from './modules/policies/policies.routes';
import { referralsRoutes } from './modules/referrals/referrals.routes';
import type { Services } from './services';
import { consoleAssetRoutes } from './http/static-page';

/** Every route of the API, in one list: the permissions test and the OpenAPI test read it. */
export function allRoutes(s: Services): RouteDef[] {
  return [
    ...healthRoutes(s), ...authRoutes(s), ...adminRoutes(s), ...contentRoutes(s), ...contentOperatorRoutes(s), ...contentAnalyticsRoutes(s), ...tagsRoutes(s), ...operatorPageRoutes(), ...sharesRoutes(s), ...eventsRoutes(s),
    ...leadsRoutes(s), ...contactsRoutes(s), ...importsRoutes(s), ...cardRoutes(s), ...tasksRoutes(s), ...remindersRoutes(s), ...radarRoutes(s),
    ...dashboardsRoutes(s), ...dealIndexRoutes(s),
    ...privacyRoutes(s),
    ...staffLifecycleRoutes(s), ...personaTemplatesRoutes(s), ...adminConsolePageRoutes(), ...consoleAssetRoutes(),
    ...notificationsRoutes(s), ...uploadsRoutes(s),
    ...policiesRoutes(s), ...referralsRoutes(s),
  ];
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.json': 'application/json', '.ico': 'image/x-icon',
};

/** Serves the mini program's H5 build from the API's own origin (no CORS needed). */
function serveH5(root: string): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' || ctx.path.startsWith('/api/') || ctx.path === '/health') return next();
    const relative = normalize(ctx.path === '/' ? '/index.html' : ctx.path).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, relative);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return next();
    ctx.type = MIME[extname(file)] ?? 'application/octet-stream';
    ctx.body = readFileSync(file);
  };
}

export interface AppOptions {
  h5Dir?: string | null;
  /** Where rate-limit counters live when services.config.rateLimits is set; in memory by default. */
  rateLimitStore?: RateLimitStore;
}

/** Builds the Koa app: error handler first, then body parsing, then routes. Never listens. */
export function createApp(services: Services, options: AppOptions = {}): Koa {
  const app = new Koa();
  // X-Forwarded-For is believed only for the configured proxies (none by default): otherwise a
  // client writing the header would choose the key of every per-IP limit. Koa takes the last
  // `hops` entries, those the trusted proxies appended, and the farthest of them is the client.
  const hops = services.config.trustProxyHops ?? 0;
  app.proxy = hops > 0;
  app.maxIpsCount = hops;
  app.use(errorHandler(services.logger));
  app.use((ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    return next();
  });
  if (options.h5Dir) app.use(serveH5(options.h5Dir));
  // jsonLimit bounds the inflated body: co-body inflates gzip/deflate/br and raw-body counts what comes out (a gzip bomb is a 413).
  const parseSmallJson = parseJsonBody({ enableTypes: ['json'], jsonLimit: EVENT_BATCH_MAX_BYTES, encoding: 'utf-8' });
  // An import carries a file (base64): its one path gets the larger limit, every other body the small one.
  const parseUploadJson = parseJsonBody({ enableTypes: ['json'], jsonLimit: IMPORT_UPLOAD_MAX_BYTES, encoding: 'utf-8' });
  app.use((ctx, next) => (ctx.path === IMPORT_UPLOAD_PATH && ctx.method === 'POST' ? parseUploadJson(ctx, next) : parseSmallJson(ctx, next)));
  app.use(requireWellFormedText);
  if (services.config.rateLimits) {
    app.use(rateLimits({
      config: services.config.rateLimits, store: options.rateLimitStore ?? { kind: 'memory', map: new Map() }, tokens: services.tokens, clock: services.clock,
      onStoreError: (error) => services.logger.warn('rate-limit store failed; letting the request through', { detail: (error as Error)?.message?.slice(0, 200) }),
    }));
  }
  app.use(mountRoutes(allRoutes(services), {
    tokens: services.tokens, sessions: services.sessions, clock: services.clock, dataSource: services.dataSource, adminBootstrapToken: services.config.adminBootstrapToken,
  }));
  return app;
}
