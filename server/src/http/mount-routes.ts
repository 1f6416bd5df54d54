import type Router from '@koa/router';
import type { Context, Next } from 'koa';
import { requireAuth, AuthDeps } from '../middleware/auth';
import { ROUTE_PERMISSIONS } from '../permissions/route-permissions';
import { RouteDef, routeKey } from './route';

/** Registers routes with the auth their permissions-table entry demands; no entry, no start. */
export function mountRoutes(router: Router, routes: RouteDef[], auth: AuthDeps): void {
  for (const route of routes) {
    const permission = ROUTE_PERMISSIONS[routeKey(route)];
    if (permission === undefined) throw new Error(`route ${routeKey(route)} has no entry in ROUTE_PERMISSIONS`);
    const handler = (ctx: Context) => route.handler(ctx);
    if (permission === 'public') router[route.method](route.path, handler);
    else router[route.method](route.path, requireAuth(auth, permission) as (ctx: Context, next: Next) => Promise<void>, handler);
  }
}
