import Router from '@koa/router';
import compose from 'koa-compose';
import type { Context, Middleware, Next } from 'koa';
import { requireAuth, AuthDeps, AuthState } from '../middleware/auth';
import { validated } from '../middleware/validate';
import type { RouteDef } from './route';

/** Static path segments that name an area ("/api/events", "/health"): at most two, none a parameter. */
const AREA_DEPTH = 2;

/** The area of a route path: its leading static segments. */
export function routeArea(path: string): string {
  const segments = path.split('/').slice(1, AREA_DEPTH + 1);
  const end = segments.findIndex((s) => s.startsWith(':') || s === '');
  return `/${(end === -1 ? segments : segments.slice(0, end)).join('/')}`.toLowerCase();
}

/**
 * The handler of one route: validates the declared body and query DTOs (400 with every field),
 * hands the route's handler its typed input and answers the declared status with what it returns.
 * A route with nothing to validate (POST /api/events) gets no extra await.
 */
function serve(route: RouteDef) {
  const bodyDto = typeof route.body === 'function' ? route.body : undefined;
  const queryDto = route.query;
  const answersBody = route.responds !== 'nothing';
  const run = (ctx: Context, body: unknown, query: unknown): Promise<void> => {
    const state = ctx.state as AuthState;
    // Set first, so a handler may still choose another (a replayed lead is 200, a down database 503).
    ctx.status = route.status;
    return route.handler({ body, query, params: ctx.params as Record<string, string>, userId: state.userId, actor: state.actor, ctx }).then((result) => {
      if (answersBody) ctx.body = result;
    });
  };
  if (!bodyDto && !queryDto) return (ctx: Context) => run(ctx, ctx.request.body, undefined);
  return async (ctx: Context) => {
    const body = bodyDto ? await validated(bodyDto, ctx.request.body) : ctx.request.body;
    const query = queryDto ? await validated(queryDto, { ...ctx.query }) : undefined;
    return run(ctx, body, query);
  };
}

/**
 * Registers routes with the auth their declared access demands and returns the middleware that
 * serves them.
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
    // The type requires it; this catches a route built outside `route()` (plain JS, a cast).
    if (route.access === undefined) throw new Error(`route ${route.method.toUpperCase()} ${route.path} declares no access`);
    const area = routeArea(route.path);
    let router = routers.get(area);
    if (!router) routers.set(area, (router = new Router()));
    const handler = serve(route);
    if (route.access === 'public') router[route.method](route.path, handler);
    else router[route.method](route.path, requireAuth(auth, route.access, { bootstrap: route.bootstrap }), handler);
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
