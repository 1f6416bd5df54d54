import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import type { Responds } from '../http/route';

/** The repository root, from src/openapi and from dist/openapi alike. */
const ROOT = join(__dirname, '..', '..', '..');

type Schema = Record<string, unknown>;

/** A component name OpenAPI accepts (^[a-zA-Z0-9._-]+$): "Page<ContentSummaryView>" → "Page_ContentSummaryView". */
export const componentName = (name: string) => name.replace(/[^\w.-]+/g, '_').replace(/_+$/, '');

/** Rewrites the generator's "#/definitions/X" pointers to the document's components. */
function relocate(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relocate);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [
    key,
    key === '$ref' && typeof inner === 'string' ? `#/components/schemas/${componentName(decodeURIComponent(inner.replace('#/definitions/', '')))}` : relocate(inner),
  ]));
}

/**
 * JSON Schemas of every response body in shared/src/contracts/responses.ts (DocumentedBodies), made
 * by ts-json-schema-generator from the same types the handlers are checked against: one component
 * per named type, and one per DocumentedBodies entry.
 */
export function contractSchemas(): Record<string, Schema> {
  const generated = createGenerator({
    path: join(ROOT, 'shared', 'src', 'contracts', 'responses.ts'),
    tsconfig: join(ROOT, 'shared', 'tsconfig.json'),
    type: 'DocumentedBodies',
    expose: 'export',
    topRef: true,
    jsDoc: 'basic',
    // The build type-checks shared already; checking again here would only slow the writer.
    skipTypeCheck: true,
    additionalProperties: false,
  }).createSchema('DocumentedBodies');
  const definitions = (generated.definitions ?? {}) as Record<string, Schema>;
  const out: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(definitions)) {
    if (name !== 'DocumentedBodies') out[componentName(name)] = relocate(schema) as Schema;
  }
  const bodies = (definitions.DocumentedBodies?.properties ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(bodies)) {
    const relocated = relocate(schema) as Schema;
    const own = `#/components/schemas/${componentName(name)}`;
    if (relocated.$ref !== own) out[componentName(name)] = relocated;
  }
  return out;
}

/** The success body's schema for what a route responds, or undefined when it answers no JSON. */
export function responseSchema(responds: Responds): Schema | undefined {
  if (typeof responds !== 'string' || responds === 'nothing') return undefined;
  const list = responds.endsWith('[]');
  const ref = { $ref: `#/components/schemas/${componentName(list ? responds.slice(0, -2) : responds)}` };
  return list ? { type: 'array', items: ref } : ref;
}
