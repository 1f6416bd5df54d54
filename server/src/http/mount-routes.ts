import Router from '@koa/router';
import compose from 'koa-compose';
import type { Context, Middleware, Next } from 'koa';
import { requireAuth, AuthDeps } from '../middleware/auth';
import { BOOTSTRAP_ROUTES, ROUTE_PERMISSIONS } from '../permissions/route-permissions';
import { RouteDef, routeKey } from './route';

/** Static path segments that name an area ("/api/events", "/health"): at most two, none a parameter. */
const AREA_DEPTH = 2;

/** The area of a route path: its leading static segments. */
export function routeArea(path: string): string {
  const segments = path.split('/').slice(1, AREA_DEPTH + 1);
  const end = segments.findIndex((s) => s.startsWith(':') || s === '');
  return `/${(end === -1 ? segments : segments.slice(0, end)).join('/')}`.toLowerCase();
}

/**
 * Registers routes with the auth their permissions-table entry demands (no entry, no start) and
 * returns the middleware that serves them.
 *
 * @koa/router tests a request against every route it holds, one regular expression each; with
 * seventy routes that was a measurable share of the ingestion endpoint's own cost. So routes are
 * grouped by area, one router per area, and a request is matched only against its area's routes
 * (405 and Allow still come from that area's router). Areas are found by the request path's first
 * two segments, then its first one; they must not overlap, which is checked here.
 */
export function mountRoutes(routes: RouteDef[], auth: AuthDeps): Middleware {
  const routers = new Map<string, Router>();
  for (const route of routes) {
    const permission = ROUTE_PERMISSIONS[routeKey(route)];
    if (permission === undefined) throw new Error(`route ${routeKey(route)} has no entry in ROUTE_PERMISSIONS`);
    const area = routeArea(route.path);
    let router = routers.get(area);
    if (!router) routers.set(area, (router = new Router()));
    const handler = (ctx: Context) => route.handler(ctx);
    if (permission === 'public') router[route.method](route.path, handler);
    else router[route.method](route.path, requireAuth(auth, permission, { bootstrap: BOOTSTRAP_ROUTES.has(routeKey(route)) }), handler);
  }
  for (const area of routers.keys()) {
    const outer = routeArea(area.split('/').slice(0, 2).join('/'));
    if (outer !== area && routers.has(outer)) throw new Error(`route area ${area} overlaps ${outer}: a request could only reach one of them`);
  }
  const areas = new Map<string, Middleware>();
  for (const [area, router] of routers) areas.set(area, compose([router.routes(), router.allowedMethods()]) as Middleware);

  const areaOf = (path: string): Middleware | undefined => {
    const first = path.indexOf('/', 1);
    if (first === -1) return areas.get(path);
    const second = path.indexOf('/', first + 1);
    return areas.get(second === -1 ? path : path.slice(0, second)) ?? areas.get(path.slice(0, first));
  };
  return function dispatchToArea(ctx: Context, next: Next) {
    // Paths match case-insensitively, as @koa/router does; nearly all arrive in lower case already.
    const area = areaOf(ctx.path) ?? areaOf(ctx.path.toLowerCase());
    return area ? area(ctx, next) : next();
  };
}
