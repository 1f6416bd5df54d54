import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRoutes } from '../app';
import { routeKey } from '../http/route';
import { ROUTE_PERMISSIONS } from '../permissions/route-permissions';
import type { Services } from '../services';
import { buildOpenApi } from './build-openapi';
import { ROUTE_DOCS } from './route-docs';

// Route factories only read services inside handlers, so listing routes needs none.
const routes = allRoutes({} as Services);
const keys = routes.map(routeKey).sort();

describe('the OpenAPI document', () => {
  it('documents every route of the router, and nothing else', () => {
    expect(Object.keys(ROUTE_DOCS).sort()).toEqual(keys);
  });

  it('has a permissions entry for every route, and no entry without a route', () => {
    expect(Object.keys(ROUTE_PERMISSIONS).sort()).toEqual(keys);
  });

  it('in docs/openapi.json is what the router says today (run `npm run openapi -w server` after changing routes)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi(routes))));
  });

  it('says which routes need a session and answers 401 for them', () => {
    const doc = buildOpenApi(routes) as { paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>> };
    for (const route of routes) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      expect(op).toBeDefined();
      const isPublic = ROUTE_PERMISSIONS[routeKey(route)] === 'public';
      expect(op?.security.length === 0).toBe(isPublic);
      if (!isPublic) expect(Object.keys(op?.responses ?? {})).toContain('401');
    }
  });
});
