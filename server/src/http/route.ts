import type { Context } from 'koa';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One endpoint. Who may call it is not said here but in permissions/route-permissions.ts. */
export interface RouteDef {
  method: HttpMethod;
  /** @koa/router path, e.g. "/api/contacts/:id". */
  path: string;
  handler: (ctx: Context) => Promise<void>;
}

/** "POST /api/contacts/:id" — the key of a route in the permissions table and the OpenAPI check. */
export const routeKey = (route: Pick<RouteDef, 'method' | 'path'>) => `${route.method.toUpperCase()} ${route.path}`;
