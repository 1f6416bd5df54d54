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

describe('the bootstrap token', () => {
  it('opens exactly the org units and creating staff (the first admin), and the document says so on those routes only', () => {
    const doc = buildOpenApi(routes) as { paths: Record<string, Record<string, { 'x-bootstrap-token'?: string }>> };
    const marked = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op['x-bootstrap-token']).map(([method]) => `${method.toUpperCase()} ${path}`));
    expect(marked.sort()).toEqual(['GET /api/admin/org-units', 'POST /api/admin/org-units', 'POST /api/admin/staff']);
    expect(routes.filter((r) => r.bootstrap).map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual(marked.sort());
  });
});

describe('response schemas', () => {
  type Op = { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; items?: { $ref?: string } } }> }> };
  const doc = buildOpenApi(routes) as { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

  it('every route that answers JSON has a schema for its success body, and every schema it names exists', () => {
    const missing: string[] = [];
    for (const route of routes) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method] as Op;
      const success = op.responses[String(route.status)];
      if (route.responds === 'nothing' || typeof route.responds !== 'string') continue;
      const schema = success?.content?.['application/json']?.schema;
      const ref = schema?.$ref ?? schema?.items?.$ref;
      if (!ref || !doc.components.schemas[ref.replace('#/components/schemas/', '')]) missing.push(`${route.method} ${route.path}`);
    }
    expect(missing).toEqual([]);
  });

  it('every $ref in the document names a schema it holds (a list of nested DTOs names its class, not "Array")', () => {
    const dangling = new Set<string>();
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string' && !doc.components.schemas[value.replace('#/components/schemas/', '')]) dangling.add(value);
          else visit(value);
        }
      }
    };
    visit(doc);
    expect([...dangling]).toEqual([]);
    expect(doc.components.schemas.CreateContactDto?.properties?.familyMembers).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/FamilyMemberDto' } });
  });

  it('holds no request schema that nothing refers to (query DTOs are parameters; a base DTO\'s fields are copied into its subclasses)', () => {
    const text = JSON.stringify(doc.paths) + JSON.stringify(doc.components.schemas);
    const unused = Object.keys(doc.components.schemas).filter((name) => name.endsWith('Dto') || name.endsWith('Query')).filter((name) => !text.includes(`"#/components/schemas/${name}"`));
    expect(unused).toEqual([]);
  });

  it('documents the 200 body of POST /api/events with its invalid[] (each field and reason), from the contract type', () => {
    const ingest = doc.components.schemas.IngestEventsResponse;
    expect(Object.keys(ingest?.properties ?? {}).sort()).toEqual(['duplicates', 'invalid', 'stored']);
    expect(ingest?.properties?.invalid).toEqual({ type: 'array', items: { $ref: '#/components/schemas/FieldError' } });
  });
});
