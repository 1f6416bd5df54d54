import { getMetadataStorage, IS_ISO8601, ValidationTypes } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
// class-transformer keeps its @Type() metadata here and exports it under this path only.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import type { ISchemaConverters } from 'class-validator-jsonschema/build/defaultConverters';
import type { Responds, RouteDef } from '../http/route';
import { routeKey } from '../http/route';
import { contractSchemas, responseSchema } from './contract-schemas';

const ERROR_REF = { $ref: '#/components/schemas/ApiError' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_REF } } });

/** How the success description names the body: the contract's name, or the media described for people. */
const returnsOf = (responds: Responds) => (typeof responds === 'string' ? responds : responds.returns);

/** The success response (and any status that carries the same body) as the route declares it. */
function successResponse(route: RouteDef, description: string): object {
  const { responds } = route;
  if (typeof responds !== 'string') return { description, content: Object.fromEntries(responds.media.map((media) => [media, {}])) };
  const schema = responseSchema(responds);
  return schema ? { description, content: { 'application/json': { schema } } } : { description };
}

/**
 * class-validator-jsonschema's defaults that are not valid OpenAPI: "defined" added
 * `not: {type: null}` beside a $ref (presence is `required` already, and a $ref to an object
 * refuses null), and ISO-8601 said `oneOf` two formats a date-only string and a date-time never
 * both meet, yet every string meets both when formats are not asserted.
 */
const CONVERTERS: ISchemaConverters = {
  [ValidationTypes.IS_DEFINED]: {},
  [IS_ISO8601]: { type: 'string', anyOf: [{ format: 'date' }, { format: 'date-time' }] },
};

function bodySchemaRef(body: RouteDef['body']): object | undefined {
  if (body === undefined) return undefined;
  return { $ref: `#/components/schemas/${body.name}` };
}

function parameters(route: RouteDef, schemas: Record<string, { properties?: Record<string, object> }>): object[] {
  const path = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const props = route.query ? schemas[route.query.name]?.properties ?? {} : {};
  const query = Object.entries(props).map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
  return [...path, ...query];
}

/** Schemas of bodies that services check themselves, from the routes that declare them. */
function checkedBodySchemas(routes: RouteDef[]): Record<string, object> {
  const out: Record<string, object> = {};
  for (const route of routes) if (route.body !== undefined && typeof route.body !== 'function') out[route.body.name] = route.body.schema;
  return out;
}

/**
 * The DTO schemas a path refers to, directly or through another DTO. The rest would be components
 * nothing uses: a query DTO is documented as its parameters, and a DTO's base class (PageQuery,
 * ContactFieldsDto) has its fields copied into each class that extends it.
 */
function referredTo(dtoSchemas: Record<string, object>, paths: object): Record<string, object> {
  const out: Record<string, object> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        const name = key === '$ref' && typeof value === 'string' ? value.replace('#/components/schemas/', '') : undefined;
        if (name !== undefined && dtoSchemas[name] && !(name in out)) visit((out[name] = dtoSchemas[name]));
        else visit(value);
      }
    }
  };
  visit(paths);
  return out;
}

/** Request and response schemas in one namespace: a DTO and a contract type of the same name would hide one another. */
function uniquelyNamed(...groups: Record<string, object>[]): Record<string, object> {
  const out: Record<string, object> = {};
  for (const group of groups) {
    for (const [name, schema] of Object.entries(group)) {
      if (name in out) throw new Error(`two schemas are called ${name}: rename the DTO or the contract type`);
      out[name] = schema;
    }
  }
  return out;
}

/** The OpenAPI 3 document of every route, from the routes' own declarations; request schemas from the DTOs. */
export function buildOpenApi(routes: RouteDef[]): Record<string, unknown> {
  const schemas = validationMetadatasToSchemas({
    classValidatorMetadataStorage: getMetadataStorage(), refPointerPrefix: '#/components/schemas/', additionalConverters: CONVERTERS,
    // Without it a list of nested DTOs (@ValidateNested({ each: true }) @Type(() => X)) refers to a schema called "Array".
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as Record<string, { properties?: Record<string, object> }>;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of [...routes].sort((a, b) => routeKey(a).localeCompare(routeKey(b)))) {
    const { access } = route;
    const openPath = route.path.replace(/:(\w+)/g, '{$1}');
    const responses: Record<string, unknown> = {
      [route.status]: successResponse(route, `returns ${returnsOf(route.responds)} (shared/src/contracts)`),
    };
    for (const [status, description] of Object.entries(route.alsoAnswers ?? {})) responses[status] = successResponse(route, description);
    // Every route: text that is not valid Unicode is refused before routing, in any query string or body (middleware/well-formed-text.ts).
    responses[400] = errorResponse('invalid input: details list each field and reason');
    if (access !== 'public') {
      responses[401] = errorResponse('no session, or an invalid or expired one');
      if (!access.includes('viewer')) responses[403] = errorResponse(`only ${access.join(', ')}`);
    }
    if (/:\w+/.test(route.path)) responses[404] = errorResponse('not found, or outside the caller\'s scope');
    if (route.body !== undefined) responses[413] = errorResponse('request body too large');
    for (const [status, description] of Object.entries(route.errors ?? {})) responses[status] = errorResponse(description);
    if (!responses[503]) responses[503] = errorResponse('database unavailable; retry after Retry-After');
    paths[openPath] = paths[openPath] ?? {};
    (paths[openPath] as Record<string, unknown>)[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      'x-roles': access === 'public' ? ['public'] : access,
      // The who-may-call-what table is read here: the routes the bootstrap token opens say so.
      ...(route.bootstrap ? { 'x-bootstrap-token': 'until an admin is bound' } : {}),
      security: access === 'public' ? [] : [{ session: [] }],
      parameters: parameters(route, schemas),
      ...(route.body !== undefined ? { requestBody: { required: true, content: { 'application/json': { schema: bodySchemaRef(route.body) } } } } : {}),
      responses,
    };
  }
  return {
    // 3.1: schemas are JSON Schema 2020-12, so the generated ones (type: [string, null], const) fit as they are.
    openapi: '3.1.0',
    info: {
      title: 'Kejing 客经 API',
      version: '0.1.0',
      description: 'Every endpoint of the Kejing server. Response types are named after shared/src/contracts; errors are { error: { code, message, details? } }. Generated by `npm run openapi -w server`; a test keeps it equal to the router.',
    },
    servers: [{ url: '/', description: 'the server that serves this document' }],
    components: {
      securitySchemes: { session: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (HS256), from /api/auth/login; the bootstrap token opens only org units and the first admin invite, until an admin is bound' } },
      schemas: uniquelyNamed(referredTo(schemas, paths), checkedBodySchemas(routes), contractSchemas()),
    },
    paths,
  };
}
