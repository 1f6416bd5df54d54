import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRoutes } from '../app';
import type { Services } from '../services';
import { buildOpenApi } from './build-openapi';

// Route factories only read services inside handlers, so listing routes needs none.
const routes = allRoutes({} as Services);

describe('the OpenAPI document', () => {
  it('in docs/openapi.json is what the router says today (run `npm run openapi -w server` after changing routes)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'openapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApi(routes))));
  });

  it('says which routes need a session and answers 401 for them', () => {
    const doc = buildOpenApi(routes) as { paths: Record<string, Record<string, { security: unknown[]; responses: Record<string, unknown> }>> };
    for (const route of routes) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
      expect(op).toBeDefined();
      const isPublic = route.access === 'public';
      expect(op?.security.length === 0).toBe(isPublic);
      if (!isPublic) expect(Object.keys(op?.responses ?? {})).toContain('401');
    }
  });
});
